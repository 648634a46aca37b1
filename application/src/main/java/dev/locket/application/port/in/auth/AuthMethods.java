package dev.locket.application.port.in.auth;

import java.util.List;
import java.util.Objects;

/**
 * What {@code GET auth-methods} answers (auth.md §4.1): which ways to authenticate an auth collection
 * offers. The REST adapter writes it in upstream's key order and adds the legacy keys older SDKs read.
 */
public record AuthMethods(Password password, OAuth2 oauth2, Timed mfa, Timed otp) {
    public AuthMethods {
        Objects.requireNonNull(password);
        Objects.requireNonNull(oauth2);
        Objects.requireNonNull(mfa);
        Objects.requireNonNull(otp);
    }

    /** Password auth; {@code identityFields} is empty when it is disabled. */
    public record Password(boolean enabled, List<String> identityFields) {
        public Password {
            identityFields = List.copyOf(identityFields);
        }
    }

    /** OAuth2; {@code providers} is empty when it is disabled. */
    public record OAuth2(boolean enabled, List<Provider> providers) {
        public OAuth2 {
            providers = List.copyOf(providers);
        }
    }

    /**
     * One OAuth2 provider, ready for a login: a fresh {@code state}, the provider's {@code authURL} and,
     * for providers with PKCE, the verifier/challenge pair ({@code ""} otherwise). {@code logo} is an SVG.
     */
    public record Provider(String name, String displayName, String logo, String state, String authURL,
                           String codeVerifier, String codeChallenge, String codeChallengeMethod) {
        public Provider {
            Objects.requireNonNull(name);
            displayName = displayName == null ? "" : displayName;
            logo = logo == null ? "" : logo;
            state = state == null ? "" : state;
            authURL = authURL == null ? "" : authURL;
            codeVerifier = codeVerifier == null ? "" : codeVerifier;
            codeChallenge = codeChallenge == null ? "" : codeChallenge;
            codeChallengeMethod = codeChallengeMethod == null ? "" : codeChallengeMethod;
        }
    }

    /** MFA or OTP: whether it is on and its session/code duration in seconds (0 when off). */
    public record Timed(boolean enabled, long durationSeconds) {
    }
}
