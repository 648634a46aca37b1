package dev.locket.domain.auth.oauth2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.collection.AuthOptions;
import dev.locket.domain.collection.PasswordAuth;
import dev.locket.domain.collection.TokenConfig;
import dev.locket.domain.rule.AccessRule;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OAuth2ProvidersTest {
    private static final UserMapping.Tokens TOKENS =
            new UserMapping.Tokens("at", "rt", Optional.of(Instant.parse("2026-01-01T00:00:00Z")));

    @Test
    void knowsExactlyTheProviderNamesOfPocketBase() {
        assertEquals(List.of("apple", "bitbucket", "box", "discord", "facebook", "gitea", "gitee", "github", "gitlab",
                "google", "instagram2", "kakao", "lark", "linear", "livechat", "mailcow", "microsoft", "monday",
                "notion", "oidc", "oidc2", "oidc3", "patreon", "planningcenter", "spotify", "strava", "trakt",
                "twitch", "twitter", "vk", "wakatime", "yandex"), List.copyOf(Providers.names()));
    }

    @Test
    void pkceChallengeIsTheRfc7636S256Value() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                AuthUrl.codeChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void emptyConfigValuesFallBackToTheProviderDefaultsAndNullPkceKeepsTheDefault() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("name", "gitlab");
        raw.put("clientId", "id");
        raw.put("clientSecret", "s");
        raw.put("authURL", "");
        raw.put("tokenURL", "https://git.example.com/oauth/token");
        raw.put("pkce", null);
        raw.put("extra", null);
        ProviderConfig p = ProviderConfig.of(raw).orElseThrow();
        assertEquals("https://gitlab.com/oauth/authorize", p.authURL());
        assertEquals("https://git.example.com/oauth/token", p.tokenURL());
        assertEquals("GitLab", p.displayName());
        assertTrue(p.pkce());
        raw.put("pkce", false);
        assertFalse(ProviderConfig.of(raw).orElseThrow().pkce());
    }

    @Test
    void anAuthUrlWithAQueryIsExtendedWithAmpersandAndScopesAreOmittedWhenThereAreNone() {
        Map<String, Object> raw = Map.of("name", "notion", "clientId", "n", "clientSecret", "s",
                "authURL", "https://idp.example.com/authorize?tenant=a", "pkce", false);
        String url = AuthUrl.build(ProviderConfig.of(raw).orElseThrow(), "st", "");
        assertEquals("https://idp.example.com/authorize?tenant=a&client_id=n&response_type=code&state=st&redirect_uri=",
                url);
    }

    @Test
    void microsoftAsksForOpenidWhenAnIdTokenEmailClaimIsConfigured() {
        Map<String, Object> raw = Map.of("name", "microsoft", "clientId", "m", "clientSecret", "s",
                "extra", Map.of("idTokenEmailClaim", "email"));
        assertEquals(List.of("User.Read", "openid"), ProviderConfig.of(raw).orElseThrow().scopes());
    }

    @Test
    void configSkipsUnknownProvidersAndReadsMappedFields() {
        Map<String, Object> oauth2 = Map.of("enabled", true,
                "mappedFields", Map.of("name", "fullName", "username", "handle"),
                "providers", List.of(Map.of("name", "nope"), Map.of("name", "google", "clientId", "g")));
        AuthOptions o = new AuthOptions(AccessRule.PUBLIC, AccessRule.LOCKED, new PasswordAuth(true, List.of("email")),
                new TokenConfig("", 1), new TokenConfig("", 1), new TokenConfig("", 1), new TokenConfig("", 1),
                new TokenConfig("", 1), Map.of("oauth2", oauth2));
        OAuth2Config c = OAuth2Config.of(o);
        assertTrue(c.enabled());
        assertEquals(List.of("google"), c.providers().stream().map(ProviderConfig::name).toList());
        assertEquals("fullName", c.mappedField("name"));
        assertEquals("", c.mappedField("avatarURL"));
    }

    @Test
    void githubIdsAreWholeNumbersAndItsEmailIsTrusted() {
        Map<String, Object> raw = Map.of("id", 583231.0, "login", "octocat", "name", "The Octocat",
                "email", "octo@example.com", "avatar_url", "https://avatars.example.com/u/583231");
        OAuth2User u = UserMapping.map("github", raw, TOKENS);
        assertEquals("583231", u.id());
        assertEquals("octocat", u.username());
        assertEquals("octo@example.com", u.email());
        assertEquals("https://avatars.example.com/u/583231", u.avatarURL());
        assertEquals("at", u.accessToken());
    }

    @Test
    void googleAndOidcDropUnverifiedEmails() {
        Map<String, Object> raw = Map.of("sub", "1", "email", "x@example.com", "email_verified", false);
        assertEquals("", UserMapping.map("google", raw, TOKENS).email());
        assertEquals("", UserMapping.map("oidc3", raw, TOKENS).email());
        Map<String, Object> verified = Map.of("sub", "1", "email", "x@example.com", "email_verified", true);
        assertEquals("x@example.com", UserMapping.map("oidc2", verified, TOKENS).email());
    }

    @Test
    void discordBuildsItsNameAndAvatarUrl() {
        Map<String, Object> raw = Map.of("id", "80351110224678912", "username", "nelly", "discriminator", "1337",
                "avatar", "8342729096ea3675442027381ff50dfe", "verified", true, "email", "nelly@example.com");
        OAuth2User u = UserMapping.map("discord", raw, TOKENS);
        assertEquals("nelly#1337", u.name());
        assertEquals("https://cdn.discordapp.com/avatars/80351110224678912/8342729096ea3675442027381ff50dfe.png",
                u.avatarURL());
        assertEquals("nelly@example.com", u.email());
    }
}
