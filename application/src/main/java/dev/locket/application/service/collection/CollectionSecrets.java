package dev.locket.application.service.collection;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.AuthOptions;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.collection.TokenConfig;
import dev.locket.domain.json.JsonShape;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The secrets of an auth collection across a save. The REST API never shows token secrets or OAuth2
 * client secrets, so a definition sent back by a client lacks them: those come back from the stored
 * collection, and any still empty (a new collection, a new token kind) are generated.
 */
final class CollectionSecrets {
    private final RandomGenerator random;

    CollectionSecrets(RandomGenerator random) {
        this.random = random;
    }

    /** Secrets {@code c} lacks come back from {@code previous}; still-empty ones are generated. */
    AuthCollection withSecrets(AuthCollection c, AuthOptions previous) {
        AuthOptions o = keepSecrets(c.auth(), previous);
        return c.withAuth(new AuthOptions(o.authRule(), o.manageRule(), o.passwordAuth(),
                fresh(o.authToken()), fresh(o.passwordResetToken()), fresh(o.emailChangeToken()),
                fresh(o.verificationToken()), fresh(o.fileToken()), o.extra()));
    }

    /** A new auth token secret: every auth token issued for the collection stops verifying. */
    AuthCollection withNewAuthSecret(AuthCollection c) {
        AuthOptions o = c.auth();
        return c.withAuth(new AuthOptions(o.authRule(), o.manageRule(), o.passwordAuth(),
                new TokenConfig(newSecret(), o.authToken().duration()), o.passwordResetToken(),
                o.emailChangeToken(), o.verificationToken(), o.fileToken(), o.extra()));
    }

    /**
     * An empty token secret takes the stored one, and an OAuth2 provider with an empty
     * {@code clientSecret} takes the stored secret of the provider with the same name. Secrets that were
     * actually submitted are kept.
     */
    static AuthOptions keepSecrets(AuthOptions updated, AuthOptions stored) {
        Map<String, Object> extra = new LinkedHashMap<>(updated.extra());
        if (extra.get("oauth2") instanceof Map<?, ?> oauth2 && oauth2.get("providers") instanceof List<?> providers) {
            Map<String, String> storedSecrets = providerSecrets(stored.extra().get("oauth2"));
            List<Object> restored = new ArrayList<>();
            for (Object p : providers) {
                if (p instanceof Map<?, ?> pm && isBlank(pm.get("clientSecret"))
                        && storedSecrets.containsKey(String.valueOf(pm.get("name")))) {
                    Map<String, Object> copy = JsonShape.stringKeys(pm);
                    copy.put("clientSecret", storedSecrets.get(String.valueOf(pm.get("name"))));
                    restored.add(copy);
                } else {
                    restored.add(p);
                }
            }
            Map<String, Object> withSecrets = JsonShape.stringKeys(oauth2);
            withSecrets.put("providers", restored);
            extra.put("oauth2", JsonShape.frozenCopy(withSecrets));
        }
        return new AuthOptions(updated.authRule(), updated.manageRule(), updated.passwordAuth(),
                keepSecret(updated.authToken(), stored.authToken()),
                keepSecret(updated.passwordResetToken(), stored.passwordResetToken()),
                keepSecret(updated.emailChangeToken(), stored.emailChangeToken()),
                keepSecret(updated.verificationToken(), stored.verificationToken()),
                keepSecret(updated.fileToken(), stored.fileToken()), extra);
    }

    private static TokenConfig keepSecret(TokenConfig updated, TokenConfig stored) {
        if (isBlank(updated.secret()) && stored != null && !isBlank(stored.secret())) {
            return new TokenConfig(stored.secret(), updated.duration());
        }
        return updated;
    }

    private static Map<String, String> providerSecrets(Object oauth2) {
        Map<String, String> out = new LinkedHashMap<>();
        if (oauth2 instanceof Map<?, ?> om && om.get("providers") instanceof List<?> providers) {
            for (Object p : providers) {
                if (p instanceof Map<?, ?> pm && pm.get("clientSecret") instanceof String secret && !secret.isEmpty()) {
                    out.put(String.valueOf(pm.get("name")), secret);
                }
            }
        }
        return out;
    }

    private static boolean isBlank(Object v) {
        return v == null || (v instanceof String s && s.isEmpty());
    }

    private TokenConfig fresh(TokenConfig config) {
        return config.secret() == null || config.secret().isEmpty()
                ? new TokenConfig(newSecret(), config.duration()) : config;
    }

    private String newSecret() {
        return SystemCollections.newSecret(random);
    }
}
