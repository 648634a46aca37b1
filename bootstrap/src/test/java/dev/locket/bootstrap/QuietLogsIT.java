package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expected conditions log one line each and no stack trace (issue 12 item 5). */
class QuietLogsIT {
    @TempDir
    Path tmp;

    @Test
    void mailOffClientGoneAndRateLimitedLogOneLineEach() throws Exception {
        Path dir = LocketProcess.sdkDataDir(tmp);
        try (LocketProcess server = LocketProcess.serve(dir)) {
            // a login from a second device triggers upstream's new-login alert mail; SMTP is off by default
            String body = "{\"identity\":\"" + LocketProcess.SDK_EMAIL + "\",\"password\":\""
                    + LocketProcess.SDK_PASSWORD + "\"}";
            for (String agent : List.of("first-device", "second-device")) {
                HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                                server.baseUrl() + "/api/collections/_superusers/auth-with-password"))
                        .header("Content-Type", "application/json").header("User-Agent", agent)
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(200, login.statusCode(), login.body());
            }
            String token = SlowQueriesIT.superuserToken(server);

            // a client that leaves while a large answer is being written
            assertEquals(200, SlowQueriesIT.send(server, "POST", "/api/collections", token,
                    "{\"name\":\"big\",\"type\":\"base\",\"listRule\":\"\",\"fields\":[{\"name\":\"t\",\"type\":\"text\","
                            + "\"max\":100000}]}").statusCode());
            String text = "x".repeat(40_000);
            for (int i = 0; i < 100; i++) { // 4 MB of answer, far more than the socket buffers hold
                assertEquals(200, SlowQueriesIT.send(server, "POST", "/api/collections/big/records", token,
                        "{\"t\":\"" + text + "\"}").statusCode());
            }
            for (int i = 0; i < 3; i++) {
                try (Socket s = new Socket("127.0.0.1", server.port)) {
                    s.setSoLinger(true, 0);
                    s.getOutputStream().write(("GET /api/collections/big/records?perPage=500 HTTP/1.1\r\nHost: x\r\n"
                            + "\r\n").getBytes(StandardCharsets.UTF_8));
                    s.getInputStream().read(new byte[16]);
                }
            }

            // rate limits on, one auth request per minute
            HttpResponse<String> limits = SlowQueriesIT.send(server, "PATCH", "/api/settings", token,
                    "{\"rateLimits\":{\"enabled\":true,\"rules\":[{\"label\":\"*:auth\",\"maxRequests\":1,"
                            + "\"duration\":60}]}}");
            assertEquals(200, limits.statusCode(), limits.body());
            Thread.sleep(2500); // applied within two seconds
            int limited = 0;
            for (int i = 0; i < 4; i++) {
                limited += SlowQueriesIT.send(server, "POST", "/api/collections/users/auth-with-password", null,
                        "{\"identity\":\"x@example.com\",\"password\":\"nope-nope\"}").statusCode() == 429 ? 1 : 0;
            }
            assertTrue(limited >= 2, "rate limiting applied");
            Thread.sleep(500);

            String out = server.output();
            assertTrue(count(out, "Failed to send the new login alert email: ") >= 1, out);
            assertTrue(count(out, "went away before the response") >= 1, out);
            assertEquals(1, count(out, "rate limited: POST /api/collections/users/auth-with-password"), out);
            assertFalse(out.contains("\tat "), "no stack traces:\n" + out);
            assertFalse(out.contains("MailFailure"), out);
            assertFalse(out.contains("Unable to reset response"), out);
        }
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + 1)) {
            n++;
        }
        return n;
    }
}
