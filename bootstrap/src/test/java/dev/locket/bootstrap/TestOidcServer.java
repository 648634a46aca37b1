package dev.locket.bootstrap;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A small but real OpenID Connect provider for tests: {@code /authorize} issues single-use codes for
 * the user set with {@link #signInAs} (or named by {@code login_hint}), {@code /token} checks client credentials, redirect URI and
 * the PKCE verifier (S256) before issuing tokens (with an RS256-signed {@code id_token}),
 * {@code /userinfo} answers for a valid bearer token and {@code /jwks} publishes the signing key.
 */
final class TestOidcServer implements AutoCloseable {
    static final String CLIENT_ID = "locket-test";
    static final String CLIENT_SECRET = "locket-test-secret";

    private record Grant(Map<String, Object> user, String redirectUri, String challenge) {
    }

    private final HttpServer server;
    private final TestIdTokens keys;
    private final Map<String, Grant> codes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Object>> accessTokens = new ConcurrentHashMap<>();
    private volatile Map<String, Object> user = Map.of();
    private volatile boolean tamperIdToken;

    TestOidcServer() throws Exception {
        keys = TestIdTokens.rsa("k1");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.createContext("/userinfo", this::userinfo);
        server.createContext("/jwks", this::jwks);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /**
     * A collection's {@code oauth2.providers} entry for this server as {@code name}: client credentials, auth and
     * token URLs. Mutable, for the test to add what its provider needs (userInfoURL, displayName, extra).
     */
    Map<String, Object> provider(String name) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("name", name);
        p.put("clientId", CLIENT_ID);
        p.put("clientSecret", CLIENT_SECRET);
        p.put("authURL", url("/authorize"));
        p.put("tokenURL", url("/token"));
        return p;
    }

    /** The user the next {@code /authorize} signs in (OIDC standard claims). */
    void signInAs(Map<String, Object> claims) {
        user = new LinkedHashMap<>(claims);
    }

    /** Registers {@code code} as issued to {@code user} for {@code redirectUri} (no PKCE), as if it had signed in. */
    void grant(String code, String redirectUri, Map<String, Object> user) {
        codes.put(code, new Grant(new LinkedHashMap<>(user), redirectUri, ""));
    }

    /** Makes the next id_tokens carry a broken signature. */
    void tamperIdTokens(boolean tamper) {
        tamperIdToken = tamper;
    }

    /** Verifier → challenge, RFC 7636 S256. */
    static String challenge(String verifier) throws Exception {
        byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    }

    private void authorize(HttpExchange ex) throws IOException {
        Map<String, String> q = form(ex.getRequestURI().getRawQuery());
        if (!CLIENT_ID.equals(q.get("client_id")) || !"code".equals(q.get("response_type"))) {
            send(ex, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String challenge = q.getOrDefault("code_challenge", "");
        if (!challenge.isEmpty() && !"S256".equals(q.get("code_challenge_method"))) {
            send(ex, 400, "{\"error\":\"invalid_request\"}");
            return;
        }
        String code = UUID.randomUUID().toString();
        String redirect = q.getOrDefault("redirect_uri", "");
        Map<String, Object> who = user;
        String hint = q.getOrDefault("login_hint", "");
        if (!hint.isEmpty()) {
            // Lets a client that cannot call signInAs (the JS SDK suite) pick its user: a verified account.
            who = new LinkedHashMap<>();
            who.put("sub", hint);
            who.put("email", hint + "@example.com");
            who.put("email_verified", true);
            who.put("name", "User " + hint);
        }
        codes.put(code, new Grant(who, redirect, challenge));
        String location = redirect + (redirect.contains("?") ? "&" : "?") + "code=" + enc(code) + "&state="
                + enc(q.getOrDefault("state", ""));
        ex.getResponseHeaders().add("Location", location);
        ex.sendResponseHeaders(302, -1);
        ex.close();
    }

    private void token(HttpExchange ex) throws IOException {
        Map<String, String> f = form(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        // client_secret_basic (the OpenID Connect default) or client_secret_post
        String basic = ex.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String pair = new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            f.put("client_id", URLDecoder.decode(pair.substring(0, colon), StandardCharsets.UTF_8));
            f.put("client_secret", URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8));
        }
        if (!"POST".equals(ex.getRequestMethod()) || !"authorization_code".equals(f.get("grant_type"))
                || !CLIENT_ID.equals(f.get("client_id")) || !CLIENT_SECRET.equals(f.get("client_secret"))) {
            send(ex, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Grant grant = codes.remove(f.getOrDefault("code", ""));
        if (grant == null || !grant.redirectUri().equals(f.getOrDefault("redirect_uri", ""))) {
            send(ex, 400, "{\"error\":\"invalid_grant\"}");
            return;
        }
        try {
            if (!grant.challenge().isEmpty()
                    && !grant.challenge().equals(challenge(f.getOrDefault("code_verifier", "")))) {
                send(ex, 400, "{\"error\":\"invalid_grant\",\"error_description\":\"PKCE verification failed\"}");
                return;
            }
            String access = UUID.randomUUID().toString();
            accessTokens.put(access, grant.user());
            String body = "{\"access_token\":\"" + access + "\",\"token_type\":\"Bearer\",\"expires_in\":3600,"
                    + "\"refresh_token\":\"refresh-" + access + "\",\"id_token\":\"" + idToken(grant.user()) + "\"}";
            send(ex, 200, body);
        } catch (Exception e) {
            send(ex, 500, "{\"error\":\"server_error\"}");
        }
    }

    private void userinfo(HttpExchange ex) throws IOException {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Map<String, Object> u = auth != null && auth.startsWith("Bearer ") ? accessTokens.get(auth.substring(7)) : null;
        if (u == null) {
            send(ex, 401, "{\"error\":\"invalid_token\"}");
            return;
        }
        send(ex, 200, json(u));
    }

    private void jwks(HttpExchange ex) throws IOException {
        send(ex, 200, keys.jwks());
    }

    private String idToken(Map<String, Object> u) throws Exception {
        Map<String, Object> claims = new LinkedHashMap<>(u);
        long now = System.currentTimeMillis() / 1000;
        claims.put("iss", url(""));
        claims.put("aud", CLIENT_ID);
        claims.put("iat", now);
        claims.put("exp", now + 600);
        return keys.sign(claims, tamperIdToken);
    }

    private static String json(Map<String, Object> m) {
        StringBuilder sb = new StringBuilder("{");
        for (Map.Entry<String, Object> e : m.entrySet()) {
            if (sb.length() > 1) {
                sb.append(',');
            }
            sb.append('"').append(e.getKey()).append("\":");
            Object v = e.getValue();
            if (v instanceof String s) {
                sb.append('"').append(s.replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            } else {
                sb.append(v);
            }
        }
        return sb.append('}').toString();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static Map<String, String> form(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            out.putIfAbsent(k, eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return out;
    }

    /** The query of a redirect Location. */
    static Map<String, String> query(String location) {
        return form(URI.create(location).getRawQuery());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
