package dev.locket.domain.auth.oauth2;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The claim checks an {@code id_token} must pass (upstream's JWT validator): {@code exp} and {@code nbf}
 * (and {@code iat} when asked) against the clock with a leeway for skew ({@code exp} only when present
 * unless required), the audience when one is expected, and the issuer when some are listed. Time claims
 * must be numbers.
 *
 * @param issuers accepted {@code iss} values; empty accepts any
 */
public record IdTokenCheck(boolean expirationRequired, boolean issuedAt, Optional<String> audience,
                           List<String> issuers) {
    /** Clock skew allowed on time claims (upstream's default {@code PB_ID_TOKEN_LEEWAY}, 5 minutes). */
    public static final long LEEWAY_SECONDS = 300;
    /** Time claims only ({@code iat} included): Microsoft's id_token, read for its email claims. */
    public static final IdTokenCheck TIMES = new IdTokenCheck(false, true, Optional.empty(), List.of());
    /**
     * Once the signature is verified {@code exp} and {@code nbf} are checked again without leeway, as
     * upstream's signature check parses the token with the JWT library's default validation.
     */
    public static final IdTokenCheck SIGNED = new IdTokenCheck(false, false, Optional.empty(), List.of());

    public IdTokenCheck {
        issuers = List.copyOf(issuers);
    }

    /** @throws IllegalArgumentException naming the first claim that fails */
    public void verify(Map<String, Object> claims, Instant now, long leewaySeconds) {
        double t = now.toEpochMilli() / 1000.0;
        Optional<Double> exp = numericDate(claims, "exp");
        if (exp.isEmpty() && expirationRequired) {
            throw new IllegalArgumentException("id_token has no exp");
        }
        if (exp.isPresent() && t >= exp.get() + leewaySeconds) {
            throw new IllegalArgumentException("id_token expired");
        }
        for (String notBefore : issuedAt ? List.of("nbf", "iat") : List.of("nbf")) {
            Optional<Double> v = numericDate(claims, notBefore);
            if (v.isPresent() && t < v.get() - leewaySeconds) {
                throw new IllegalArgumentException("id_token used before " + notBefore);
            }
        }
        if (audience.isPresent() && !audienceMatches(claims.get("aud"), audience.get())) {
            throw new IllegalArgumentException("id_token audience does not match");
        }
        if (!issuers.isEmpty() && !(claims.get("iss") instanceof String iss && issuers.contains(iss))) {
            throw new IllegalArgumentException("id_token issuer not accepted");
        }
    }

    private static Optional<Double> numericDate(Map<String, Object> claims, String key) {
        return switch (claims.get(key)) {
            case null -> Optional.empty();
            case Number n -> Optional.of(n.doubleValue());
            case Object other -> throw new IllegalArgumentException("id_token " + key + " is not a number");
        };
    }

    /** {@code aud} is a string or a list of strings; one of them must be the expected value (all-empty never is). */
    private static boolean audienceMatches(Object aud, String expected) {
        List<String> values = new ArrayList<>();
        switch (aud) {
            case String s -> values.add(s);
            case List<?> l -> {
                for (Object o : l) {
                    if (!(o instanceof String s)) {
                        return false;
                    }
                    values.add(s);
                }
            }
            case null, default -> {
                return false;
            }
        }
        return !String.join("", values).isEmpty() && values.contains(expected);
    }
}
