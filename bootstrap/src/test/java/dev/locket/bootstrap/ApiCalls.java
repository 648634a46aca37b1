package dev.locket.bootstrap;

import dev.locket.domain.json.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** JSON calls to a running Locket for the OAuth2 ITs; redirects are not followed (the tests look at them). */
final class ApiCalls {
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final String base;

    ApiCalls(String base) {
        this.base = base;
    }

    HttpClient http() {
        return http;
    }

    /** A response: status, raw text and the body when it is a JSON object (else empty). */
    record Reply(int status, String raw, Map<String, Object> body) {
        Map<String, Object> map(String key) {
            return ApiCalls.map(body, key);
        }

        String text(String key) {
            return ApiCalls.text(body, key);
        }
    }

    /** {@code token} goes as the Authorization header when not null; {@code body} as JSON when not null. */
    @SuppressWarnings("unchecked")
    Reply call(String method, String path, String token, Map<String, Object> body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            b.header("Authorization", token);
        }
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.write(body)));
        HttpResponse<String> res = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        Object parsed = res.body().isBlank() ? Map.of() : Json.parse(res.body());
        return new Reply(res.statusCode(), res.body(), parsed instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    static String text(Map<String, Object> m, String key) {
        return m.get(key) instanceof String s ? s : "";
    }
}
