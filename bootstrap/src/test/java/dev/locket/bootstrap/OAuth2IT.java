package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static dev.locket.bootstrap.ApiCalls.map;
import static dev.locket.bootstrap.ApiCalls.text;

import dev.locket.Locket;
import dev.locket.bootstrap.ApiCalls.Reply;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * OAuth2 logins end to end (auth.md §6) against a real OpenID Connect provider started by the test:
 * the code travels through the provider's authorize endpoint, Locket exchanges it (PKCE checked by
 * the provider), reads the user and creates, finds or links the auth record.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OAuth2IT {
    private ApiCalls api;
    private HttpClient http;
    private TestOidcServer idp;
    private Locket app;
    private String base;
    private String superToken;

    @BeforeAll
    void start() throws Exception {
        idp = new TestOidcServer();
        Path dir = Files.createTempDirectory("locket-oauth2").resolve("pb_data");
        assertEquals(0, Locket.create().start("superuser", "upsert", "root@example.com", "root-password-1",
                "--dir", dir.toString()));
        app = Locket.create();
        CompletableFuture.runAsync(() -> app.start("serve", "--http", "127.0.0.1:0", "--dir", dir.toString()));
        base = "http://127.0.0.1:" + app.awaitPort(30, TimeUnit.SECONDS);
        api = new ApiCalls(base);
        http = api.http();
        superToken = text(api.call("POST", "/api/collections/_superusers/auth-with-password", null,
                Map.of("identity", "root@example.com", "password", "root-password-1")).body(), "token");
        Map<String, Object> userInfo = provider("oidc", "Test IdP");
        userInfo.put("userInfoURL", idp.url("/userinfo"));
        Map<String, Object> idToken = provider("oidc2", "");
        idToken.put("extra", Map.of("jwksURL", idp.url("/jwks"), "issuers", List.of(idp.url(""))));
        Reply saved = api.call("PATCH", "/api/collections/users", superToken, Map.of("oauth2", Map.of(
                "enabled", true, "providers", List.of(userInfo, idToken),
                "mappedFields", Map.of("name", "name", "avatarURL", "avatar"))));
        assertEquals(200, saved.status(), saved.raw());
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.stop();
        }
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    void aNewProviderUserBecomesAVerifiedRecordWithMappedNameAndALink() throws Exception {
        String sub = "sub-" + UUID.randomUUID();
        Reply r = login("oidc", claims(sub, "new-" + sub + "@example.com", true, "Ada Lovelace"), null);
        assertEquals(200, r.status(), r.raw());
        Map<String, Object> record = map(r.body(), "record");
        Map<String, Object> meta = map(r.body(), "meta");
        assertEquals("new-" + sub + "@example.com", record.get("email"));
        assertEquals(true, record.get("verified"));
        assertEquals("Ada Lovelace", record.get("name"));
        assertEquals(true, meta.get("isNew"));
        assertEquals(sub, meta.get("id"));
        assertEquals("new-" + sub + "@example.com", meta.get("email"));
        assertFalse(text(meta, "accessToken").isEmpty());
        assertTrue(text(meta, "refreshToken").startsWith("refresh-"));
        assertFalse(text(meta, "expiry").isEmpty());
        assertEquals(sub, map(meta, "rawUser").get("sub"));

        // The token works, and the user sees the one _externalAuths link that was created.
        String token = text(r.body(), "token");
        Reply links = api.call("GET", "/api/collections/_externalAuths/records", token, null);
        assertEquals(200, links.status(), links.raw());
        List<?> items = (List<?>) links.body().get("items");
        assertEquals(1, items.size());
        Map<?, ?> link = (Map<?, ?>) items.get(0);
        assertEquals("oidc", link.get("provider"));
        assertEquals(sub, link.get("providerId"));
        assertEquals(record.get("id"), link.get("recordRef"));
    }

    @Test
    void aReturningUserIsFoundThroughItsLinkEvenAfterChangingEmailAtTheProvider() throws Exception {
        String sub = "sub-" + UUID.randomUUID();
        Reply first = login("oidc", claims(sub, "first-" + sub + "@example.com", true, "Grace"), null);
        assertEquals(200, first.status(), first.raw());
        Reply again = login("oidc", claims(sub, "changed-" + sub + "@example.com", true, "Grace"), null);
        assertEquals(200, again.status(), again.raw());
        assertEquals(map(first.body(), "record").get("id"), map(again.body(), "record").get("id"));
        assertEquals("first-" + sub + "@example.com", map(again.body(), "record").get("email"));
        assertEquals(false, map(again.body(), "meta").get("isNew"));
    }

    @Test
    void anExistingUnverifiedUserWithTheProviderEmailIsLinkedVerifiedAndItsPasswordRandomised() throws Exception {
        String email = "existing-" + UUID.randomUUID() + "@example.com";
        Reply created = api.call("POST", "/api/collections/users/records", null,
                Map.of("email", email, "password", "user-password-1", "passwordConfirm", "user-password-1"));
        assertEquals(200, created.status(), created.raw());
        assertEquals(false, created.body().get("verified"));

        Reply r = login("oidc", claims("sub-" + UUID.randomUUID(), email, true, "Linked"), null);
        assertEquals(200, r.status(), r.raw());
        assertEquals(created.body().get("id"), map(r.body(), "record").get("id"));
        assertEquals(true, map(r.body(), "record").get("verified"));
        assertEquals(false, map(r.body(), "meta").get("isNew"));
        // Whoever chose the password of the unverified account may not own the mailbox.
        Reply password = api.call("POST", "/api/collections/users/auth-with-password", null,
                Map.of("identity", email, "password", "user-password-1"));
        assertEquals(400, password.status(), password.raw());
    }

    @Test
    void aSignedInUserLinksAProviderAccountWithAnotherEmailToItself() throws Exception {
        String email = "owner-" + UUID.randomUUID() + "@example.com";
        Reply created = api.call("POST", "/api/collections/users/records", null,
                Map.of("email", email, "password", "user-password-1", "passwordConfirm", "user-password-1"));
        assertEquals(200, created.status(), created.raw());
        String token = text(api.call("POST", "/api/collections/users/auth-with-password", null,
                Map.of("identity", email, "password", "user-password-1")).body(), "token");
        String sub = "sub-" + UUID.randomUUID();
        Reply linked = login("oidc", claims(sub, "elsewhere-" + sub + "@example.com", true, "Owner"), null, token);
        assertEquals(200, linked.status(), linked.raw());
        assertEquals(created.body().get("id"), map(linked.body(), "record").get("id"));
        assertEquals(email, map(linked.body(), "record").get("email"));
        assertEquals(false, map(linked.body(), "meta").get("isNew"));
        // The caller's own password is kept, and the provider account now signs in to the same record.
        assertEquals(200, api.call("POST", "/api/collections/users/auth-with-password", null,
                Map.of("identity", email, "password", "user-password-1")).status());
        Reply again = login("oidc", claims(sub, "elsewhere-" + sub + "@example.com", true, "Owner"), null);
        assertEquals(created.body().get("id"), map(again.body(), "record").get("id"));
    }

    @Test
    void anUnverifiedProviderEmailIsNeitherUsedForLinkingNorReported() throws Exception {
        String email = "taken-" + UUID.randomUUID() + "@example.com";
        Reply created = api.call("POST", "/api/collections/users/records", null,
                Map.of("email", email, "password", "user-password-1", "passwordConfirm", "user-password-1"));
        assertEquals(200, created.status(), created.raw());
        Map<String, Object> createData = Map.of("email", "other-" + UUID.randomUUID() + "@example.com");
        Reply r = login("oidc", claims("sub-" + UUID.randomUUID(), email, false, "Mallory"), createData);
        assertEquals(200, r.status(), r.raw());
        assertNotEquals(created.body().get("id"), map(r.body(), "record").get("id"));
        assertEquals("", map(r.body(), "meta").get("email"));
        assertEquals(true, map(r.body(), "meta").get("isNew"));
        assertEquals(false, map(r.body(), "record").get("verified"));
    }

    @Test
    void theUserCanComeFromASignedIdTokenAndABadSignatureIsRefused() throws Exception {
        String sub = "sub-" + UUID.randomUUID();
        Reply ok = login("oidc2", claims(sub, "idt-" + sub + "@example.com", true, "Id Token"), null);
        assertEquals(200, ok.status(), ok.raw());
        assertEquals("idt-" + sub + "@example.com", map(ok.body(), "record").get("email"));
        idp.tamperIdTokens(true);
        try {
            Reply bad = login("oidc2", claims("sub-" + UUID.randomUUID(), "x@example.com", true, "X"), null);
            assertEquals(400, bad.status(), bad.raw());
            assertEquals("Failed to fetch OAuth2 user.", bad.body().get("message"));
        } finally {
            idp.tamperIdTokens(false);
        }
    }

    @Test
    void aWrongCodeIsRefusedByTheProvider() throws Exception {
        Reply r = api.call("POST", "/api/collections/users/auth-with-oauth2", null, Map.of("provider", "oidc",
                "code", "not-a-code", "codeVerifier", "v".repeat(43), "redirectURL", base + "/api/oauth2-redirect"));
        assertEquals(400, r.status(), r.raw());
        assertEquals("Failed to fetch OAuth2 token.", r.body().get("message"));
    }

    @Test
    void aCodeRedeemedWithTheWrongPkceVerifierIsRefused() throws Exception {
        idp.signInAs(claims("sub-" + UUID.randomUUID(), "pkce@example.com", true, "P"));
        String redirect = base + "/api/oauth2-redirect";
        String code = authorize(TestOidcServer.challenge("right-verifier-" + "a".repeat(30)), redirect);
        Reply r = api.call("POST", "/api/collections/users/auth-with-oauth2", null, Map.of("provider", "oidc",
                "code", code, "codeVerifier", "wrong-verifier-" + "b".repeat(30), "redirectURL", redirect));
        assertEquals(400, r.status(), r.raw());
        assertEquals("Failed to fetch OAuth2 token.", r.body().get("message"));
    }

    @Test
    void unknownProvidersAndMissingCodesAreInvalidInput() throws Exception {
        Reply r = api.call("POST", "/api/collections/users/auth-with-oauth2", null, Map.of("provider", "github"));
        assertEquals(400, r.status(), r.raw());
        assertEquals("An error occurred while loading the submitted data.", r.body().get("message"));
        Map<String, Object> data = map(r.body(), "data");
        assertEquals("validation_invalid_provider", map(data, "provider").get("code"));
        assertEquals("validation_required", map(data, "code").get("code"));
    }

    @Test
    void collectionsWithoutOAuth2AnswerForbidden() throws Exception {
        Reply r = api.call("POST", "/api/collections/_superusers/auth-with-oauth2", null,
                Map.of("provider", "oidc", "code", "x"));
        assertEquals(403, r.status(), r.raw());
        assertEquals("The collection is not configured to allow OAuth2 authentication.", r.body().get("message"));
    }

    @Test
    void clientSecretsAreNeverReturnedByTheCollectionsApi() throws Exception {
        Reply r = api.call("GET", "/api/collections/users", superToken, null);
        assertEquals(200, r.status(), r.raw());
        assertFalse(r.raw().contains(TestOidcServer.CLIENT_SECRET));
        assertFalse(r.raw().contains("clientSecret"));
    }

    @Test
    void aRedirectForAnUnknownRealtimeClientGoesToTheFailurePage() throws Exception {
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base
                + "/api/oauth2-redirect?code=123&state=missing")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(307, get.statusCode());
        assertEquals("../_/#/auth/oauth2-redirect-failure", get.headers().firstValue("Location").orElse(""));
        HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create(base + "/api/oauth2-redirect"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("code=123")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(303, post.statusCode());
        assertEquals("../_/#/auth/oauth2-redirect-failure", post.headers().firstValue("Location").orElse(""));
    }

    @Test
    void superusersGenerateAppleClientSecretsSignedWithTheirKey() throws Exception {
        java.security.KeyPairGenerator gen = java.security.KeyPairGenerator.getInstance("EC");
        gen.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        java.security.KeyPair keys = gen.generateKeyPair();
        String pem = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                keys.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----";
        String path = "/api/settings/apple/generate-client-secret";
        Reply ok = api.call("POST", path, superToken, Map.of("clientId", "com.example.web", "teamId", "ABCDE12345",
                "keyId", "KEYID12345", "privateKey", pem, "duration", 600));
        assertEquals(200, ok.status(), ok.raw());
        String[] jwt = text(ok.body(), "secret").split("\\.");
        java.security.Signature sig = java.security.Signature.getInstance("SHA256withECDSAinP1363Format");
        sig.initVerify(keys.getPublic());
        sig.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(sig.verify(java.util.Base64.getUrlDecoder().decode(jwt[2])));

        Reply empty = api.call("POST", path, superToken, Map.of());
        assertEquals(400, empty.status(), empty.raw());
        assertEquals("Invalid client secret data.", empty.body().get("message"));
        assertEquals(List.of("clientId", "duration", "keyId", "privateKey", "teamId"),
                map(empty.body(), "data").keySet().stream().sorted().toList());
        assertEquals(401, api.call("POST", path, null, Map.of()).status());
    }

    /**
     * The SDK's flow: take the provider's authURL and codeVerifier from auth-methods, append the
     * redirect URL, let the provider redirect back with a code, exchange it.
     */
    private Reply login(String provider, Map<String, Object> user, Map<String, Object> createData) throws Exception {
        return login(provider, user, createData, null);
    }

    private Reply login(String provider, Map<String, Object> user, Map<String, Object> createData, String token)
            throws Exception {
        return api.authWithOAuth2(idp, provider, user, createData, token);
    }

    @Test
    void authMethodsListsTheProvidersWithAFreshPkcePairAndAnAuthUrlEndingInRedirectUri() throws Exception {
        Reply r = api.call("GET", "/api/collections/users/auth-methods", null, null);
        assertEquals(200, r.status(), r.raw());
        assertEquals(true, map(r.body(), "oauth2").get("enabled"));
        List<?> providers = (List<?>) map(r.body(), "oauth2").get("providers");
        assertEquals(2, providers.size());
        Map<?, ?> oidc = (Map<?, ?>) providers.get(0);
        assertEquals("oidc", oidc.get("name"));
        assertEquals("Test IdP", oidc.get("displayName"));
        assertEquals("OIDC", ((Map<?, ?>) providers.get(1)).get("displayName"));
        String url = (String) oidc.get("authURL");
        assertTrue(url.startsWith(idp.url("/authorize") + "?client_id=" + TestOidcServer.CLIENT_ID
                + "&code_challenge="), url);
        assertTrue(url.endsWith("&response_type=code&scope=openid+email+profile&state=" + oidc.get("state")
                + "&redirect_uri="), url);
        assertEquals(43, ((String) oidc.get("codeVerifier")).length());
        assertEquals(TestOidcServer.challenge((String) oidc.get("codeVerifier")), oidc.get("codeChallenge"));
        assertEquals("S256", oidc.get("codeChallengeMethod"));
        assertFalse(r.raw().contains(TestOidcServer.CLIENT_SECRET));
    }

    /** What the browser does: open the provider's authorize URL and take the code from its redirect. */
    private String authorize(String challenge, String redirect) throws Exception {
        String url = idp.url("/authorize") + "?client_id=" + TestOidcServer.CLIENT_ID + "&code_challenge="
                + challenge + "&code_challenge_method=S256&response_type=code&scope=openid&state=s1&redirect_uri="
                + URLEncoder.encode(redirect, StandardCharsets.UTF_8);
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(302, res.statusCode(), res.body());
        return TestOidcServer.query(res.headers().firstValue("Location").orElseThrow()).get("code");
    }

    private Map<String, Object> provider(String name, String displayName) {
        Map<String, Object> p = idp.provider(name);
        p.put("displayName", displayName);
        return p;
    }

    private static Map<String, Object> claims(String sub, String email, boolean verified, String name) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("sub", sub);
        c.put("email", email);
        c.put("email_verified", verified);
        c.put("name", name);
        return c;
    }
}
