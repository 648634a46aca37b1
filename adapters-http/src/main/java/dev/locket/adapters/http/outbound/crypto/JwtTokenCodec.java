package dev.locket.adapters.http.outbound.crypto;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.auth0.jwt.exceptions.JWTVerificationException;
import com.auth0.jwt.interfaces.Claim;
import com.auth0.jwt.interfaces.DecodedJWT;
import dev.locket.adapters.http.json.GoJson;
import dev.locket.application.port.out.TokenCodec;
import dev.locket.domain.auth.TokenClaims;
import dev.locket.domain.auth.TokenType;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * HS256 tokens as PocketBase issues them: header {@code {"alg":"HS256","typ":"JWT"}}, claims
 * written in Go's sorted-key order, no {@code iat}/{@code iss}. Only HS256 verifies; tokens
 * without {@code typ} are accepted (the fixture has some).
 */
public final class JwtTokenCodec implements TokenCodec {

    private static final byte[] HEADER = base64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
    private static final Set<String> STANDARD = Set.of("id", "type", "collectionId", "exp");

    /** Bounds {@link #seen}; past it the cache starts over (tokens are re-checked in full, no more). */
    static final int MAX_SEEN = 4096;

    /**
     * The claims of a token read before, and the key its signature was found good with (null: only peeked).
     * Every authenticated request used to decode its token twice and check its HMAC once, about two fifths of
     * a list request's CPU; a token is a pure function of its text, so a second look at the same text with the
     * same key gives the same answer, apart from expiry, which is checked on every use.
     */
    private record Seen(TokenClaims claims, String verifiedWith) {
    }

    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final Clock clock;

    public JwtTokenCodec(Clock clock) {
        this.clock = clock;
    }

    public JwtTokenCodec() {
        this(Clock.systemUTC());
    }

    @Override
    public String sign(TokenClaims claims, String key) {
        Map<String, Object> payload = new TreeMap<>(claims.extra());
        payload.put("id", claims.id());
        payload.put("type", claims.type().wire());
        payload.put("collectionId", claims.collectionId());
        payload.put("exp", claims.exp());
        byte[] body = base64(GoJson.write(payload));
        byte[] signature = Algorithm.HMAC256(key).sign(HEADER, body);
        return new String(HEADER, StandardCharsets.US_ASCII) + "." + new String(body, StandardCharsets.US_ASCII)
                + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
    }

    @Override
    public Optional<TokenClaims> peek(String token) {
        Seen known = token == null ? null : seen.get(token);
        if (known != null) {
            return Optional.of(known.claims());
        }
        try {
            Optional<TokenClaims> claims = claims(JWT.decode(token));
            claims.ifPresent(c -> remember(token, new Seen(c, null)));
            return claims;
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    @Override
    public Map<String, Object> unverifiedClaims(String token) {
        try {
            Map<String, Object> all = new LinkedHashMap<>();
            JWT.decode(token).getClaims().forEach((name, claim) -> all.put(name, value(claim)));
            return all;
        } catch (RuntimeException notAJwt) {
            return Map.of();
        }
    }

    @Override
    public Optional<TokenClaims> verify(String token, String key) {
        if (token == null || key == null) {
            return Optional.empty();
        }
        Seen known = seen.get(token);
        if (known != null && key.equals(known.verifiedWith())) {
            // the library's own expiry check reads the wall clock; the injected one is read below as always
            return unexpired(known.claims(), Math.max(clock.instant().getEpochSecond(), Instant.now().getEpochSecond()));
        }
        try {
            DecodedJWT jwt = JWT.require(Algorithm.HMAC256(key))
                    .withClaimPresence("exp")
                    .build()
                    .verify(token);
            Optional<TokenClaims> claims = claims(jwt).flatMap(c -> unexpired(c, clock.instant().getEpochSecond()));
            claims.ifPresent(c -> remember(token, new Seen(c, key)));
            return claims;
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Checked here too so the codec honours the injected clock, not only the wall clock. */
    private static Optional<TokenClaims> unexpired(TokenClaims claims, long nowSeconds) {
        return claims.exp() <= nowSeconds ? Optional.empty() : Optional.of(claims);
    }

    private void remember(String token, Seen what) {
        if (seen.size() >= MAX_SEEN) {
            seen.clear();
        }
        seen.put(token, what);
    }

    private static Optional<TokenClaims> claims(DecodedJWT jwt) {
        String id = jwt.getClaim("id").asString();
        String type = jwt.getClaim("type").asString();
        String collectionId = jwt.getClaim("collectionId").asString();
        if (id == null || id.isEmpty() || type == null || collectionId == null || collectionId.isEmpty()) {
            return Optional.empty();
        }
        Optional<TokenType> tokenType = TokenType.fromWire(type);
        if (tokenType.isEmpty()) {
            return Optional.empty();
        }
        Claim exp = jwt.getClaim("exp");
        Double expValue = exp.isMissing() || exp.isNull() ? null : exp.asDouble();
        long expSeconds = expValue == null ? 0 : expValue.longValue();
        Map<String, Object> extra = new LinkedHashMap<>();
        jwt.getClaims().forEach((name, claim) -> {
            if (!STANDARD.contains(name)) {
                extra.put(name, value(claim));
            }
        });
        return Optional.of(new TokenClaims(id, tokenType.get(), collectionId, expSeconds, extra));
    }

    private static Object value(Claim c) {
        if (c.isNull()) {
            return null;
        }
        if (c.asBoolean() != null) {
            return c.asBoolean();
        }
        if (c.asString() != null) {
            return c.asString();
        }
        if (c.asDouble() != null) {
            return c.asDouble();
        }
        try {
            return c.asMap();
        } catch (RuntimeException e) {
            return c.asList(Object.class);
        }
    }

    private static byte[] base64(byte[] raw) {
        return Base64.getUrlEncoder().withoutPadding().encode(raw);
    }

}
