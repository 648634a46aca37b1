package dev.locket.application.service.auth;

import dev.locket.application.port.in.auth.AuthMethods;
import dev.locket.application.port.in.auth.ListAuthMethods;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.domain.collection.AuthCollection;
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
    private final Function<AuthCollection, List<AuthMethods.Provider>> oauth2Providers;

    /**
     * @param oauth2Providers the provider entries of an auth collection whose OAuth2 is enabled, in
     *                        configuration order
     */
    public AuthMethodsService(CollectionStore collections,
                              Function<AuthCollection, List<AuthMethods.Provider>> oauth2Providers) {
        this.lookups = new AuthRecords(collections, null, null, null, null);
        this.oauth2Providers = oauth2Providers;
    }

    public AuthMethodsService(CollectionStore collections) {
        this(collections, c -> List.of());
    }

    @Override
    public AuthMethods listAuthMethods(String collection) {
        AuthCollection c = lookups.authCollection(collection);
        boolean passwordOn = c.auth().passwordAuth().enabled();
        List<String> identityFields = passwordOn ? c.auth().passwordAuth().identityFields() : List.of();
        Map<String, Object> oauth2Options = AuthMails.map(c.auth().extra().get("oauth2"));
        boolean oauth2On = Boolean.TRUE.equals(oauth2Options.get("enabled"));
        List<AuthMethods.Provider> providers = oauth2On ? oauth2Providers.apply(c) : List.of();
        return new AuthMethods(new AuthMethods.Password(passwordOn, identityFields),
                new AuthMethods.OAuth2(oauth2On, providers), timed(c, "mfa"), timed(c, "otp"));
    }

    private static AuthMethods.Timed timed(AuthCollection c, String name) {
        Map<String, Object> options = AuthMails.map(c.auth().extra().get(name));
        boolean on = Boolean.TRUE.equals(options.get("enabled"));
        return new AuthMethods.Timed(on, on ? AuthCompletion.seconds(c, name, 0) : 0L);
    }
}
