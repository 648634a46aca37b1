package dev.locket.domain.auth.oauth2;

import java.util.List;

/**
 * One built-in OAuth2 provider's defaults (auth.md §6.3): display name, PKCE, fixed scopes, endpoint
 * URLs ({@code ""} when the collection must configure them) and where its user comes from.
 */
public record ProviderSpec(String name, String displayName, boolean pkce, List<String> scopes, String authURL,
                           String tokenURL, String userInfoURL, UserSource userSource) {
    public ProviderSpec {
        scopes = List.copyOf(scopes);
    }

    /** How a provider's user is read once the code is exchanged. */
    public enum UserSource {
        /** GET the user-info URL with the access token. */
        USER_INFO,
        /** GET the user-info URL; when it shows no email, GitHub's {@code /user/emails} list. */
        GITHUB,
        /** Claims of the token response's {@code id_token} (Apple), signature checked against Apple's keys. */
        ID_TOKEN,
        /** The user-info URL when configured, else the {@code id_token} claims (generic OpenID Connect). */
        OIDC
    }
}
