package dev.locket.application.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.InMemoryFileStore;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.fake.InMemoryTransactions;
import dev.locket.application.fake.MovableClock;
import dev.locket.application.fake.PlainHasher;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.in.auth.AuthMethods;
import dev.locket.application.port.in.auth.AuthWithOAuth2;
import dev.locket.application.port.in.auth.CompleteOAuth2Redirect;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.out.Mailer;
import dev.locket.application.port.out.OAuth2Client;
import dev.locket.application.port.out.RealtimePublisher;
import dev.locket.application.port.out.TokenCodec;
import dev.locket.application.service.record.RecordService;
import dev.locket.domain.auth.oauth2.ProviderRequest;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.AuthOptions;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.field.FileField;
import dev.locket.domain.file.FileKeys;
import dev.locket.domain.json.Json;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.Settings;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OAuth2ServiceTest {
    static final Instant START = Instant.parse("2026-01-02T03:04:05Z");

    MovableClock clock = new MovableClock(START);
    RealtimePublisher realtime = mock(RealtimePublisher.class);
    OAuth2Client client = mock(OAuth2Client.class);
    TokenCodec tokens = mock(TokenCodec.class);
    InMemoryRecordStore records;
    InMemoryFileStore files = new InMemoryFileStore();
    AuthCollection users;
    OAuth2Service service;

    @BeforeEach
    void setUp() {
        Map<String, Object> apple = new LinkedHashMap<>();
        apple.put("name", "apple");
        apple.put("clientId", "com.example.app");
        apple.put("clientSecret", "secret");
        Map<String, Object> github = new LinkedHashMap<>();
        github.put("name", "github");
        github.put("clientId", "gh");
        github.put("clientSecret", "gh-secret");
        github.put("pkce", false);
        Map<String, Object> unknown = Map.of("name", "myspace", "clientId", "x", "clientSecret", "y");
        Map<String, Object> oauth2 = new LinkedHashMap<>();
        oauth2.put("enabled", true);
        oauth2.put("providers", List.of(apple, unknown, github));
        oauth2.put("mappedFields", Map.of("name", "name", "avatarURL", "avatar"));
        AuthOptions base = Fixtures.authOptions("", null);
        AuthOptions options = new AuthOptions(base.authRule(), base.manageRule(), base.passwordAuth(),
                base.authToken(), base.passwordResetToken(), base.emailChangeToken(), base.verificationToken(),
                base.fileToken(), Map.of("oauth2", oauth2));
        FileField avatar = new FileField(Fixtures.meta("file", "avatar", false, false), false, 1, 0,
                List.of("image/png"), List.of(), false);
        users = Fixtures.auth("users", Fixtures.rules("", "", "", "", ""), options, Fixtures.text("name", false),
                avatar, Fixtures.created(), Fixtures.updated());
        List<Collection> all = new ArrayList<>(List.of(Fixtures.superusers(), users));
        for (Collection c : SystemCollections.all("", new SplittableRandom(1))) {
            if (c.name().startsWith("_") && !c.name().equals("_superusers")) {
                all.add(c);
            }
        }
        InMemoryCollectionStore collections = new InMemoryCollectionStore(all.toArray(Collection[]::new));
        records = new InMemoryRecordStore();
        var tx = new InMemoryTransactions(records, collections);
        var hooks = new Hooks();
        var recordService = new RecordService(collections, records, tx, new PlainHasher(), hooks, clock,
                new SplittableRandom(3), files);
        var mails = new AuthMails(Settings::defaults, mock(Mailer.class));
        var completion = new AuthCompletion(collections, records, tokens, hooks, mails, clock, new SplittableRandom(5));
        service = new OAuth2Service(collections, records, tx, new PlainHasher(), recordService, completion, client,
                realtime, clock, new SplittableRandom(9));
        when(tokens.sign(any(), anyString())).thenReturn("signed-token");
    }

    @Test
    void aRedirectWithoutStateFailsWithoutTellingAnyClient() {
        assertFalse(service.completeRedirect(new CompleteOAuth2Redirect.Callback("", "code", "", "", "1.2.3.4")));
        verify(realtime, never()).sendOnce(anyString(), anyString(), anyString(), any());
    }

    @Test
    void aRedirectHandsStateAndCodeToTheWaitingClientOnTheOauth2Topic() {
        when(realtime.sendOnce(eq("client1"), eq("@oauth2"), eq("1.2.3.4"), any())).thenReturn(true);
        assertTrue(service.completeRedirect(new CompleteOAuth2Redirect.Callback("client1", "abc", "", "", "1.2.3.4")));
        verify(realtime).sendOnce("client1", "@oauth2", "1.2.3.4", Map.of("state", "client1", "code", "abc"));
    }

    @Test
    void aProviderErrorIsForwardedButTheBrowserSeesFailure() {
        when(realtime.sendOnce(anyString(), anyString(), anyString(), any())).thenReturn(true);
        assertFalse(service.completeRedirect(new CompleteOAuth2Redirect.Callback("c", "", "access_denied", "", "")));
        verify(realtime).sendOnce("c", "@oauth2", "", Map.of("state", "c", "code", "", "error", "access_denied"));
    }

    @Test
    void anUnknownClientIsAFailure() {
        assertFalse(service.completeRedirect(new CompleteOAuth2Redirect.Callback("gone", "abc", "", "", "")));
    }

    @Test
    void authMethodsListsKnownProvidersInOrderWithPkceOnlyWhereUsed() {
        List<AuthMethods.Provider> providers = service.authMethodsProviders(users);
        assertEquals(List.of("apple", "github"), providers.stream().map(AuthMethods.Provider::name).toList());
        AuthMethods.Provider apple = providers.get(0);
        assertEquals("Apple", apple.displayName());
        assertEquals(30, apple.state().length());
        assertEquals(43, apple.codeVerifier().length());
        assertEquals("S256", apple.codeChallengeMethod());
        String url = apple.authURL();
        assertTrue(url.startsWith("https://appleid.apple.com/auth/authorize?client_id=com.example.app&code_challenge="),
                url);
        assertTrue(url.endsWith("&code_challenge_method=S256&response_mode=form_post&response_type=code"
                + "&scope=name+email&state=" + apple.state() + "&redirect_uri="), url);
        AuthMethods.Provider github = providers.get(1);
        assertEquals("", github.codeVerifier());
        assertEquals("", github.codeChallenge());
        assertEquals("", github.codeChallengeMethod());
        assertEquals("https://github.com/login/oauth/authorize?client_id=gh&response_type=code"
                + "&scope=read%3Auser+user%3Aemail&state=" + github.state() + "&redirect_uri=", github.authURL());
        assertTrue(github.logo().startsWith("<svg"));
    }

    @Test
    void appleTakesTheNameTheRedirectCapturedForTheCodeWithinAMinute() {
        appleSignsIn("apple-user-1", "ada@privaterelay.example");
        when(realtime.sendOnce(anyString(), anyString(), anyString(), any())).thenReturn(true);
        service.completeRedirect(new CompleteOAuth2Redirect.Callback("client1", "code-1", "",
                "{\"name\":{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"}}", ""));

        AuthWithOAuth2.Result result = login("apple", "code-1");

        assertEquals("Ada Lovelace", result.meta().name());
        assertEquals(true, result.meta().isNew());
        // the response's meta, as the auth request hook saw it
        Map<?, ?> meta = (Map<?, ?>) result.auth().meta().orElseThrow();
        assertEquals("Ada Lovelace", meta.get("name"));
        assertEquals(true, meta.get("isNew"));
        assertEquals("Ada Lovelace", result.auth().record().get("name"));
        assertEquals("ada@privaterelay.example", result.auth().record().get("email"));
        assertEquals(true, result.auth().record().get("verified"));
        assertEquals("signed-token", result.auth().token());

        // A name captured more than a minute before the exchange is forgotten.
        appleSignsIn("apple-user-2", "bob@privaterelay.example");
        service.completeRedirect(new CompleteOAuth2Redirect.Callback("client2", "code-2", "",
                "{\"name\":{\"firstName\":\"Bob\",\"lastName\":\"\"}}", ""));
        clock.advanceSeconds(61);
        assertEquals("", login("apple", "code-2").meta().name());
    }

    @Test
    void theSecondLoginOfTheSameProviderUserFindsTheLinkedRecord() {
        appleSignsIn("apple-user-3", "carol@privaterelay.example");
        AuthWithOAuth2.Result first = login("apple", "c1");
        AuthWithOAuth2.Result second = login("apple", "c2");
        assertEquals(first.auth().record().id(), second.auth().record().id());
        assertEquals(false, second.meta().isNew());
        Collection ext = SystemCollections.all("", new SplittableRandom(1)).stream()
                .filter(c -> c.name().equals("_externalAuths")).findFirst().orElseThrow();
        List<Record> links = records.list(ext, new dev.locket.application.port.out.RecordQuery(null, null, List.of(), 1,
                10, true, RequestInfo.guest())).items();
        assertEquals(1, links.size());
        assertEquals("apple-user-3", links.get(0).get("providerId"));
    }

    @Test
    void githubTakesTheVerifiedPrimaryAddressOfItsEmailsListNeverTheProfileEmail() {
        when(client.exchange(any())).thenReturn(new OAuth2Client.Tokens("gh-at", "bearer", "", 0, Map.of()));
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("id", 42);
        user.put("login", "octo");
        user.put("name", "Octo Cat");
        user.put("email", "claimed@example.com");
        when(client.send(new ProviderRequest("GET", "https://api.github.com/user",
                Map.of("Authorization", "Bearer gh-at"), ""))).thenReturn(new OAuth2Client.Response(200,
                Json.write(user)));
        when(client.send(new ProviderRequest("GET", "https://api.github.com/user/emails",
                Map.of("Authorization", "Bearer gh-at"), ""))).thenReturn(new OAuth2Client.Response(200, Json.write(
                List.of(Map.of("email", "old@example.com", "verified", true, "primary", false),
                        Map.of("email", "claimed@example.com", "verified", false, "primary", true),
                        Map.of("email", "octo@example.com", "verified", true, "primary", true)))));

        AuthWithOAuth2.Result r = login("github", "gh-code");

        assertEquals("42", r.meta().id());
        assertEquals("octo", r.meta().username());
        assertEquals("octo@example.com", r.meta().email());
        assertEquals(Optional.empty(), r.meta().expiry());
        assertEquals("octo@example.com", r.auth().record().get("email"));
        assertEquals("Octo Cat", r.auth().record().get("name"));
    }

    /** As upstream, an avatar mapped to a file field is downloaded into the new record. */
    @Test
    void aNewRecordGetsTheProviderAvatarDownloadedIntoItsMappedFileField() {
        githubUser(Map.of("id", 7, "login", "pic", "avatar_url", "https://avatars.example.com/u/7/face.png"),
                "pic@example.com");
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0, 0, 0};
        when(client.downloadPublic("https://avatars.example.com/u/7/face.png")).thenReturn(png);

        Record record = login("github", "c").auth().record();

        String stored = record.text("avatar");
        assertTrue(stored.startsWith("face_") && stored.endsWith(".png"), stored);
        assertEquals(png.length, files.stat(FileKeys.file(users.id(), record.id(), stored)).orElseThrow().size());
    }

    @Test
    void aFailedAvatarDownloadLeavesTheFieldEmptyAndTheLoginGoesOn() {
        githubUser(Map.of("id", 8, "login", "nopic", "avatar_url", "http://127.0.0.1/private.png"),
                "nopic@example.com");
        when(client.downloadPublic(anyString())).thenThrow(new OAuth2Client.Failure("not public"));

        Record record = login("github", "c").auth().record();

        assertEquals("nopic@example.com", record.get("email"));
        assertEquals("", record.text("avatar"));
    }

    private void githubUser(Map<String, Object> user, String verifiedEmail) {
        when(client.exchange(any())).thenReturn(new OAuth2Client.Tokens("gh-at", "bearer", "", 0, Map.of()));
        when(client.send(new ProviderRequest("GET", "https://api.github.com/user",
                Map.of("Authorization", "Bearer gh-at"), ""))).thenReturn(new OAuth2Client.Response(200,
                Json.write(user)));
        when(client.send(new ProviderRequest("GET", "https://api.github.com/user/emails",
                Map.of("Authorization", "Bearer gh-at"), ""))).thenReturn(new OAuth2Client.Response(200,
                Json.write(List.of(Map.of("email", verifiedEmail, "verified", true, "primary", true)))));
    }

    @Test
    void anIdTokenForAnotherAudienceIsRejected() {
        when(client.exchange(any())).thenReturn(new OAuth2Client.Tokens("at", "bearer", "rt", 3600,
                Map.of("id_token", "id.token.x")));
        when(client.idTokenClaims("id.token.x")).thenReturn(Map.of(
                "sub", "s", "iss", "https://appleid.apple.com", "aud", "someone.else",
                "exp", START.getEpochSecond() + 600));
        BadRequest e = assertThrows(BadRequest.class, () -> login("apple", "c"));
        assertEquals("Failed to fetch OAuth2 user.", e.getMessage());
    }

    @Test
    void aFailedExchangeIsTheTokenError() {
        when(client.exchange(any())).thenThrow(new OAuth2Client.Failure("400"));
        BadRequest e = assertThrows(BadRequest.class, () -> login("github", "bad"));
        assertEquals("Failed to fetch OAuth2 token.", e.getMessage());
    }

    @Test
    void superusersCannotUseOAuth2() {
        Forbidden e = assertThrows(Forbidden.class, () -> service.authWithOAuth2(new AuthWithOAuth2.Command(
                "_superusers", "apple", "c", "", "", RecordBody.empty(), "", RequestInfo.guest(), "", "")));
        assertEquals("The collection is not configured to allow OAuth2 authentication.", e.getMessage());
    }

    private void appleSignsIn(String sub, String email) {
        when(client.exchange(any())).thenReturn(new OAuth2Client.Tokens("at", "bearer", "rt", 3600,
                Map.of("id_token", "id." + sub)));
        when(client.idTokenClaims("id." + sub)).thenReturn(Map.of(
                "sub", sub, "email", email, "email_verified", "true", "iss", "https://appleid.apple.com",
                "aud", "com.example.app", "exp", START.getEpochSecond() + 600));
    }

    private AuthWithOAuth2.Result login(String provider, String code) {
        return service.authWithOAuth2(new AuthWithOAuth2.Command("users", provider, code, "verifier", "", RecordBody.empty(),
                "", RequestInfo.guest(), "", ""));
    }
}
