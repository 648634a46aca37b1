package dev.locket.domain.auth.oauth2;

/** Where a provider's raw user comes from once the code is exchanged. */
public sealed interface UserSource {

    /** A call to the user-info endpoint (made with the access token). */
    record UserInfo(ProviderRequest request) implements UserSource {
    }

    /**
     * The claims of the token response's {@code id_token}, held to {@code check} and, when
     * {@code jwksURL} is not empty, signed by one of that key set's keys.
     */
    record IdToken(String jwksURL, IdTokenCheck check) implements UserSource {
    }
}
