package dev.locket.domain.auth.oauth2;

import dev.locket.domain.field.Casts;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One configured provider of a collection's {@code oauth2.providers} with the built-in defaults
 * applied: empty URLs and display name fall back to the provider's (auth.md §1), {@code pkce: null}
 * keeps the provider default. {@code extra} holds the provider-specific settings (JSON-shaped).
 */
public record ProviderConfig(ProviderSpec spec, String clientId, String clientSecret, String authURL,
                             String tokenURL, String userInfoURL, String displayName, boolean pkce,
                             Map<String, Object> extra) {
    public ProviderConfig {
        extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra == null ? Map.of() : extra));
    }

    public String name() {
        return spec.name();
    }

    /** The provider's scopes; Microsoft adds {@code openid} when an id_token email claim is configured. */
    public List<String> scopes() {
        if (spec.kind() == ProviderKind.MICROSOFT && !Casts.toText(extra.get("idTokenEmailClaim")).isEmpty()
                && !spec.scopes().contains("openid")) {
            List<String> out = new ArrayList<>(spec.scopes());
            out.add("openid");
            return List.copyOf(out);
        }
        return spec.scopes();
    }

    /**
     * Where this provider's raw user comes from, with the provider's own request details: GraphQL
     * queries (Linear, monday.com), API version and client-id headers (Notion, Trakt, Twitch), or the
     * id_token (Apple always; OpenID Connect when no user-info URL is configured).
     */
    public UserSource userSource() {
        ProviderRequest get = ProviderRequest.get(userInfoURL);
        return switch (spec.kind()) {
            case APPLE -> new UserSource.IdToken(spec.jwksURL(),
                    new IdTokenCheck(true, true, Optional.of(clientId), List.of("https://appleid.apple.com")));
            case OIDC -> userInfoURL.isEmpty()
                    ? new UserSource.IdToken(Casts.toText(extra.get("jwksURL")),
                            new IdTokenCheck(false, true, Optional.of(clientId), issuers()))
                    : new UserSource.UserInfo(get);
            case LINEAR -> graphQl("query Me { viewer { id displayName name email avatarUrl active } }");
            case MONDAY -> graphQl("query { me { id enabled name email is_verified photo_small }}");
            case NOTION -> new UserSource.UserInfo(get.with("Notion-Version", "2022-06-28"));
            case TRAKT -> new UserSource.UserInfo(get.with("Content-type", "application/json")
                    .with("trakt-api-key", clientId).with("trakt-api-version", "2"));
            case TWITCH -> new UserSource.UserInfo(get.with("Client-Id", clientId));
            default -> new UserSource.UserInfo(get);
        };
    }

    private UserSource graphQl(String query) {
        return new UserSource.UserInfo(new ProviderRequest("POST", userInfoURL,
                Map.of("Content-Type", "application/json"), "{\"query\": \"" + query + "\"}"));
    }

    /**
     * {@code extra.issuers} as upstream's {@code cast.ToStringSlice} reads it: a list (items as text) or a
     * space-separated string.
     */
    private List<String> issuers() {
        List<String> out = new ArrayList<>();
        switch (extra.get("issuers")) {
            case List<?> l -> l.forEach(o -> out.add(Casts.toText(o)));
            case String s when !s.isBlank() -> out.addAll(List.of(s.trim().split("\\s+")));
            case null, default -> {
            }
        }
        return out;
    }

    /** A provider entry of the stored options; empty when its name is not a known provider. */
    public static Optional<ProviderConfig> of(Map<?, ?> raw) {
        Optional<ProviderSpec> spec = Providers.find(text(raw.get("name")));
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        ProviderSpec s = spec.get();
        boolean pkce = raw.get("pkce") instanceof Boolean b ? b : s.pkce();
        Map<String, Object> extra = new LinkedHashMap<>();
        if (raw.get("extra") instanceof Map<?, ?> e) {
            e.forEach((k, v) -> extra.put(String.valueOf(k), v));
        }
        return Optional.of(new ProviderConfig(s, text(raw.get("clientId")), text(raw.get("clientSecret")),
                orDefault(raw.get("authURL"), s.authURL()), orDefault(raw.get("tokenURL"), s.tokenURL()),
                orDefault(raw.get("userInfoURL"), s.userInfoURL()), orDefault(raw.get("displayName"), s.displayName()),
                pkce, extra));
    }

    private static String orDefault(Object value, String fallback) {
        String v = text(value);
        return v.isEmpty() ? fallback : v;
    }

    static String text(Object v) {
        return v instanceof String s ? s : "";
    }
}
