package dev.locket.adapters.http;

import dev.locket.application.port.in.auth.AuthWithOAuth2;
import dev.locket.application.port.in.auth.CompleteOAuth2Redirect;
import dev.locket.application.port.in.auth.GenerateAppleClientSecret;
import dev.locket.application.port.in.auth.ListOAuth2Providers;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import java.util.Objects;

/**
 * The inbound ports of the OAuth2 routes (auth.md §6, admin-and-ops §2 Apple secret, the provider
 * catalogue). Handed to the server inside {@link HttpPorts}.
 */
public record OAuth2Ports(AuthWithOAuth2 authWithOAuth2, CompleteOAuth2Redirect redirect,
                          GenerateAppleClientSecret appleClientSecret, ListOAuth2Providers providers) {
    public OAuth2Ports {
        Objects.requireNonNull(authWithOAuth2);
        Objects.requireNonNull(redirect);
        Objects.requireNonNull(appleClientSecret);
        Objects.requireNonNull(providers);
    }

    /** No OAuth2: logins answer as for a collection with OAuth2 disabled, redirects fail. */
    static OAuth2Ports none() {
        return new OAuth2Ports(cmd -> {
            throw new Forbidden("The collection is not configured to allow OAuth2 authentication.");
        }, callback -> false, cmd -> {
            throw new NotFound();
        }, request -> {
            throw new Unauthorized();
        });
    }
}
