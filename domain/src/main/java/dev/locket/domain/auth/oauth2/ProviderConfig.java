package dev.locket.domain.auth.oauth2;

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
        if (spec.name().equals("microsoft") && !text(extra.get("idTokenEmailClaim")).isEmpty()) {
            List<String> out = new java.util.ArrayList<>(spec.scopes());
            out.add("openid");
            return List.copyOf(out);
        }
        return spec.scopes();
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
