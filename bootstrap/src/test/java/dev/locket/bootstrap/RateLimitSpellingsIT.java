package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way of spelling a rate-limited route shares its counter (issue 14 item 1): with {@code *:auth}
 * at 2 per minute, after two logins through the plain path each other spelling of the same
 * collection and route is answered 429, or refused with 404 before any handler runs (empty and dot
 * segments, path parameters, encoded slashes: spellings no route may match). None reaches the login.
 */
class RateLimitSpellingsIT {
    static final String SUPERUSER = CliIT.SUPERUSER_TOKEN;
    static final String LOGIN = "{\"identity\":\"nobody@example.com\",\"password\":\"wrong-password\"}";

    @TempDir
    static Path tmp;
    static LocketProcess server;

    @BeforeAll
    static void start() throws Exception {
        Path dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        server = LocketProcess.serve(dir);
        HttpResponse<String> saved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(server.baseUrl() + "/api/settings"))
                .header("Authorization", SUPERUSER).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"rateLimits\":{\"enabled\":true,\"rules\":["
                        + "{\"label\":\"*:auth\",\"maxRequests\":2,\"duration\":60},"
                        // the clients collection by its id: must limit requests that name it
                        + "{\"label\":\"v851q4r790rhknl:auth\",\"maxRequests\":1,\"duration\":60}]}}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, saved.statusCode(), saved.body());
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /** The status line's code for {@code target} posted raw (no client library normalises it first). */
    static int post(String target, String host) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port)) {
            s.setSoTimeout(10_000);
            String request = "POST " + target + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + LOGIN.length() + "\r\nConnection: close\r\n\r\n" + LOGIN;
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            for (int b = in.read(); b >= 0 && b != '\n'; b = in.read()) {
                line.write(b);
            }
            String status = line.toString(StandardCharsets.ISO_8859_1);
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    @Test
    void everySpellingOfALimitedRouteSharesItsCounterOrIsRefused() throws Exception {
        String plain = "/api/collections/users/auth-with-password";
        assertEquals(400, post(plain, "x"), "a wrong password, within the limit");
        assertEquals(400, post(plain, "x"), "a wrong password, within the limit");
        assertEquals(429, post(plain, "x"));

        String absolute = "http://127.0.0.1:" + server.port + plain;
        String[][] spellings = {
                {"/api/collections/USERS/auth-with-password", "429"},
                {"/api/collections/Users/auth-with-password", "429"},
                {"/api/collections/%75sers/auth-with-password", "429"},
                {"/api/collections/us%65rs/auth-with-password", "429"},
                {"/api/collections/_pb_users_auth_/auth-with-password", "429"},
                {"/%61pi/collections/users/auth-with-password", "429"},
                {"/api/collections/users/auth-with-p%61ssword", "429"},
                {absolute, "429"},
                {"/api/collections/users/../users/auth-with-password", "404"},
                {"//api/collections/users/auth-with-password", "404"},
                {"/api//collections/users/auth-with-password", "404"},
                {"/api/collections/users/./auth-with-password", "404"},
                {"/api/collections/users/auth-with-password;x", "404"},
                {"/api/collections/users%2Fauth-with-password", "404"},
        };
        List<String> wrong = new ArrayList<>();
        for (String[] s : spellings) {
            int status = post(s[0], "x");
            if (status != Integer.parseInt(s[1])) {
                wrong.add(s[0] + " -> " + status + " (expected " + s[1] + ")");
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    @Test
    void collectionLabelsMatchTheCollectionByIdAsWellAsByName() throws Exception {
        String clients = "/api/collections/clients/auth-with-password";
        assertEquals(400, post(clients, "x"));
        assertEquals(429, post(clients, "x"), "the rule labelled with the collection id limits it at 1");
        assertEquals(429, post("/api/collections/v851q4r790rhknl/auth-with-password", "x"));
    }
}
