package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.adapters.http.outbound.oauth2.JdkOAuth2Client;
import dev.locket.application.service.auth.ProviderUsers;
import dev.locket.bootstrap.StubOAuth2Provider.Answer;
import dev.locket.bootstrap.StubOAuth2Provider.Seen;
import dev.locket.domain.auth.oauth2.OAuth2User;
import dev.locket.domain.auth.oauth2.ProviderConfig;
import dev.locket.domain.auth.oauth2.ProviderSpec;
import dev.locket.domain.auth.oauth2.Providers;
import dev.locket.domain.error.BadRequest;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The provider side of OAuth2 logins (the real HTTP client and {@link ProviderUsers}) against a stub
 * provider server, for what the HTTP-level {@code OAuth2ProvidersIT} cannot reach: Apple (whose key set
 * URL is fixed, so the test gives its spec the stub's), Microsoft's id_token email claims, the token
 * exchange's wire variants and the id_token signature rules.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProviderUsersIT {
    private static final String TOKEN_FAILED = "Failed to fetch OAuth2 token.";
    private static final String USER_FAILED = "Failed to fetch OAuth2 user.";

    private StubOAuth2Provider stub;
    private TestIdTokens rsa;
    private final ProviderUsers users = new ProviderUsers(new JdkOAuth2Client(), Clock.systemUTC());

    @BeforeAll
    void start() throws Exception {
        stub = new StubOAuth2Provider();
        rsa = TestIdTokens.rsa("apple-key");
        stub.answer("/keys", Answer.json(rsa.jwks()));
    }

    @AfterAll
    void stop() {
        stub.close();
    }

    @Test
    void appleMapsTheVerifiedClaimsOfItsSignedIdToken() throws Exception {
        tokenAnswers(appleToken(Map.of("email", "ada@privaterelay.appleid.com", "email_verified", "true")));
        OAuth2User u = users.fetch(apple(), "code-1", "verifier", "https://app.example.com/cb");
        assertEquals("apple-sub", u.id());
        assertEquals("ada@privaterelay.appleid.com", u.email());
        assertEquals("", u.name());
        assertEquals("at", u.accessToken());
        assertEquals("apple-sub", u.rawUser().get("sub"));
        Seen token = stub.seen("/token").getLast();
        assertEquals("verifier", token.form().get("code_verifier"));

        tokenAnswers(appleToken(Map.of("email", "ada@privaterelay.appleid.com", "email_verified", "false")));
        assertEquals("", users.fetch(apple(), "code-2", "verifier", "").email());
    }

    @Test
    void appleRefusesIdTokensThatFailItsChecks() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("aud", "someone.else"),
                Map.<String, Object>of("iss", "https://evil.example"), Map.<String, Object>of("exp", now - 301))) {
            tokenAnswers(appleToken(bad));
            assertEquals(USER_FAILED, assertThrows(BadRequest.class,
                    () -> users.fetch(apple(), "c", "v", "")).getMessage(), bad.toString());
        }
        // within the leeway for the claim check, but the signature check allows no leeway on exp
        tokenAnswers(appleToken(Map.of("exp", now - 60)));
        assertThrows(BadRequest.class, () -> users.fetch(apple(), "c", "v", ""));
        Map<String, Object> claims = appleClaims(Map.of());
        tokenAnswers("\"id_token\":\"" + rsa.sign(claims, true) + "\"");
        assertEquals(USER_FAILED, assertThrows(BadRequest.class, () -> users.fetch(apple(), "c", "v", "")).getMessage());
        tokenAnswers("\"id_token\":\"" + TestIdTokens.rsa("apple-key").sign(claims) + "\"");
        assertThrows(BadRequest.class, () -> users.fetch(apple(), "c", "v", ""), "signed by another key");
        tokenAnswers("\"id_token\":\"" + TestIdTokens.rsa("unknown-kid").sign(claims) + "\"");
        assertThrows(BadRequest.class, () -> users.fetch(apple(), "c", "v", ""), "kid not in the set");
        tokenAnswers("\"scope\":\"name email\"");
        assertThrows(BadRequest.class, () -> users.fetch(apple(), "c", "v", ""), "no id_token");
    }

    @Test
    void oidcAcceptsEd25519SignedIdTokensFromItsKeySet() throws Exception {
        TestIdTokens ed = TestIdTokens.ed25519("ed-key");
        stub.answer("/ed-keys", Answer.json(ed.jwks()));
        long now = System.currentTimeMillis() / 1000;
        tokenAnswers("\"id_token\":\"" + ed.sign(Map.of("sub", "ed-user", "aud", "cid", "iat", now, "exp", now + 60,
                "email", "ed@example.com", "email_verified", true)) + "\"");
        ProviderConfig oidc = config("oidc", "", Map.of("jwksURL", stub.url("/ed-keys")));
        OAuth2User u = users.fetch(oidc, "c", "v", "");
        assertEquals("ed-user", u.id());
        assertEquals("ed@example.com", u.email());
    }

    @Test
    void microsoftTakesItsEmailFromTheIdTokenClaimItIsToldTo() throws Exception {
        stub.answer("/me", Answer.json("{\"id\":\"ms-1\",\"displayName\":\"Megan\",\"mail\":\"graph@contoso.example\"}"));
        long now = System.currentTimeMillis() / 1000;
        String idToken = TestIdTokens.unsigned(Map.of("email", "megan@contoso.example", "xms_edov", true, "iat", now));
        tokenAnswers("\"id_token\":\"" + idToken + "\"");
        ProviderConfig edov = config("microsoft", stub.url("/me"), Map.of("idTokenEmailClaim", "email_and_xms_edov"));
        assertEquals("megan@contoso.example", users.fetch(edov, "c", "v", "").email());
        assertEquals("graph@contoso.example", users.fetch(config("microsoft", stub.url("/me"), Map.of()), "c", "v", "")
                .email());
        String future = TestIdTokens.unsigned(Map.of("email", "megan@contoso.example", "xms_edov", true,
                "iat", now + 3600));
        tokenAnswers("\"id_token\":\"" + future + "\"");
        assertEquals("", users.fetch(edov, "c", "v", "").email(), "claims that fail the check give no email");
    }

    @Test
    void aFormEncodedTokenAnswerIsReadAndATokenTypeGoesIntoTheAuthorizationHeader() {
        stub.answer("/token", new Answer(200, "application/x-www-form-urlencoded",
                "access_token=form-at&token_type=mac&refresh_token=form-rt&expires_in=60&scope=read"));
        stub.answer("/me", Answer.json("{\"id\":\"ms-2\",\"displayName\":\"Form\"}"));
        OAuth2User u = users.fetch(config("microsoft", stub.url("/me"), Map.of()), "c", "v", "");
        assertEquals("form-at", u.accessToken());
        assertEquals("form-rt", u.refreshToken());
        assertTrue(u.expiry().isPresent());
        assertEquals("MAC form-at", stub.seen("/me").getLast().header("Authorization"));
    }

    /** Credentials go as HTTP Basic first; a provider that wants them in the form gets a second try. */
    @Test
    void clientCredentialsFallBackFromBasicAuthToTheForm() {
        stub.answer("/token", seen -> seen.header("Authorization").isEmpty()
                && "cid".equals(seen.form().get("client_id")) && "secret".equals(seen.form().get("client_secret"))
                ? Answer.json("{\"access_token\":\"at\"}")
                : new Answer(401, "application/json", "{\"error\":\"invalid_client\"}"));
        stub.answer("/me", Answer.json("{\"id\":\"ms-3\"}"));
        int before = stub.seen("/token").size();
        assertEquals("ms-3", users.fetch(config("microsoft", stub.url("/me"), Map.of()), "c", "v", "").id());
        List<Seen> tries = stub.seen("/token").subList(before, stub.seen("/token").size());
        assertEquals(2, tries.size());
        assertEquals(List.of("cid", "secret"), tries.get(0).clientCredentials());
        assertTrue(tries.get(0).header("Authorization").startsWith("Basic "));
        assertFalse(tries.get(0).form().containsKey("client_secret"));
    }

    @Test
    void tokenAndUserFailuresAnswerAsUpstream() {
        ProviderConfig ms = config("microsoft", stub.url("/me"), Map.of());
        stub.answer("/token", Answer.json("{\"error\":\"invalid_grant\",\"access_token\":\"at\"}"));
        assertEquals(TOKEN_FAILED, assertThrows(BadRequest.class, () -> users.fetch(ms, "c", "v", "")).getMessage());
        stub.answer("/token", Answer.json("{\"token_type\":\"bearer\"}"));
        assertEquals(TOKEN_FAILED, assertThrows(BadRequest.class, () -> users.fetch(ms, "c", "v", "")).getMessage());
        stub.answer("/token", Answer.json("{\"access_token\":\"at\",\"expires_in\":\"3600.5\"}"));
        assertEquals(TOKEN_FAILED, assertThrows(BadRequest.class, () -> users.fetch(ms, "c", "v", "")).getMessage());

        stub.answer("/token", Answer.json("{\"access_token\":\"at\",\"expires_in\":\"3600\"}"));
        stub.answer("/me", new Answer(500, "application/json", "{\"id\":\"x\"}"));
        assertEquals(USER_FAILED, assertThrows(BadRequest.class, () -> users.fetch(ms, "c", "v", "")).getMessage());
        stub.answer("/me", Answer.json("{\"id\":123}"));
        assertEquals(USER_FAILED, assertThrows(BadRequest.class, () -> users.fetch(ms, "c", "v", "")).getMessage());

        ProviderConfig github = config("github", stub.url("/gh/user"), Map.of());
        stub.answer("/gh/user", Answer.json("{\"id\":1,\"login\":\"x\",\"email\":\"x@example.com\"}"));
        stub.answer("/gh/user/emails", new Answer(500, "text/html", "<html>oops</html>"));
        assertEquals(USER_FAILED, assertThrows(BadRequest.class, () -> users.fetch(github, "c", "v", "")).getMessage());
        stub.answer("/gh/user/emails", new Answer(403, "application/json", "{\"message\":\"scope\"}"));
        assertEquals("", users.fetch(github, "c", "v", "").email());
    }

    private void tokenAnswers(String extraFields) {
        stub.answer("/token", Answer.json("{\"access_token\":\"at\",\"token_type\":\"Bearer\",\"expires_in\":3600"
                + (extraFields.isEmpty() ? "" : "," + extraFields) + "}"));
    }

    private String appleToken(Map<String, Object> overrides) throws Exception {
        return "\"id_token\":\"" + rsa.sign(appleClaims(overrides)) + "\"";
    }

    private static Map<String, Object> appleClaims(Map<String, Object> overrides) {
        long now = System.currentTimeMillis() / 1000;
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", "https://appleid.apple.com");
        claims.put("aud", "com.example.app");
        claims.put("sub", "apple-sub");
        claims.put("iat", now);
        claims.put("exp", now + 600);
        claims.putAll(overrides);
        return claims;
    }

    /** Apple as configured by a collection, except that its signing keys are the stub's. */
    private ProviderConfig apple() {
        ProviderSpec s = Providers.find("apple").orElseThrow();
        ProviderSpec stubbed = new ProviderSpec(s.name(), s.kind(), s.displayName(), s.order(), s.pkce(), s.scopes(),
                s.authURL(), stub.url("/token"), s.userInfoURL(), stub.url("/keys"));
        return new ProviderConfig(stubbed, "com.example.app", "secret", s.authURL(), stub.url("/token"), "",
                s.displayName(), true, Map.of());
    }

    private ProviderConfig config(String name, String userInfoURL, Map<String, Object> extra) {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("name", name);
        raw.put("clientId", "cid");
        raw.put("clientSecret", "secret");
        raw.put("tokenURL", stub.url("/token"));
        raw.put("userInfoURL", userInfoURL);
        raw.put("extra", extra);
        return ProviderConfig.of(raw).orElseThrow();
    }
}
