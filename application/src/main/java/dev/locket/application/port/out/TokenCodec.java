package dev.locket.application.port.out;

import dev.locket.domain.auth.TokenClaims;
import java.util.Map;
import java.util.Optional;

/** Signs and verifies HS256 tokens; the signing key is chosen by the caller (token key + secret). */
public interface TokenCodec {

    String sign(TokenClaims claims, String key);

    /** Reads the claims without checking the signature (to find out which key to verify with). */
    Optional<TokenClaims> peek(String token);

    /**
     * Every claim of the token, read without checking the signature or the expiry; empty when it is not a
     * JWT. Upstream's confirm flows look at the payload this way before verifying the token.
     */
    default Map<String, Object> unverifiedClaims(String token) {
        return peek(token).map(TokenClaims::extra).orElse(Map.of());
    }

    /** Verifies signature, algorithm (HS256 only) and expiry; empty when any check fails. */
    Optional<TokenClaims> verify(String token, String key);
}
