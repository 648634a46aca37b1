package dev.locket.domain.auth.oauth2;

import java.util.List;

/**
 * One built-in OAuth2 provider's defaults (auth.md §6.3): display name, its place in provider lists
 * ({@code order}, then name), PKCE, fixed scopes, endpoint URLs ({@code ""} when the collection must
 * configure them) and, for Apple, the signing keys its id_token is checked against (not configurable,
 * as upstream).
 */
public record ProviderSpec(String name, ProviderKind kind, String displayName, int order, boolean pkce,
                           List<String> scopes, String authURL, String tokenURL, String userInfoURL, String jwksURL) {
    public ProviderSpec {
        scopes = List.copyOf(scopes);
    }
}
