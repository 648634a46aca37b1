package dev.locket.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * Stands in for OAuth2 providers in tests: a real HTTP server on a free loopback port that answers
 * each path with what the test told it to (token, user-info and follow-up endpoints alike) and
 * records every request, so a test can check both what Locket made of the answers and what it asked.
 * Unknown paths answer 404.
 */
final class StubOAuth2Provider implements AutoCloseable {

    /** One request as the provider saw it; header names lower-cased. */
    record Seen(String method, String path, String query, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), "");
        }

        Map<String, String> form() {
            return TestOidcServer.form(body);
        }

        /** The client credentials, from an HTTP Basic header or else the form (OAuth2 allows both). */
        List<String> clientCredentials() {
            String auth = header("Authorization");
            if (auth.startsWith("Basic ")) {
                String pair = new String(Base64.getDecoder().decode(auth.substring(6)), StandardCharsets.UTF_8);
                int colon = pair.indexOf(':');
                return List.of(TestOidcServer.form("a=" + pair.substring(0, colon)).get("a"),
                        TestOidcServer.form("a=" + pair.substring(colon + 1)).get("a"));
            }
            return List.of(form().getOrDefault("client_id", ""), form().getOrDefault("client_secret", ""));
        }
    }

    record Answer(int status, String contentType, String body) {
        static Answer json(String body) {
            return new Answer(200, "application/json", body);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Seen, Answer>> answers = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();

    StubOAuth2Provider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** What {@code path} answers from now on (any method, any query). */
    void answer(String path, Answer answer) {
        answers.put(path, seen -> answer);
    }

    /** An answer that depends on the request (a provider that checks what it is sent). */
    void answer(String path, Function<Seen, Answer> answer) {
        answers.put(path, answer);
    }

    /** The requests made to {@code path}, oldest first. */
    List<Seen> seen(String path) {
        List<Seen> out = new ArrayList<>();
        for (Seen s : seen) {
            if (s.path().equals(path)) {
                out.add(s);
            }
        }
        return out;
    }

    private void handle(HttpExchange ex) throws IOException {
        Map<String, String> headers = new TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        String path = ex.getRequestURI().getRawPath();
        String query = ex.getRequestURI().getRawQuery();
        Seen request = new Seen(ex.getRequestMethod(), path, query == null ? "" : query, headers,
                new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        seen.add(request);
        Answer a = answers.getOrDefault(path, s -> new Answer(404, "application/json", "{\"message\":\"not found\"}"))
                .apply(request);
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", a.contentType());
        ex.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
