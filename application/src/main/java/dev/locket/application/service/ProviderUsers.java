package dev.locket.application.service;

import dev.locket.application.port.out.OAuth2Client;
import dev.locket.domain.auth.oauth2.OAuth2User;
import dev.locket.domain.auth.oauth2.ProviderConfig;
import dev.locket.domain.auth.oauth2.ProviderSpec;
import dev.locket.domain.auth.oauth2.UserMapping;
import dev.locket.domain.error.BadRequest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The provider side of an OAuth2 login (auth.md §6.1 step 1, §6.3): the code exchange and reading
 * the user from the user-info endpoint or the {@code id_token}, per provider.
 */
final class ProviderUsers {
    static final String TOKEN_FAILED = "Failed to fetch OAuth2 token.";
    static final String USER_FAILED = "Failed to fetch OAuth2 user.";
    /** Clock skew allowed on id_token time claims (upstream's default PB_ID_TOKEN_LEEWAY). */
    private static final long ID_TOKEN_LEEWAY_SECONDS = 300;
    private static final String APPLE_KEYS = "https://appleid.apple.com/auth/keys";
    private static final String APPLE_ISSUER = "https://appleid.apple.com";

    private final OAuth2Client client;
    private final Clock clock;

    ProviderUsers(OAuth2Client client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /**
     * Exchanges the code (with the PKCE verifier when the provider uses PKCE) and reads the user:
     * {@code BadRequest} "Failed to fetch OAuth2 token." / "Failed to fetch OAuth2 user." on failure.
     */
    OAuth2User fetch(ProviderConfig p, String code, String codeVerifier, String redirectURL) {
        OAuth2Client.Tokens tokens;
        try {
            tokens = client.exchange(new OAuth2Client.TokenRequest(p.tokenURL(), p.clientId(), p.clientSecret(),
                    code, redirectURL, p.pkce() ? codeVerifier : ""));
        } catch (OAuth2Client.Failure e) {
            throw new BadRequest(TOKEN_FAILED, e);
        }
        if (tokens.accessToken().isEmpty()) {
            throw new BadRequest(TOKEN_FAILED);
        }
        Optional<Instant> expiry = tokens.expiresIn() > 0
                ? Optional.of(clock.instant().plusSeconds(tokens.expiresIn())) : Optional.empty();
        UserMapping.Tokens t = new UserMapping.Tokens(tokens.accessToken(), tokens.refreshToken(), expiry);
        OAuth2User user;
        try {
            Map<String, Object> raw = switch (p.spec().userSource()) {
                case USER_INFO, GITHUB -> object(client.getJson(p.userInfoURL(), tokens.accessToken()));
                case ID_TOKEN -> idTokenClaims(p, tokens, APPLE_KEYS, List.of(APPLE_ISSUER));
                case OIDC -> p.userInfoURL().isEmpty()
                        ? idTokenClaims(p, tokens, p.extra().get("jwksURL") instanceof String s ? s : "", issuers(p))
                        : object(client.getJson(p.userInfoURL(), tokens.accessToken()));
            };
            user = UserMapping.map(p.name(), raw, t);
            if (p.spec().userSource() == ProviderSpec.UserSource.GITHUB && user.email().isEmpty()) {
                user = withGithubEmail(p, user, tokens.accessToken());
            }
            String emailClaim = p.extra().get("idTokenEmailClaim") instanceof String s ? s : "";
            if (p.name().equals("microsoft") && !emailClaim.isEmpty()) {
                user = withEmail(user, microsoftEmail(emailClaim, client.idTokenClaims(tokens.idToken(), "")));
            }
        } catch (OAuth2Client.Failure | IllegalArgumentException e) {
            throw new BadRequest(USER_FAILED, e);
        }
        if (user.id().isEmpty()) {
            throw new BadRequest(USER_FAILED);
        }
        return user;
    }

    /**
     * Microsoft accounts may carry unverified {@code mail} values; {@code extra.idTokenEmailClaim} picks
     * a verified address from the id_token instead: {@code email} (as is), {@code verified_primary_email}
     * (first of that list), {@code email_and_xms_edov} ({@code email} when {@code xms_edov} is true), or
     * {@code any_verified} (the first of those three that yields one).
     */
    static String microsoftEmail(String mode, Map<String, Object> claims) {
        String email = UserMapping.str(claims, "email");
        String primary = claims.get("verified_primary_email") instanceof List<?> l && !l.isEmpty()
                && l.get(0) instanceof String v ? v : "";
        boolean edov = Boolean.TRUE.equals(claims.get("xms_edov")) || "true".equals(claims.get("xms_edov"))
                || "1".equals(claims.get("xms_edov"));
        return switch (mode) {
            case "email" -> email;
            case "verified_primary_email" -> primary;
            case "email_and_xms_edov" -> edov ? email : "";
            case "any_verified" -> !primary.isEmpty() ? primary : edov ? email : "";
            default -> "";
        };
    }

    private static OAuth2User withEmail(OAuth2User u, String email) {
        return new OAuth2User(u.id(), u.name(), u.username(), email, u.avatarURL(), u.rawUser(), u.accessToken(),
                u.refreshToken(), u.expiry());
    }

    /** GitHub hides private emails from {@code /user}; the verified primary one comes from {@code /user/emails}. */
    private OAuth2User withGithubEmail(ProviderConfig p, OAuth2User user, String accessToken) {
        Object list = client.getJson(p.userInfoURL() + "/emails", accessToken);
        if (list instanceof List<?> emails) {
            for (Object e : emails) {
                if (e instanceof Map<?, ?> m && Boolean.TRUE.equals(m.get("verified"))
                        && Boolean.TRUE.equals(m.get("primary")) && m.get("email") instanceof String email) {
                    return withEmail(user, email);
                }
            }
        }
        return user;
    }

    private Map<String, Object> idTokenClaims(ProviderConfig p, OAuth2Client.Tokens tokens, String jwksURL,
                                              List<String> issuers) {
        if (tokens.idToken().isEmpty()) {
            throw new OAuth2Client.Failure("the token response has no id_token");
        }
        Map<String, Object> claims = client.idTokenClaims(tokens.idToken(), jwksURL);
        long now = clock.instant().getEpochSecond();
        if (claims.get("exp") instanceof Number exp && exp.longValue() + ID_TOKEN_LEEWAY_SECONDS < now) {
            throw new OAuth2Client.Failure("id_token expired");
        }
        for (String notBefore : List.of("nbf", "iat")) {
            if (claims.get(notBefore) instanceof Number t && t.longValue() - ID_TOKEN_LEEWAY_SECONDS > now) {
                throw new OAuth2Client.Failure("id_token used before " + notBefore);
            }
        }
        if (!issuers.isEmpty() && !issuers.contains(UserMapping.str(claims, "iss"))) {
            throw new OAuth2Client.Failure("id_token issuer not accepted");
        }
        Object aud = claims.get("aud");
        boolean audOk = aud == null ? !p.name().equals("apple")
                : aud instanceof List<?> l ? l.contains(p.clientId()) : p.clientId().equals(aud);
        if (!audOk) {
            throw new OAuth2Client.Failure("id_token audience does not match the client id");
        }
        return claims;
    }

    private static List<String> issuers(ProviderConfig p) {
        List<String> out = new ArrayList<>();
        if (p.extra().get("issuers") instanceof List<?> l) {
            for (Object o : l) {
                if (o instanceof String s && !s.isEmpty()) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object json) {
        if (json instanceof Map<?, ?> m) {
            return (Map<String, Object>) m;
        }
        throw new OAuth2Client.Failure("the user info is not a JSON object");
    }
}
