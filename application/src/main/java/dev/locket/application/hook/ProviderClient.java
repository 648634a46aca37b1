package dev.locket.application.hook;

import dev.locket.application.port.out.OAuth2Client;
import dev.locket.domain.auth.oauth2.ProviderConfig;
import dev.locket.domain.auth.oauth2.ProviderRequest;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Upstream's {@code ProviderClient} of an OAuth2 login (its {@code auth.Provider}): the provider's name and
 * settings as the auth collection configures them (defaults applied), the redirect URL of this login, and a
 * call to the provider's user-info endpoint with an access token, as upstream's {@code FetchRawUserInfo}.
 */
public final class ProviderClient {
    private final ProviderConfig config;
    private final String redirectURL;
    private final OAuth2Client client;

    public ProviderClient(ProviderConfig config, String redirectURL, OAuth2Client client) {
        this.config = Objects.requireNonNull(config);
        this.redirectURL = redirectURL == null ? "" : redirectURL;
        this.client = Objects.requireNonNull(client);
    }

    /** The provider's name ({@code google}, {@code oidc}, …). */
    public String name() {
        return config.name();
    }

    public String displayName() {
        return config.displayName().isEmpty() ? config.name() : config.displayName();
    }

    public boolean pkce() {
        return config.pkce();
    }

    public List<String> scopes() {
        return config.scopes();
    }

    public String clientId() {
        return config.clientId();
    }

    public String clientSecret() {
        return config.clientSecret();
    }

    public String authURL() {
        return config.authURL();
    }

    public String tokenURL() {
        return config.tokenURL();
    }

    public String userInfoURL() {
        return config.userInfoURL();
    }

    /** The redirect URL the client sent with this login's code. */
    public String redirectURL() {
        return redirectURL;
    }

    /** The provider-specific settings (JSON-shaped). */
    public Map<String, Object> extra() {
        return config.extra();
    }

    /** The whole configuration, for what the accessors above do not cover. */
    public ProviderConfig config() {
        return config;
    }

    /**
     * The provider's raw answer to a user-info request made with {@code accessToken} (as a bearer token); an
     * error status or a failed transport throws {@link OAuth2Client.Failure}.
     */
    public String fetchRawUserInfo(String accessToken) {
        OAuth2Client.Response r = client.send(ProviderRequest.get(config.userInfoURL())
                .with("Authorization", "Bearer " + accessToken));
        if (r.status() >= 400) {
            throw new OAuth2Client.Failure("the user info request answered " + r.status());
        }
        return r.body();
    }
}
