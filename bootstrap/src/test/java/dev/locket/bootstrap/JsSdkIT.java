package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;



/**
 * Runs the {@code e2e/} suite, written with the official PocketBase JS SDK, against the real jar.
 * The build installs the SDK from npm itself ({@code npm ci}), so a clean clone passes.
 */
class JsSdkIT {
    @TempDir
    Path tmp;

    static final ObjectMapper JSON = new ObjectMapper();
    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theOfficialJsSdkWorksAgainstLocket() throws Exception {
        try (LocketProcess server = LocketProcess.serve(LocketProcess.sdkDataDir(tmp))) {
            aSubscriptionMadeRightAfterStartReceivesACreateMadeRightAfter(server);
            server.runSdk(tmp, Map.of(), ".");
        }
    }

    /**
     * Issue 14 item 4 (second half), on this freshly started jar (cold JVM, before the suite): a subscription
     * made as soon as {@code /api/health} answers receives a create made 300 ms after it was accepted. The
     * created user is deleted again so the suite starts from the usual data.
     */
    private void aSubscriptionMadeRightAfterStartReceivesACreateMadeRightAfter(LocketProcess server)
            throws Exception {
        String base = server.baseUrl();
        String token = JSON.readTree(post(base + "/api/collections/_superusers/auth-with-password", null,
                "{\"identity\":\"" + LocketProcess.SDK_EMAIL + "\",\"password\":\""
                        + LocketProcess.SDK_PASSWORD + "\"}").body()).get("token").asText();
        HttpResponse<Stream<String>> stream = http.send(HttpRequest.newBuilder(URI.create(base
                + "/api/realtime")).build(), HttpResponse.BodyHandlers.ofLines());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Iterator<String> it = stream.body().iterator();
        Thread.ofVirtual().start(() -> {
            try {
                while (it.hasNext()) {
                    lines.add(it.next());
                }
            } catch (RuntimeException closed) {
                // stream closed at the end of the test
            }
        });
        String id;
        try {
            String clientId = awaitLine(lines, "id:").substring(3);
            HttpResponse<String> sub = post(base + "/api/realtime", token,
                    "{\"clientId\":\"" + clientId + "\",\"subscriptions\":[\"users/*\"]}");
            assertEquals(204, sub.statusCode(), sub.body());
            Thread.sleep(300);
            HttpResponse<String> created = post(base + "/api/collections/users/records", null,
                    "{\"email\":\"early@example.com\",\"password\":\"early-pass-1\",\"passwordConfirm\":\"early-pass-1\"}");
            assertEquals(200, created.statusCode(), created.body());
            id = JSON.readTree(created.body()).get("id").asText();
            assertEquals("event:users/*", awaitLine(lines, "event:users/"));
            String data = awaitLine(lines, "data:");
            assertTrue(data.contains("\"action\":\"create\"") && data.contains(id), data);
        } finally {
            stream.body().close();
        }
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(base
                + "/api/collections/users/records/" + id)).header("Authorization", token).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, deleted.statusCode(), deleted.body());
    }

    private HttpResponse<String> post(String url, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The next line starting with {@code prefix} within 10 s (the first event of a cold JVM may be slow). */
    private static String awaitLine(BlockingQueue<String> lines, String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line != null && line.startsWith(prefix)) {
                return line;
            }
        }
        throw new AssertionError("no SSE line starting with " + prefix + " within 10 s");
    }
}
