package dev.locket.adapters.http.outbound.oauth2;

import dev.locket.adapters.http.json.GoJson;
import dev.locket.application.port.out.OAuth2Client;
import dev.locket.domain.auth.oauth2.ProviderRequest;
import dev.locket.domain.auth.oauth2.TypedJson;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.security.spec.RSAPublicKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@link OAuth2Client} over {@code java.net.http}, behaving as upstream's Go OAuth2 library: the code
 * exchange tries the client credentials as HTTP Basic first and in the form second, reads JSON or
 * form-encoded token answers, and fails on an {@code error} field or a missing access token; id_token
 * signatures are checked against the JWK set key of the token's {@code kid} (RSA: RS/PS 256-512,
 * Ed25519: EdDSA). Each call has a 30 s budget, as upstream's.
 */
public final class JdkOAuth2Client implements OAuth2Client {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** Provider answers are small; anything larger is refused rather than buffered. */
    private static final int MAX_BODY = 2 * 1024 * 1024;
    /** Upstream's default request body limit, which also caps avatar downloads. */
    private static final long MAX_DOWNLOAD = 32L * 1024 * 1024;
    private static final int MAX_REDIRECTS = 10;
    /** The DER prefix of an Ed25519 SubjectPublicKeyInfo, followed by the 32 raw key bytes. */
    private static final byte[] ED25519_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    /**
     * By redirect policy: NORMAL for provider calls; NEVER for avatar downloads, each hop of which is checked
     * first. Built on first use: a JDK HttpClient loads the TLS stack, about 0.5 s of a server start that may
     * never see an OAuth2 login.
     */
    private final Map<HttpClient.Redirect, HttpClient> clients = new EnumMap<>(HttpClient.Redirect.class);

    public JdkOAuth2Client() {
    }

    private synchronized HttpClient client(HttpClient.Redirect redirects) {
        return clients.computeIfAbsent(redirects, r -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(r).build());
    }

    @Override
    public Tokens exchange(TokenRequest r) {
        try {
            return exchange(r, true);
        } catch (Failure inHeader) {
            // providers differ in where they take the client credentials; upstream tries both the same way
            return exchange(r, false);
        }
    }

    private Tokens exchange(TokenRequest r, boolean basicAuth) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", r.code());
        if (!r.redirectURL().isEmpty()) {
            form.put("redirect_uri", r.redirectURL());
        }
        r.codeVerifier().ifPresent(v -> form.put("code_verifier", v));
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(r.tokenURL()))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json");
        if (basicAuth) {
            String pair = queryEscape(r.clientId()) + ":" + queryEscape(r.clientSecret());
            b.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            if (!r.clientId().isEmpty()) {
                form.put("client_id", r.clientId());
            }
            if (!r.clientSecret().isEmpty()) {
                form.put("client_secret", r.clientSecret());
            }
        }
        HttpResponse<byte[]> res = send(b.POST(HttpRequest.BodyPublishers.ofString(formEncode(form))).build());
        boolean ok = res.statusCode() >= 200 && res.statusCode() <= 299;
        String media = res.headers().firstValue("Content-Type").orElse("").split(";", 2)[0].trim()
                .toLowerCase(Locale.ROOT);
        Tokens tokens = media.equals("application/x-www-form-urlencoded") || media.equals("text/plain")
                ? formTokens(new String(res.body(), StandardCharsets.UTF_8))
                : jsonTokens(res.body());
        if (!ok || !text(tokens.raw().get("error")).isEmpty()) {
            throw new Failure("the token endpoint refused the code (" + res.statusCode() + ")");
        }
        if (tokens.accessToken().isEmpty()) {
            throw new Failure("the token response has no access_token");
        }
        return tokens;
    }

    private static Tokens formTokens(String body) {
        Map<String, Object> raw = formDecode(body);
        long expires;
        try {
            expires = Long.parseLong(text(raw.get("expires_in")));
        } catch (NumberFormatException e) {
            expires = 0;
        }
        return new Tokens(text(raw.get("access_token")), text(raw.get("token_type")), text(raw.get("refresh_token")),
                expires, raw);
    }

    /** The RFC 6749 fields must have their JSON types; {@code expires_in} may also be a numeric string. */
    private static Tokens jsonTokens(byte[] body) {
        Map<String, Object> raw = objectOf(parse(body));
        try {
            TypedJson j = TypedJson.of(raw);
            for (String key : new String[] {"error", "error_description", "error_uri"}) {
                j.text(key);
            }
            return new Tokens(j.text("access_token"), j.text("token_type"), j.text("refresh_token"),
                    expiresIn(raw.get("expires_in")), raw);
        } catch (IllegalArgumentException e) {
            throw new Failure("unreadable token response", e);
        }
    }

    /** Seconds as a whole number (capped at 2^31-1, as upstream's int32); a fraction is unreadable. */
    private static long expiresIn(Object v) {
        String digits = switch (v) {
            case null -> "0";
            case Number n when !(n instanceof Double || n instanceof Float) -> n.toString();
            case String s -> s;
            default -> throw new Failure("unreadable expires_in");
        };
        try {
            return Math.min(Long.parseLong(digits), Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            throw new Failure("unreadable expires_in", e);
        }
    }

    @Override
    public Response send(ProviderRequest request) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(request.url())).timeout(TIMEOUT);
        request.headers().forEach(b::header);
        b.method(request.method(), request.body().isEmpty() ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(request.body()));
        HttpResponse<byte[]> res = send(b.build());
        return new Response(res.statusCode(), new String(res.body(), StandardCharsets.UTF_8));
    }

    @Override
    public byte[] downloadPublic(String url) {
        URI u = uri(url);
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            requirePublic(u);
            HttpResponse<InputStream> res;
            try {
                res = client(HttpClient.Redirect.NEVER).send(HttpRequest.newBuilder(u).timeout(Duration.ofSeconds(10)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException | IllegalArgumentException e) {
                throw new Failure("download from " + u.getHost() + " failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new Failure("interrupted", e);
            }
            try (InputStream body = res.body()) {
                int status = res.statusCode();
                Optional<String> location = res.headers().firstValue("Location");
                if (List.of(301, 302, 303, 307, 308).contains(status) && location.isPresent()) {
                    u = uri(u.resolve(location.get()).toString());
                    continue;
                }
                if (status < 200 || status > 399) {
                    throw new Failure("download answered " + status);
                }
                byte[] bytes = body.readNBytes((int) MAX_DOWNLOAD + 1);
                if (bytes.length > MAX_DOWNLOAD) {
                    throw new Failure("download too large");
                }
                return bytes;
            } catch (IOException | IllegalArgumentException e) {
                throw new Failure("download from " + u.getHost() + " failed", e);
            }
        }
        throw new Failure("too many redirects");
    }

    /**
     * Refuses hosts that resolve to loopback, unspecified, private (RFC 1918, IPv6 unique local),
     * link-local or multicast addresses, as upstream's avatar download does.
     */
    private static void requirePublic(URI u) {
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(u.getHost());
        } catch (UnknownHostException | IllegalArgumentException | SecurityException e) {
            throw new Failure("unknown host", e);
        }
        for (InetAddress a : addresses) {
            boolean uniqueLocal = a instanceof Inet6Address && (a.getAddress()[0] & 0xfe) == 0xfc;
            if (a.isLoopbackAddress() || a.isAnyLocalAddress() || a.isSiteLocalAddress() || uniqueLocal
                    || a.isLinkLocalAddress() || a.isMulticastAddress()) {
                throw new Failure("the address of " + u.getHost() + " is not public");
            }
        }
    }

    @Override
    public Map<String, Object> idTokenClaims(String idToken) {
        String[] parts = jwtParts(idToken);
        objectOf(parse(base64Url(parts[0])));
        return objectOf(parse(base64Url(parts[1])));
    }

    @Override
    public void verifySignature(String idToken, String jwksURL) {
        String[] parts = jwtParts(idToken);
        Map<String, Object> header = objectOf(parse(base64Url(parts[0])));
        String kid = text(header.get("kid"));
        if (kid.isEmpty()) {
            throw new Failure("the id_token has no kid");
        }
        TypedJson key = jwk(jwksURL, kid);
        String alg = key.text("alg");
        if (!alg.equals(header.get("alg"))) {
            throw new Failure("the id_token is not signed with its key's algorithm");
        }
        try {
            Signature sig = signature(alg);
            sig.initVerify(publicKey(key, alg));
            sig.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!sig.verify(base64Url(parts[2]))) {
                throw new Failure("id_token signature does not match");
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new Failure("id_token signature check failed", e);
        }
    }

    /** The key of {@code kid} that names its algorithm. */
    private TypedJson jwk(String jwksURL, String kid) {
        Response r = send(ProviderRequest.get(jwksURL));
        if (r.status() >= 400) {
            throw new Failure("the JWK set answered " + r.status());
        }
        try {
            for (TypedJson key : TypedJson.of(parse(r.body().getBytes(StandardCharsets.UTF_8))).objects("keys")) {
                for (String field : new String[] {"kty", "use", "e", "n", "crv", "x"}) {
                    key.text(field);
                }
                if (key.text("kid").equals(kid) && !key.text("alg").isEmpty()) {
                    return key;
                }
            }
        } catch (IllegalArgumentException e) {
            throw new Failure("unreadable JWK set", e);
        }
        throw new Failure("no JWK with that kid and an algorithm");
    }

    private static Signature signature(String alg) throws GeneralSecurityException {
        return switch (alg) {
            case "RS256" -> Signature.getInstance("SHA256withRSA");
            case "RS384" -> Signature.getInstance("SHA384withRSA");
            case "RS512" -> Signature.getInstance("SHA512withRSA");
            case "PS256" -> pss("SHA-256", MGF1ParameterSpec.SHA256, 32);
            case "PS384" -> pss("SHA-384", MGF1ParameterSpec.SHA384, 48);
            case "PS512" -> pss("SHA-512", MGF1ParameterSpec.SHA512, 64);
            case "EdDSA" -> Signature.getInstance("Ed25519");
            default -> throw new Failure("unsupported id_token algorithm " + alg);
        };
    }

    private static Signature pss(String hash, MGF1ParameterSpec mgf, int salt) throws GeneralSecurityException {
        Signature s = Signature.getInstance("RSASSA-PSS");
        s.setParameter(new PSSParameterSpec(hash, "MGF1", mgf, salt, 1));
        return s;
    }

    /** RSA keys for the RS/PS algorithms, Ed25519 (OKP) keys for EdDSA; other key types are not used upstream. */
    private static PublicKey publicKey(TypedJson jwk, String alg) throws GeneralSecurityException {
        return switch (jwk.text("kty")) {
            case "RSA" -> {
                BigInteger n = new BigInteger(1, base64Url(jwk.text("n")));
                BigInteger e = new BigInteger(1, base64Url(jwk.text("e")));
                yield KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(n, e));
            }
            case "OKP" -> {
                byte[] x = base64Url(jwk.text("x"));
                if (!jwk.text("crv").equals("Ed25519") || x.length != 32 || !alg.equals("EdDSA")) {
                    throw new Failure("unsupported OKP key");
                }
                byte[] der = new byte[ED25519_PREFIX.length + 32];
                System.arraycopy(ED25519_PREFIX, 0, der, 0, ED25519_PREFIX.length);
                System.arraycopy(x, 0, der, ED25519_PREFIX.length, 32);
                yield KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
            }
            default -> throw new Failure("unsupported JWK key type");
        };
    }

    private static String[] jwtParts(String jwt) {
        String[] parts = jwt.split("\\.", -1);
        if (parts.length != 3) {
            throw new Failure("id_token is not a JWT");
        }
        return parts;
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        HttpResponse<byte[]> res;
        try {
            res = client(HttpClient.Redirect.NORMAL).send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException | IllegalArgumentException e) {
            throw new Failure("request to " + request.uri().getHost() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Failure("interrupted", e);
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

    /** Go's {@code url.QueryEscape}: only letters, digits and {@code -_.~} stay, spaces become {@code +}. */
    private static String queryEscape(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("*", "%2A").replace("%7E", "~");
    }

    private static String formEncode(Map<String, String> form) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : form.entrySet()) {
            if (!sb.isEmpty()) {
                sb.append('&');
            }
            sb.append(queryEscape(e.getKey())).append('=').append(queryEscape(e.getValue()));
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
            try {
                out.putIfAbsent(URLDecoder.decode(k, StandardCharsets.UTF_8),
                        URLDecoder.decode(v, StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new Failure("unreadable form-encoded token response", e);
            }
        }
        return out;
    }

    private static String text(Object v) {
        return v instanceof String s ? s : "";
    }
}
