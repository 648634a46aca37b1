package dev.locket.application.service.auth;

import dev.locket.application.port.out.OAuth2Client;
import dev.locket.domain.auth.oauth2.EmailLookup;
import dev.locket.domain.auth.oauth2.IdTokenCheck;
import dev.locket.domain.auth.oauth2.OAuth2User;
import dev.locket.domain.auth.oauth2.ProviderConfig;
import dev.locket.domain.auth.oauth2.ProviderKind;
import dev.locket.domain.auth.oauth2.ProviderRequest;
import dev.locket.domain.auth.oauth2.UserMapping;
import dev.locket.domain.auth.oauth2.UserSource;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.Casts;
import dev.locket.domain.json.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * The provider side of an OAuth2 login (auth.md §6.1 step 1, §6.3): the code exchange, then the
 * provider's user as that provider reads it (user-info call or id_token, the follow-up email list
 * where the provider needs one), mapped by {@link UserMapping}.
 */
public final class ProviderUsers {
    static final String TOKEN_FAILED = "Failed to fetch OAuth2 token.";
    static final String USER_FAILED = "Failed to fetch OAuth2 user.";

    private final OAuth2Client client;
    private final Clock clock;

    public ProviderUsers(OAuth2Client client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * Exchanges the code (with the PKCE verifier when the provider uses PKCE) and reads the user:
     * {@code BadRequest} "Failed to fetch OAuth2 token." / "Failed to fetch OAuth2 user." on failure.
     */
    public OAuth2User fetch(ProviderConfig p, String code, String codeVerifier, String redirectURL) {
        OAuth2Client.Tokens tokens;
        try {
            tokens = client.exchange(new OAuth2Client.TokenRequest(p.tokenURL(), p.clientId(), p.clientSecret(),
                    code, redirectURL, p.pkce() ? Optional.of(codeVerifier) : Optional.empty()));
        } catch (OAuth2Client.Failure e) {
            throw new BadRequest(TOKEN_FAILED, e);
        }
        Instant now = clock.instant();
        // upstream's token library sets an expiry for any non-zero expires_in, negative ones included
        Optional<Instant> expiry = tokens.expiresIn() != 0
                ? Optional.of(now.plusSeconds(tokens.expiresIn())) : Optional.empty();
        try {
            Map<String, Object> raw = switch (p.userSource()) {
                case UserSource.UserInfo u -> userInfo(u.request(), tokens);
                case UserSource.IdToken t -> idTokenClaims(tokens, t, now);
            };
            UserMapping.Tokens t = new UserMapping.Tokens(tokens.accessToken(), tokens.refreshToken(), expiry,
                    tokens.raw(), microsoftClaims(p, tokens, now));
            OAuth2User user = UserMapping.map(p, raw, t);
            Optional<EmailLookup> lookup = EmailLookup.after(p, user);
            if (lookup.isPresent()) {
                OAuth2Client.Response r = client.send(authorized(lookup.get().request(), tokens));
                user = user.withEmail(lookup.get().pick(r.status(), r.body()));
            }
            return user;
        } catch (OAuth2Client.Failure | IllegalArgumentException e) {
            throw new BadRequest(USER_FAILED, e);
        }
    }

    /** The user-info answer; an error status fails, a JSON {@code null} is an empty user (as upstream reads it). */
    @SuppressWarnings("unchecked")
    private Map<String, Object> userInfo(ProviderRequest request, OAuth2Client.Tokens tokens) {
        OAuth2Client.Response r = client.send(authorized(request, tokens));
        if (r.status() >= 400) {
            throw new OAuth2Client.Failure("the user info request answered " + r.status());
        }
        return switch (Json.parse(r.body())) {
            case null -> Map.of();
            case Map<?, ?> m -> (Map<String, Object>) m;
            default -> throw new OAuth2Client.Failure("the user info is not a JSON object");
        };
    }

    private static ProviderRequest authorized(ProviderRequest request, OAuth2Client.Tokens tokens) {
        return request.with("Authorization", tokens.authorization());
    }

    /**
     * The id_token's claims once they pass the provider's checks and, when a key set is known, the
     * signature (after which the time claims must also hold without leeway, as upstream's JWT parser
     * checks them).
     */
    private Map<String, Object> idTokenClaims(OAuth2Client.Tokens tokens, UserSource.IdToken source, Instant now) {
        if (tokens.idToken().isEmpty()) {
            throw new OAuth2Client.Failure("empty id_token");
        }
        Map<String, Object> claims = client.idTokenClaims(tokens.idToken());
        source.check().verify(claims, now, IdTokenCheck.LEEWAY_SECONDS);
        if (!source.jwksURL().isEmpty()) {
            client.verifySignature(tokens.idToken(), source.jwksURL());
            IdTokenCheck.SIGNED.verify(claims, now, 0);
        }
        return claims;
    }

    /**
     * Microsoft's optional email claims: the id_token of the (trusted) token response, read only when
     * {@code extra.idTokenEmailClaim} asks for it; an absent or invalid token gives no claims (no email).
     */
    private Map<String, Object> microsoftClaims(ProviderConfig p, OAuth2Client.Tokens tokens, Instant now) {
        if (p.spec().kind() != ProviderKind.MICROSOFT || Casts.toText(p.extra().get("idTokenEmailClaim")).isEmpty()
                || tokens.idToken().isEmpty()) {
            return Map.of();
        }
        try {
            Map<String, Object> claims = client.idTokenClaims(tokens.idToken());
            IdTokenCheck.TIMES.verify(claims, now, IdTokenCheck.LEEWAY_SECONDS);
            return claims;
        } catch (OAuth2Client.Failure | IllegalArgumentException e) {
            return Map.of();
        }
    }
}
