package dev.locket.application.port.out;

import dev.locket.domain.auth.oauth2.ProviderRequest;
import java.util.Map;
import java.util.Optional;

/**
 * Talks to OAuth2 providers over HTTP: the authorization-code exchange, the provider API calls the
 * domain describes ({@link ProviderRequest}), and {@code id_token} decoding and signature checks.
 * Network failures, unreadable token responses and bad signatures are a {@link Failure}.
 */
public interface OAuth2Client {

    /**
     * One code exchange. {@code redirectURL} is sent as {@code redirect_uri} when not empty;
     * {@code codeVerifier} as {@code code_verifier} when present (even empty: PKCE providers always get it).
     */
    record TokenRequest(String tokenURL, String clientId, String clientSecret, String code, String redirectURL,
                        Optional<String> codeVerifier) {
    }

    /**
     * A successful token response: {@code expiresIn} in seconds (0 when the provider gave none),
     * {@code raw} every field the provider sent (as JSON values, or texts for a form-encoded answer).
     */
    record Tokens(String accessToken, String tokenType, String refreshToken, long expiresIn,
                  Map<String, Object> raw) {
        public Tokens {
            raw = raw == null ? Map.of() : raw;
        }

        /** The {@code id_token} of the response, {@code ""} when there is none. */
        public String idToken() {
            return raw.get("id_token") instanceof String s ? s : "";
        }

        /** The Authorization header for API calls: the token type (Bearer by default, canonical case) and token. */
        public String authorization() {
            String type = switch (tokenType.toLowerCase(java.util.Locale.ROOT)) {
                case "", "bearer" -> "Bearer";
                case "mac" -> "MAC";
                case "basic" -> "Basic";
                default -> tokenType;
            };
            return type + " " + accessToken;
        }
    }

    /** A provider's answer to a {@link ProviderRequest}, whatever its status. */
    record Response(int status, String body) {
    }

    /**
     * Exchanges the code; a non-2xx status, an {@code error} in the answer or a missing access token
     * is a {@link Failure}.
     */
    Tokens exchange(TokenRequest request);

    /** Sends the call and returns the answer; only a failed transport (or an oversized answer) is a {@link Failure}. */
    Response send(ProviderRequest request);

    /** The claims of a JWT {@code id_token}, unverified; a {@link Failure} when it is not a JWT with a JSON payload. */
    Map<String, Object> idTokenClaims(String idToken);

    /**
     * Checks the {@code id_token}'s signature against the key of its {@code kid} in the JWK set at
     * {@code jwksURL} (the key must name its algorithm, which the token must use); a {@link Failure} otherwise.
     */
    void verifySignature(String idToken, String jwksURL);

    /**
     * Downloads a public file (a provider's avatar): only addresses on the public internet are
     * contacted, redirects included, so that a provider cannot make the server probe its own network;
     * a 2xx/3xx answer of at most 32 MiB. Anything else is a {@link Failure}.
     */
    byte[] downloadPublic(String url);

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
