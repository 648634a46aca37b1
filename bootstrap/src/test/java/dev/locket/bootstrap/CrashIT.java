package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's crash suite: the packaged jar is killed with {@code kill -9} while JSON writers, file uploads
 * and a backup are in flight, then started again on the same data directory. Every write that was
 * acknowledged (200) must be there with its exact values and file bytes, and the backups listed must be
 * whole archives. Two rounds in CI; {@code -Dcrash=long} runs ten.
 */
class CrashIT {
    static final String SUPERUSER = CliIT.SUPERUSER_TOKEN;
    static final int WRITERS = 16;
    static final int UPLOADERS = 4;

    @TempDir
    Path tmp;

    record Ack(String id, String title, String file, byte[] bytes) {
    }

    @Test
    void acknowledgedWritesSurviveKillNine() throws Exception {
        int rounds = "long".equals(System.getProperty("crash")) ? 10 : 2;
        Path dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        int port = LocketProcess.freePort();
        LocketProcess server = LocketProcess.serve(dir, port);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(3)).build();
        String base = server.baseUrl();
        ApiCalls api = new ApiCalls(base);
        ApiCalls.Reply created = api.call("POST", "/api/collections", SUPERUSER, Map.of("name", "crash_items",
                "type", "base", "createRule", "", "viewRule", "", "listRule", "",
                "fields", List.of(Map.of("name", "title", "type", "text"),
                        Map.of("name", "doc", "type", "file", "maxSelect", 1, "maxSize", 5_000_000))));
        assertEquals(200, created.status(), created.raw());
        String collectionId = created.text("id");
        Queue<Ack> acks = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        int backupsTried = 0;
        for (int round = 0; round < rounds; round++) {
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger counter = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + UPLOADERS + 1);
            for (int w = 0; w < WRITERS; w++) {
                pool.submit(() -> writeUntilKilled(client, base, stop, counter, acks, false));
            }
            for (int u = 0; u < UPLOADERS; u++) {
                pool.submit(() -> writeUntilKilled(client, base, stop, counter, acks, true));
            }
            String backup = "crash" + round + ".zip";
            pool.submit(() -> {
                try {
                    Thread.sleep(600);
                    send(client, HttpRequest.newBuilder(URI.create(base + "/api/backups"))
                            .header("Authorization", SUPERUSER).header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"" + backup + "\"}")));
                } catch (Exception killed) {
                    // the server died under it: that is the point
                }
                return null;
            });
            backupsTried++;
            // at least 1.2 s and 150 new acknowledged writes (a loaded machine acknowledges few per second)
            int target = acks.size() + 150;
            long killAt = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            Thread.sleep(1200);
            while (acks.size() < target && System.nanoTime() < killAt) {
                Thread.sleep(50);
            }
            server.kill();
            stop.set(true);
            pool.shutdown();
            pool.awaitTermination(30, TimeUnit.SECONDS);
            server = LocketProcess.serve(dir, port);
            verify(client, base, acks);
            System.out.printf("CrashIT round %d: %d acknowledged writes so far, all present%n", round + 1, acks.size());
        }
        verifyBackups(client, base);
        List<String> orphans = orphanFolders(dir.resolve("storage").resolve(collectionId), client, base);
        server.close();
        System.out.printf("CrashIT: %d rounds, %d acknowledged writes (%d uploads) checked, %d backups attempted, "
                        + "%d orphaned upload folders, %d ms%n", rounds, acks.size(),
                acks.stream().filter(a -> a.file() != null).count(), backupsTried, orphans.size(),
                (System.nanoTime() - start) / 1_000_000);
        assertTrue(acks.size() > 100, "too few writes were acknowledged to prove anything: " + acks.size());
        assertTrue(orphans.isEmpty(), "upload folders without a record after restart: " + orphans);
    }

    private static Void writeUntilKilled(HttpClient client, String base, AtomicBoolean stop, AtomicInteger counter,
                                         Queue<Ack> acks, boolean upload) {
        while (!stop.get()) {
            int n = counter.incrementAndGet();
            String title = "t" + n + "-" + System.nanoTime();
            try {
                HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/collections/crash_items/records"))
                        .timeout(Duration.ofSeconds(10));
                byte[] bytes = null;
                if (upload) {
                    bytes = new byte[200_000 + n % 1000];
                    Arrays.fill(bytes, (byte) ('a' + n % 26));
                    String boundary = "crashboundary" + n;
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\n" + title
                            + "\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"f.txt\"\r\n"
                            + "Content-Type: text/plain\r\n\r\n").getBytes(StandardCharsets.UTF_8));
                    body.writeBytes(bytes);
                    body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
                    b.header("Content-Type", "multipart/form-data; boundary=" + boundary)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()));
                } else {
                    b.header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString(Json.write(Map.of("title", title))));
                }
                HttpResponse<String> r = client.send(b.build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> rec = (Map<String, Object>) Json.parse(r.body());
                    acks.add(new Ack((String) rec.get("id"), title, upload ? (String) rec.get("doc") : null, bytes));
                }
            } catch (Exception killed) {
                if (stop.get()) {
                    return null;
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return null;
                }
            }
        }
        return null;
    }

    private static void verify(HttpClient client, String base, Queue<Ack> acks) throws Exception {
        for (Ack a : acks) {
            HttpResponse<String> r = send(client, HttpRequest.newBuilder(
                    URI.create(base + "/api/collections/crash_items/records/" + a.id())));
            assertEquals(200, r.statusCode(), "acknowledged record " + a.id() + " lost: " + r.body());
            assertTrue(r.body().contains("\"title\":\"" + a.title() + "\""), r.body());
            if (a.file() != null) {
                HttpResponse<byte[]> f = client.send(HttpRequest.newBuilder(URI.create(
                        base + "/api/files/crash_items/" + a.id() + "/" + a.file())).build(),
                        HttpResponse.BodyHandlers.ofByteArray());
                assertEquals(200, f.statusCode(), "file of " + a.id());
                assertTrue(Arrays.equals(a.bytes(), f.body()), "file of " + a.id() + " is not whole: "
                        + f.body().length + " of " + a.bytes().length + " bytes");
            }
        }
    }

    /** Every backup the restarted server lists downloads as a readable, complete zip. */
    private static void verifyBackups(HttpClient client, String base) throws Exception {
        HttpResponse<String> list = send(client, HttpRequest.newBuilder(URI.create(base + "/api/backups"))
                .header("Authorization", SUPERUSER));
        assertEquals(200, list.statusCode(), list.body());
        String token = Json.parse(send(client, HttpRequest.newBuilder(URI.create(base + "/api/files/token"))
                .header("Authorization", SUPERUSER).POST(HttpRequest.BodyPublishers.noBody())).body()) instanceof Map<?, ?> m
                ? (String) m.get("token") : "";
        for (Object item : (List<?>) Json.parse(list.body())) {
            String key = (String) ((Map<?, ?>) item).get("key");
            HttpResponse<byte[]> zip = client.send(HttpRequest.newBuilder(URI.create(base + "/api/backups/" + key
                    + "?token=" + token)).build(), HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, zip.statusCode(), "backup " + key);
            int entries = 0;
            try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip.body()))) {
                for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                    in.readAllBytes();
                    entries++;
                }
            }
            assertTrue(entries > 0, "backup " + key + " is empty");
            System.out.printf("CrashIT: backup %s listed after the kill: %d bytes, %d entries, readable%n", key,
                    zip.body().length, entries);
        }
    }

    /** Record folders under the collection's storage whose record does not exist. */
    private static List<String> orphanFolders(Path storage, HttpClient client, String base) throws Exception {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(storage)) {
            return out;
        }
        try (Stream<Path> folders = Files.list(storage)) {
            for (Path folder : folders.toList()) {
                HttpResponse<String> r = send(client, HttpRequest.newBuilder(URI.create(
                        base + "/api/collections/crash_items/records/" + folder.getFileName())));
                if (r.statusCode() == 404) {
                    out.add(folder.getFileName().toString());
                }
            }
        }
        return out;
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder b) throws Exception {
        return client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
