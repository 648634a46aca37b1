package dev.locket.domain.auth.oauth2;

import dev.locket.domain.collection.AuthOptions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A typed view of an auth collection's {@code oauth2} options (kept JSON-shaped in
 * {@link AuthOptions#extra()}): the switch, the mapped record fields and the known providers in
 * configuration order (unknown names are skipped, as upstream does).
 */
public record OAuth2Config(boolean enabled, Map<String, String> mappedFields, List<ProviderConfig> providers) {
    public OAuth2Config {
        mappedFields = Collections.unmodifiableMap(new LinkedHashMap<>(mappedFields));
        providers = List.copyOf(providers);
    }

    public static OAuth2Config of(AuthOptions options) {
        Object raw = options.extra().get("oauth2");
        if (!(raw instanceof Map<?, ?> m)) {
            return new OAuth2Config(false, Map.of(), List.of());
        }
        Map<String, String> mapped = new LinkedHashMap<>();
        if (m.get("mappedFields") instanceof Map<?, ?> mf) {
            for (String key : List.of("id", "name", "username", "avatarURL")) {
                mapped.put(key, ProviderConfig.text(mf.get(key)));
            }
        }
        List<ProviderConfig> providers = new ArrayList<>();
        if (m.get("providers") instanceof List<?> list) {
            for (Object p : list) {
                if (p instanceof Map<?, ?> pm) {
                    ProviderConfig.of(pm).ifPresent(providers::add);
                }
            }
        }
        return new OAuth2Config(Boolean.TRUE.equals(m.get("enabled")), mapped, providers);
    }

    public Optional<ProviderConfig> provider(String name) {
        return providers.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The record field a provider value is mapped to, {@code ""} when none. */
    public String mappedField(String key) {
        return mappedFields.getOrDefault(key, "");
    }
}
