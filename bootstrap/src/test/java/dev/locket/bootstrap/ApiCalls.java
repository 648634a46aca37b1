package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locket.domain.json.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
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

    /**
     * The JS SDK's OAuth2 flow for {@code users} with {@code idp} signing in {@code claims}: takes the provider's
     * authURL and codeVerifier from auth-methods, appends the redirect URL, lets the provider redirect back with a
     * code and exchanges it at auth-with-oauth2, with {@code createData} and as {@code token} when not null.
     */
    Reply authWithOAuth2(TestOidcServer idp, String provider, Map<String, Object> claims,
            Map<String, Object> createData, String token) throws Exception {
        idp.signInAs(claims);
        Reply methods = call("GET", "/api/collections/users/auth-methods", null, null);
        assertEquals(200, methods.status(), methods.raw());
        Map<?, ?> entry = ((List<?>) methods.map("oauth2").get("providers")).stream()
                .map(p -> (Map<?, ?>) p).filter(p -> provider.equals(p.get("name"))).findFirst().orElseThrow();
        String redirect = base + "/api/oauth2-redirect";
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(entry.get("authURL")
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, res.statusCode(), res.body());
        Map<String, String> back = TestOidcServer.query(res.headers().firstValue("Location").orElseThrow());
        assertEquals(entry.get("state"), back.get("state"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("provider", provider);
        body.put("code", back.get("code"));
        body.put("codeVerifier", entry.get("codeVerifier"));
        body.put("redirectURL", redirect);
        if (createData != null) {
            body.put("createData", createData);
        }
        return call("POST", "/api/collections/users/auth-with-oauth2", token, body);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Map<String, Object> m, String key) {
        return (Map<String, Object>) m.get(key);
    }

    static String text(Map<String, Object> m, String key) {
        return m.get(key) instanceof String s ? s : "";
    }
}
