package dev.locket.application.port.out;

import java.util.Map;

/**
 * Talks to OAuth2 providers over HTTP: the authorization-code exchange, JSON user-info calls and
 * {@code id_token} decoding. Every failure (network, non-2xx status, unreadable body, bad signature)
 * is a {@link Failure}.
 */
public interface OAuth2Client {

    /**
     * One code exchange. {@code codeVerifier} is sent as {@code code_verifier} only when non-empty;
     * {@code redirectURL} as {@code redirect_uri} always (providers compare it with the auth request's).
     */
    record TokenRequest(String tokenURL, String clientId, String clientSecret, String code, String redirectURL,
                        String codeVerifier) {
    }

    /**
     * The token response: {@code expiresIn} in seconds (0 when the provider gave none), {@code idToken}
     * {@code ""} when absent, {@code raw} the whole JSON object.
     */
    record Tokens(String accessToken, String refreshToken, long expiresIn, String idToken, Map<String, Object> raw) {
    }

    Tokens exchange(TokenRequest request);

    /** GET {@code url} with {@code Authorization: Bearer <accessToken>}; the JSON body, JSON-shaped. */
    Object getJson(String url, String accessToken);

    /**
     * The claims of a JWT {@code id_token}. With a non-empty {@code jwksURL} the signature is verified
     * against that JWK set first (RS256/ES256); time, issuer and audience checks are the caller's.
     */
    Map<String, Object> idTokenClaims(String idToken, String jwksURL);

    /** A provider call that failed; the message is for logs only. */
    final class Failure extends RuntimeException {
        public Failure(String message) {
            super(message);
        }

        public Failure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
