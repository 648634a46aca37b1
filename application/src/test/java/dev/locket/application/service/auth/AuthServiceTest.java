package dev.locket.application.service.auth;

import static dev.locket.application.fake.Fixtures.authRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemoryCollectionStore;
import dev.locket.application.fake.InMemoryRecordStore;
import dev.locket.application.fake.PlainHasher;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.in.auth.AuthRefresh;
import dev.locket.application.port.in.auth.AuthResult;
import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.application.port.out.TokenCodec;
import dev.locket.domain.auth.TokenClaims;
import dev.locket.domain.auth.TokenType;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.AuthOptions;
import dev.locket.domain.collection.PasswordAuth;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class AuthServiceTest {
    static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    AuthCollection superusers = Fixtures.superusers();
    AuthCollection users = Fixtures.users();
    InMemoryCollectionStore collections;
    InMemoryRecordStore records;
    TokenCodec tokens = mock(TokenCodec.class);
    Hooks hooks = new Hooks();
    AuthService service;
    Record root;
    Record alice;

    @BeforeEach
    void setUp() {
        collections = new InMemoryCollectionStore(superusers, users, Fixtures.base("posts", Fixtures.open()));
        records = new InMemoryRecordStore();
        root = records.put(authRecord(superusers, "root00000000000", "root@example.com", "hashed:rootpass1"));
        alice = records.put(authRecord(users, "alice0000000000", "alice@example.com", "hashed:alicepass"));
        service = new AuthService(collections, records, tokens, new PlainHasher(), hooks,
                Clock.fixed(NOW, ZoneOffset.UTC));
        when(tokens.sign(any(), anyString())).thenReturn("signed-token");
    }

    AuthResult login(String collection, String identity, String password) {
        return service.authWithPassword(
                new AuthWithPassword.Command(collection, identity, password, "", "", RequestInfo.guest()));
    }

    @Test
    void superuserLogsInWithEmailAndGetsATokenSignedWithTokenKeyPlusSecret() {
        AuthResult result = login("_superusers", "root@example.com", "rootpass1");

        assertEquals("signed-token", result.token());
        assertEquals("root@example.com", result.record().get("email"));
        assertFalse(result.record().values().containsKey("password"));
        assertFalse(result.record().values().containsKey("tokenKey"));
        ArgumentCaptor<TokenClaims> claims = ArgumentCaptor.forClass(TokenClaims.class);
        ArgumentCaptor<String> key = ArgumentCaptor.forClass(String.class);
        org.mockito.Mockito.verify(tokens).sign(claims.capture(), key.capture());
        assertEquals(root.get("tokenKey") + superusers.auth().authToken().secret(), key.getValue());
        assertEquals(root.id(), claims.getValue().id());
        assertEquals(TokenType.AUTH, claims.getValue().type());
        assertEquals(superusers.id(), claims.getValue().collectionId());
        assertEquals(NOW.getEpochSecond() + 3600, claims.getValue().exp());
        assertTrue(claims.getValue().refreshable());
    }

    @Test
    void ownerSeesTheirEmailEvenWhenNotVisible() {
        AuthResult result = login("users", "alice@example.com", "alicepass");
        assertEquals("alice@example.com", result.record().get("email"));
    }

    @Test
    void wrongPasswordAndUnknownIdentityFailAlike() {
        BadRequest wrong = assertThrows(BadRequest.class, () -> login("users", "alice@example.com", "nope"));
        BadRequest unknown = assertThrows(BadRequest.class, () -> login("users", "who@example.com", "alicepass"));
        assertEquals("Failed to authenticate.", wrong.getMessage());
        assertEquals("Failed to authenticate.", unknown.getMessage());
    }

    @Test
    void identityWithQuotesDoesNotBreakTheLookup() {
        assertThrows(BadRequest.class, () -> service.authWithPassword(new AuthWithPassword.Command("users",
                "x' || email != '", "alicepass", "email", "", RequestInfo.guest())));
    }

    @Test
    void missingCredentialsAreValidationErrors() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> login("users", "", ""));
        assertEquals("An error occurred while validating the submitted data.", e.getMessage());
        assertTrue(e.errors().containsKey("identity"));
        assertTrue(e.errors().containsKey("password"));
    }

    @Test
    void collectionMustExistAndBeAuth() {
        NotFound unknown = assertThrows(NotFound.class, () -> login("nope", "a@b.c", "x"));
        assertEquals("Missing or invalid collection context.", unknown.getMessage());
        NotFound notAuth = assertThrows(NotFound.class, () -> login("posts", "a@b.c", "x"));
        assertEquals("Missing or invalid auth collection context.", notAuth.getMessage());
    }

    @Test
    void authRuleAndDisabledPasswordAuthAreForbidden() {
        AuthOptions o = users.auth();
        AuthCollection locked = withOptions(users, new AuthOptions(AccessRule.LOCKED, o.manageRule(), o.passwordAuth(),
                o.authToken(), o.passwordResetToken(), o.emailChangeToken(), o.verificationToken(), o.fileToken(),
                Map.of()));
        collections.update(users, locked);
        Forbidden rule = assertThrows(Forbidden.class, () -> login("users", "alice@example.com", "alicepass"));
        assertEquals("The request doesn't satisfy the collection requirements to authenticate.", rule.getMessage());

        AuthCollection disabled = withOptions(users, new AuthOptions(o.authRule(), o.manageRule(),
                new PasswordAuth(false, List.of("email")), o.authToken(), o.passwordResetToken(), o.emailChangeToken(),
                o.verificationToken(), o.fileToken(), Map.of()));
        collections.update(users, disabled);
        Forbidden off = assertThrows(Forbidden.class, () -> login("users", "alice@example.com", "alicepass"));
        assertEquals("The collection is not configured to allow password authentication.", off.getMessage());
    }

    @Test
    void authRuleExpressionIsEvaluatedAgainstTheRecord() {
        AuthOptions o = users.auth();
        collections.update(users, withOptions(users, new AuthOptions(AccessRule.of("verified = false"), o.manageRule(),
                o.passwordAuth(), o.authToken(), o.passwordResetToken(), o.emailChangeToken(), o.verificationToken(),
                o.fileToken(), Map.of())));
        assertThrows(Forbidden.class, () -> login("users", "alice@example.com", "alicepass"));
    }

    @Test
    void authenticateVerifiesWithTheRecordsKey() {
        TokenClaims claims = new TokenClaims(alice.id(), TokenType.AUTH, users.id(), NOW.getEpochSecond() + 10, Map.of());
        when(tokens.peek("good")).thenReturn(Optional.of(claims));
        when(tokens.verify(eq("good"), eq(alice.get("tokenKey") + Fixtures.SECRET))).thenReturn(Optional.of(claims));
        when(tokens.peek("revoked")).thenReturn(Optional.of(claims));
        when(tokens.verify(eq("revoked"), anyString())).thenReturn(Optional.empty());
        TokenClaims file = new TokenClaims(alice.id(), TokenType.FILE, users.id(), NOW.getEpochSecond() + 10, Map.of());
        when(tokens.peek("file")).thenReturn(Optional.of(file));

        assertEquals(alice.id(), service.authenticate("good").orElseThrow().id());
        assertTrue(service.authenticate("revoked").isEmpty());
        assertTrue(service.authenticate("file").isEmpty(), "only auth tokens authenticate");
        assertTrue(service.authenticate("").isEmpty());
    }

    @Test
    void refreshNeedsSameCollectionAndReissuesOnlyRefreshableTokens() {
        RequestInfo asAlice = new RequestInfo(Optional.of(alice), "POST", Map.of(), Map.of(), Map.of(), "default");
        assertThrows(Unauthorized.class, () -> service.authRefresh(
                new AuthRefresh.Command("users", "t", "", RequestInfo.guest())));
        Forbidden other = assertThrows(Forbidden.class, () -> service.authRefresh(
                new AuthRefresh.Command("_superusers", "t", "", asAlice)));
        assertEquals("The request requires auth record from _superusers collection.", other.getMessage());

        when(tokens.peek("refreshable")).thenReturn(Optional.of(new TokenClaims(alice.id(), TokenType.AUTH, users.id(),
                0, Map.of("refreshable", true))));
        when(tokens.peek("impersonation")).thenReturn(Optional.of(new TokenClaims(alice.id(), TokenType.AUTH,
                users.id(), 0, Map.of("refreshable", false))));

        assertEquals("signed-token", service.authRefresh(new AuthRefresh.Command("users", "refreshable", "", asAlice)).token());
        assertEquals("impersonation",
                service.authRefresh(new AuthRefresh.Command("users", "impersonation", "", asAlice)).token());
    }

    @Test
    void refreshOfAnotherCollectionsTokenIsForbiddenBeforeTheNonAuthNotFound() {
        RequestInfo asAlice = new RequestInfo(Optional.of(alice), "POST", Map.of(), Map.of(), Map.of(), "default");
        assertThrows(Unauthorized.class, () -> service.authRefresh(
                new AuthRefresh.Command("posts", "t", "", RequestInfo.guest())));
        Forbidden other = assertThrows(Forbidden.class, () -> service.authRefresh(
                new AuthRefresh.Command("posts", "t", "", asAlice)));
        assertEquals("The request requires auth record from posts collection.", other.getMessage());
        NotFound unknown = assertThrows(NotFound.class, () -> service.authRefresh(
                new AuthRefresh.Command("nope", "t", "", asAlice)));
        assertEquals("Missing or invalid collection context.", unknown.getMessage());
    }

    @Test
    void authResponsesExpandRelationsAsTheAuthenticatedRecord() {
        // teams are visible to any signed-in record only: a guest's login still expands them, as upstream
        // checks the expanded viewRules as the record that just authenticated.
        var teams = Fixtures.base("teams", Fixtures.rules("", "@request.auth.id != ''", "", "", ""),
                Fixtures.text("title", false));
        AuthCollection members = Fixtures.auth("members", Fixtures.open(), Fixtures.authOptions("", null),
                Fixtures.relation("team", teams.id(), false, false, 1));
        collections = new InMemoryCollectionStore(superusers, users, teams, members);
        Record team = records.put(Fixtures.record(teams, "id", "team00000000001", "title", "red"));
        Record bob = authRecord(members, "bob000000000000", "bob@example.com", "hashed:bobpass12");
        java.util.LinkedHashMap<String, Object> values = new java.util.LinkedHashMap<>(bob.values());
        values.put("team", team.id());
        bob = records.put(new Record(members, values));
        service = new AuthService(collections, records, tokens, new PlainHasher(), hooks,
                Clock.fixed(NOW, ZoneOffset.UTC));

        AuthResult login = service.authWithPassword(new AuthWithPassword.Command("members", "bob@example.com",
                "bobpass12", "", "team,nope", RequestInfo.guest()));
        assertEquals("red", ((Record) login.record().expand().get("team")).get("title"));
        assertFalse(login.record().values().containsKey("password"));

        RequestInfo asBob = new RequestInfo(Optional.of(bob), "POST", Map.of(), Map.of(), Map.of(), "default");
        AuthResult refreshed = service.authRefresh(new AuthRefresh.Command("members", "t", "team", asBob));
        assertEquals(team.id(), ((Record) refreshed.record().expand().get("team")).id());
        assertEquals(null, service.authRefresh(new AuthRefresh.Command("members", "t", "", asBob)).record().expand());
    }

    @Test
    void authRequestHookCanReplaceTheToken() {
        hooks.onRecordAuthRequest("users").bind(e -> {
            e.token("hooked");
            e.next();
        });
        assertEquals("hooked", login("users", "alice@example.com", "alicepass").token());
        assertEquals("signed-token", login("_superusers", "root@example.com", "rootpass1").token());
    }

    static AuthCollection withOptions(AuthCollection c, AuthOptions o) {
        return new AuthCollection(c.id(), c.name(), c.system(), c.fields(), c.rules(), c.indexes(), c.created(),
                c.updated(), o);
    }
}
