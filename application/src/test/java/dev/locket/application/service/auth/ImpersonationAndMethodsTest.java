package dev.locket.application.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.in.auth.AuthMethods;
import dev.locket.application.port.in.auth.AuthRefresh;
import dev.locket.application.port.in.auth.AuthResult;
import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.application.port.in.auth.Impersonate;
import dev.locket.domain.auth.TokenClaims;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.rule.RequestInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ImpersonationAndMethodsTest {
    AuthWorld w = new AuthWorld(true, true);
    ImpersonationService impersonation = new ImpersonationService(w.collections, w.records, w.completion);

    @Test
    void aSuperuserGetsANonRefreshableTokenWithTheChosenDuration() {
        AuthResult r = impersonation.impersonate(new Impersonate.Command("users", "alice0000000000", 100, "",
                w.as(w.root)));

        TokenClaims claims = w.tokens.peek(r.token()).orElseThrow();
        assertEquals(false, claims.refreshable());
        assertEquals(AuthWorld.START.getEpochSecond() + 100, claims.exp());
        assertTrue(w.auth.authenticate(r.token()).isPresent(), "usable, and MFA did not apply");
        // refreshing a non-refreshable token hands back the same token
        AuthResult refreshed = w.auth.authRefresh(new AuthRefresh.Command("users", r.token(), "", w.as(w.alice)));
        assertEquals(r.token(), refreshed.token());
    }

    @Test
    void onlySuperusersMayImpersonate() {
        assertThrows(Unauthorized.class, () -> impersonation.impersonate(
                new Impersonate.Command("users", "alice0000000000", 0, "", RequestInfo.guest())));
        assertThrows(Forbidden.class, () -> impersonation.impersonate(
                new Impersonate.Command("users", "alice0000000000", 0, "", w.as(w.alice))));
        assertThrows(ValidationFailed.class, () -> impersonation.impersonate(
                new Impersonate.Command("users", "alice0000000000", -1, "", w.as(w.root))));
        assertThrows(NotFound.class, () -> impersonation.impersonate(
                new Impersonate.Command("users", "missing", 0, "", w.as(w.root))));
    }

    @Test
    void superusersLogInOnlyFromWhitelistedIpsWhenTheListIsSet() {
        AuthWorld w = new AuthWorld(false, false);
        w.settings.update(s -> s.withSuperuserIPs(List.of("10.0.0.0/8")));
        AuthCompletion guarded = new AuthCompletion(w.collections, w.records, w.tokens, w.hooks, w.mails, w.clock,
                w.random, w.settings);
        AuthService auth = new AuthService(w.collections, w.records, w.tokens, w.hasher, w.hooks, w.clock, guarded);

        Forbidden refused = assertThrows(Forbidden.class, () -> auth.authWithPassword(new AuthWithPassword.Command(
                "_superusers", "root@example.com", "rootpass1", "", "", RequestInfo.guest(), "", "192.168.0.1")));
        assertEquals("You are not allowed to perform this request.", refused.getMessage());
        assertEquals("root00000000000", auth.authWithPassword(new AuthWithPassword.Command("_superusers",
                "root@example.com", "rootpass1", "", "", RequestInfo.guest(), "", "10.1.2.3")).record().id());
        // regular records are not affected
        assertEquals("alice0000000000", auth.authWithPassword(new AuthWithPassword.Command("users",
                "alice@example.com", "alicepass", "", "", RequestInfo.guest(), "", "192.168.0.1")).record().id());
    }

    @Test
    void authMethodsListEveryMethodInUpstreamShape() {
        AuthMethods out = new AuthMethodsService(w.collections).listAuthMethods("users");

        assertEquals(new AuthMethods.Password(true, List.of("email")), out.password());
        assertEquals(new AuthMethods.Timed(true, 600), out.mfa());
        assertEquals(new AuthMethods.Timed(true, 180), out.otp());
        assertEquals(new AuthMethods.OAuth2(false, List.of()), out.oauth2());
    }

    @Test
    void mailPlaceholdersEscapeRecordTextButNotNumbers() {
        var record = w.alice.with("email", "a<b>@example.com");
        String out = AuthMails.fill("{APP_NAME}|{RECORD:email}|{RECORD:verified}|{RECORD:password}|{TOKEN}", record,
                "App", "https://x", Map.of("TOKEN", "t.k"), true);
        assertEquals("App|a&lt;b&gt;@example.com|true|{RECORD:password}|t.k", out);
    }
}
