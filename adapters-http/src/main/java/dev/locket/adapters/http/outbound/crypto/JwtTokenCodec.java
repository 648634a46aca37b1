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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
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
        try {
            return claims(JWT.decode(token));
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
        try {
            DecodedJWT jwt = JWT.require(Algorithm.HMAC256(key))
                    .withClaimPresence("exp")
                    .build()
                    .verify(token);
            Optional<TokenClaims> claims = claims(jwt);
            // Checked here too so the codec honours the injected clock, not only the wall clock.
            if (claims.isEmpty() || claims.get().exp() <= clock.instant().getEpochSecond()) {
                return Optional.empty();
            }
            return claims;
        } catch (JWTVerificationException | IllegalArgumentException e) {
            return Optional.empty();
        }
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
