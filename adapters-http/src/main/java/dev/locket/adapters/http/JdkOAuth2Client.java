package dev.locket.adapters.http;

import dev.locket.application.port.out.OAuth2Client;
import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link OAuth2Client} over {@code java.net.http}: form-encoded code exchange (client credentials in
 * the body, as most providers accept), bearer JSON GETs, and {@code id_token} decoding with optional
 * RS256/ES256 verification against a JWK set. Each call has a 30 s budget, as upstream's.
 */
public final class JdkOAuth2Client implements OAuth2Client {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Provider answers are small; anything larger is refused rather than buffered. */
    private static final int MAX_BODY = 2 * 1024 * 1024;

    private final HttpClient http;

    public JdkOAuth2Client() {
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    @Override
    public Tokens exchange(TokenRequest r) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", r.code());
        form.put("redirect_uri", r.redirectURL());
        form.put("client_id", r.clientId());
        form.put("client_secret", r.clientSecret());
        if (!r.codeVerifier().isEmpty()) {
            form.put("code_verifier", r.codeVerifier());
        }
        HttpRequest request = HttpRequest.newBuilder(uri(r.tokenURL()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(formEncode(form)))
                .build();
        HttpResponse<byte[]> res = send(request);
        String type = res.headers().firstValue("Content-Type").orElse("");
        Map<String, Object> body = type.startsWith("application/x-www-form-urlencoded") || type.startsWith("text/plain")
                ? formDecode(new String(res.body(), StandardCharsets.UTF_8))
                : objectOf(parse(res.body()));
        if (body.get("error") instanceof String error && !error.isEmpty()) {
            throw new Failure("token endpoint answered error " + error);
        }
        return new Tokens(text(body.get("access_token")), text(body.get("refresh_token")),
                seconds(body.get("expires_in")), text(body.get("id_token")), body);
    }

    @Override
    public Object getJson(String url, String accessToken) {
        HttpRequest request = HttpRequest.newBuilder(uri(url))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + accessToken)
                .header("Accept", "application/json")
                .GET()
                .build();
        return parse(send(request).body());
    }

    @Override
    public Map<String, Object> idTokenClaims(String idToken, String jwksURL) {
        String[] parts = idToken.split("\\.", -1);
        if (parts.length != 3) {
            throw new Failure("id_token is not a JWT");
        }
        Map<String, Object> header = objectOf(parse(base64Url(parts[0])));
        Map<String, Object> claims = objectOf(parse(base64Url(parts[1])));
        if (!jwksURL.isEmpty()) {
            verify(parts, header, jwksURL);
        }
        return claims;
    }

    private void verify(String[] parts, Map<String, Object> header, String jwksURL) {
        String alg = text(header.get("alg"));
        String kid = text(header.get("kid"));
        HttpRequest request = HttpRequest.newBuilder(uri(jwksURL)).timeout(TIMEOUT).GET().build();
        Map<String, Object> jwks = objectOf(parse(send(request).body()));
        if (!(jwks.get("keys") instanceof List<?> keys)) {
            throw new Failure("JWK set without keys");
        }
        for (Object k : keys) {
            if (k instanceof Map<?, ?> key && (kid.isEmpty() || kid.equals(key.get("kid")))) {
                try {
                    Signature sig = switch (alg) {
                        case "RS256" -> Signature.getInstance("SHA256withRSA");
                        case "ES256" -> Signature.getInstance("SHA256withECDSAinP1363Format");
                        default -> throw new Failure("unsupported id_token alg " + alg);
                    };
                    sig.initVerify(publicKey(key, alg));
                    sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
                    if (sig.verify(base64Url(parts[2]))) {
                        return;
                    }
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    throw new Failure("id_token signature check failed", e);
                }
            }
        }
        throw new Failure("id_token signature does not match the JWK set");
    }

    private static PublicKey publicKey(Map<?, ?> jwk, String alg) throws GeneralSecurityException {
        if (alg.equals("RS256")) {
            BigInteger n = new BigInteger(1, base64Url(text(jwk.get("n"))));
            BigInteger e = new BigInteger(1, base64Url(text(jwk.get("e"))));
            return KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
        }
        AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
        params.init(new ECGenParameterSpec("secp256r1"));
        ECParameterSpec spec = params.getParameterSpec(ECParameterSpec.class);
        ECPoint point = new ECPoint(new BigInteger(1, base64Url(text(jwk.get("x")))),
                new BigInteger(1, base64Url(text(jwk.get("y")))));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(point, spec));
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        HttpResponse<byte[]> res;
        try {
            res = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Failure("request to " + request.uri().getHost() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", e);
        }
        if (res.statusCode() < 200 || res.statusCode() > 299) {
            throw new Failure(request.uri().getHost() + " answered " + res.statusCode());
        }
        if (res.body().length > MAX_BODY) {
            throw new Failure("provider answer too large");
        }
        return res;
    }

    private static URI uri(String url) {
        try {
            URI u = URI.create(url);
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme())) {
                throw new Failure("not an http(s) URL");
            }
            return u;
        } catch (IllegalArgumentException e) {
            throw new Failure("malformed URL", e);
        }
    }

    private static Object parse(byte[] bytes) {
        try {
            return GoJson.read(bytes);
        } catch (IOException | RuntimeException e) {
            throw new Failure("unreadable JSON", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> objectOf(Object json) {
        if (json instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new Failure("expected a JSON object");
    }

    private static byte[] base64Url(String s) {
        try {
            return Base64.getUrlDecoder().decode(s.replace("=", ""));
        } catch (IllegalArgumentException e) {
            throw new Failure("bad base64url", e);
        }
    }

    private static String formEncode(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    private static Map<String, Object> formDecode(String body) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    private static long seconds(Object v) {
        if (v instanceof Number n) {
            return n.longValue();
        }
        if (v instanceof String s && !s.isEmpty()) {
            try {
                return Long.parseLong(s.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }
        return 0;
    }

    private static String text(Object v) {
        return v instanceof String s ? s : "";
    }
}
