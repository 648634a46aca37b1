package dev.locket.application.service.auth;

import dev.locket.application.port.in.auth.ListAuthMethods;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.domain.collection.AuthCollection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * {@code GET auth-methods} (auth.md §4.1), keys in upstream's struct order. The OAuth2 provider
 * entries come from a pluggable function (the OAuth2 adapter builds auth URLs, state and PKCE);
 * without one the provider list is empty.
 */
public final class AuthMethodsService implements ListAuthMethods {
    private final AuthRecords lookups;
    private final Function<AuthCollection, List<Map<String, Object>>> oauth2Providers;

    /**
     * @param oauth2Providers the provider entries ({@code name, displayName, state, authURL, authUrl,
     *                        codeVerifier, codeChallenge, codeChallengeMethod, logo}) of an auth
     *                        collection whose OAuth2 is enabled, in configuration order
     */
    public AuthMethodsService(CollectionStore collections,
                              Function<AuthCollection, List<Map<String, Object>>> oauth2Providers) {
        this.lookups = new AuthRecords(collections, null, null, null);
        this.oauth2Providers = oauth2Providers;
    }

    public AuthMethodsService(CollectionStore collections) {
        this(collections, c -> List.of());
    }

    @Override
    public Map<String, Object> listAuthMethods(String collection) {
        AuthCollection c = lookups.authCollection(collection);
        boolean passwordOn = c.auth().passwordAuth().enabled();
        List<String> identityFields = passwordOn ? c.auth().passwordAuth().identityFields() : List.of();
        Map<String, Object> password = new LinkedHashMap<>();
        password.put("identityFields", List.copyOf(identityFields));
        password.put("enabled", passwordOn);

        Map<String, Object> oauth2Options = AuthMails.map(c.auth().extra().get("oauth2"));
        boolean oauth2On = Boolean.TRUE.equals(oauth2Options.get("enabled"));
        List<Map<String, Object>> providers = oauth2On ? oauth2Providers.apply(c) : List.of();
        Map<String, Object> oauth2 = new LinkedHashMap<>();
        oauth2.put("providers", providers);
        oauth2.put("enabled", oauth2On);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("password", password);
        out.put("oauth2", oauth2);
        out.put("mfa", section(c, "mfa"));
        out.put("otp", section(c, "otp"));
        // Legacy keys the older SDKs read.
        List<Map<String, Object>> legacy = null;
        if (oauth2On) {
            legacy = new ArrayList<>();
            for (Map<String, Object> p : providers) {
                Map<String, Object> copy = new LinkedHashMap<>(p);
                copy.put("logo", "");
                legacy.add(copy);
            }
        }
        out.put("authProviders", legacy);
        out.put("usernamePassword", passwordOn && identityFields.contains("username"));
        out.put("emailPassword", passwordOn && identityFields.contains("email"));
        return out;
    }

    private static Map<String, Object> section(AuthCollection c, String name) {
        Map<String, Object> options = AuthMails.map(c.auth().extra().get(name));
        boolean on = Boolean.TRUE.equals(options.get("enabled"));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("enabled", on);
        out.put("duration", on ? AuthCompletion.seconds(c, name, 0) : 0L);
        return out;
    }
}
