package dev.locket.application.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.locket.application.port.in.auth.AuthResult;
import dev.locket.application.port.in.auth.AuthWithOtp;
import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.application.port.in.auth.RequestOtp;
import dev.locket.application.port.out.MailMessage;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.MfaRequired;
import dev.locket.domain.error.TooManyRequests;
import dev.locket.domain.rule.RequestInfo;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class OtpAndMfaTest {

    static String otpIn(MailMessage m) {
        Matcher matcher = Pattern.compile("code (\\d+) ").matcher(m.html());
        assertTrue(matcher.find(), m.html());
        return matcher.group(1);
    }

    static RequestInfo device(String agent) {
        return new RequestInfo(Optional.empty(), "POST", Map.of("user_agent", agent), Map.of(), Map.of(), "default");
    }

    AuthResult otpLogin(AuthWorld w, String otpId, String code, String mfaId) {
        return w.otp.authWithOtp(new AuthWithOtp.Command("users", otpId, code, mfaId, "10.0.0.1", "", device("JUnit")));
    }

    @Test
    void otpIsMailedAndLogsIn() {
        AuthWorld w = new AuthWorld(true, false);
        String otpId = w.otp.requestOtp(new RequestOtp.Command("users", "alice@example.com"));
        MailMessage mail = w.lastMail();
        assertEquals("OTP for Locket Test", mail.subject());
        assertTrue(mail.html().contains(otpId), "OTP_ID placeholder filled");
        String code = otpIn(mail);
        assertEquals(6, code.length());

        AuthResult result = otpLogin(w, otpId, code, "");

        assertEquals("alice0000000000", result.record().id());
        assertTrue(w.auth.authenticate(result.token()).isPresent());
        BadRequest reused = assertThrows(BadRequest.class, () -> otpLogin(w, otpId, code, ""));
        assertEquals("Invalid or expired OTP.", reused.getMessage());
    }

    @Test
    void unknownEmailGetsAnIdButNoMail() {
        AuthWorld w = new AuthWorld(true, false);
        String otpId = w.otp.requestOtp(new RequestOtp.Command("users", "nobody@example.com"));
        assertEquals(15, otpId.length());
        verify(w.mailer, never()).send(any());
        assertThrows(BadRequest.class, () -> otpLogin(w, otpId, "123456", ""));
    }

    @Test
    void disabledOtpIsForbidden() {
        AuthWorld w = new AuthWorld(false, false);
        Forbidden e = assertThrows(Forbidden.class,
                () -> w.otp.requestOtp(new RequestOtp.Command("users", "alice@example.com")));
        assertEquals("The collection is not configured to allow OTP authentication.", e.getMessage());
    }

    @Test
    void expiredOtpIsRejected() {
        AuthWorld w = new AuthWorld(true, false);
        String otpId = w.otp.requestOtp(new RequestOtp.Command("users", "alice@example.com"));
        String code = otpIn(w.lastMail());
        w.clock.advanceSeconds(181);
        assertThrows(BadRequest.class, () -> otpLogin(w, otpId, code, ""));
    }

    @Test
    void theSixthWrongAttemptIsRateLimitedEvenWithTheRightCode() {
        AuthWorld w = new AuthWorld(true, false);
        String otpId = w.otp.requestOtp(new RequestOtp.Command("users", "alice@example.com"));
        String code = otpIn(w.lastMail());
        for (int i = 0; i < 5; i++) {
            assertThrows(BadRequest.class, () -> otpLogin(w, otpId, "000000x", ""));
        }
        TooManyRequests e = assertThrows(TooManyRequests.class, () -> otpLogin(w, otpId, code, ""));
        assertEquals("Too many attempts, please try again later with a new OTP.", e.getMessage());
        w.clock.advanceSeconds(180);
        String freshId = w.otp.requestOtp(new RequestOtp.Command("users", "alice@example.com"));
        assertEquals("alice0000000000", otpLogin(w, freshId, otpIn(w.lastMail()), "").record().id());
    }

    @Test
    void otpToTheCurrentEmailVerifiesAnUnverifiedRecordAndRandomisesItsPassword() {
        AuthWorld w = new AuthWorld(true, false);
        w.alice = w.records.put(w.alice.with("verified", false));
        String otpId = w.otp.requestOtp(new RequestOtp.Command("users", "alice@example.com"));

        otpLogin(w, otpId, otpIn(w.lastMail()), "");

        var after = w.reload(w.alice);
        assertEquals(true, after.get("verified"));
        assertNotEquals("hashed:alicepass", after.get("password"));
        assertNotEquals(w.alice.get("tokenKey"), after.get("tokenKey"));
    }

    @Test
    void mfaNeedsASecondDifferentMethod() {
        AuthWorld w = new AuthWorld(true, true);
        MfaRequired first = assertThrows(MfaRequired.class, () -> w.auth.authWithPassword(
                new AuthWithPassword.Command("users", "alice@example.com", "alicepass", "", "", device("JUnit"))));
        String mfaId = first.mfaId();
        assertEquals(1, w.records.all(w.collections.find(SystemCollections.MFAS).orElseThrow()).size());

        BadRequest same = assertThrows(BadRequest.class, () -> w.auth.authWithPassword(new AuthWithPassword.Command(
                "users", "alice@example.com", "alicepass", "", "", device("JUnit"), mfaId, "10.0.0.1")));
        assertEquals("A different authentication method is required.", same.getMessage());

        String otpId = w.otp.requestOtp(new RequestOtp.Command("users", "alice@example.com"));
        AuthResult done = otpLogin(w, otpId, otpIn(w.lastMail()), mfaId);

        assertTrue(w.auth.authenticate(done.token()).isPresent());
        assertTrue(w.records.all(w.collections.find(SystemCollections.MFAS).orElseThrow()).isEmpty(),
                "the MFA session is used up");
    }

    @Test
    void unknownOrExpiredMfaSessionsAreRejected() {
        AuthWorld w = new AuthWorld(true, true);
        BadRequest unknown = assertThrows(BadRequest.class, () -> w.auth.authWithPassword(new AuthWithPassword.Command(
                "users", "alice@example.com", "alicepass", "", "", device("JUnit"), "nope", "")));
        assertEquals("Invalid or expired MFA session.", unknown.getMessage());

        String otpId = w.otp.requestOtp(new RequestOtp.Command("users", "alice@example.com"));
        String code = otpIn(w.lastMail());
        MfaRequired first = assertThrows(MfaRequired.class, () -> otpLogin(w, otpId, code, ""));
        w.clock.advanceSeconds(601);
        BadRequest expired = assertThrows(BadRequest.class, () -> w.auth.authWithPassword(new AuthWithPassword.Command(
                "users", "alice@example.com", "alicepass", "", "", device("JUnit"), first.mfaId(), "")));
        assertEquals("Invalid or expired MFA session.", expired.getMessage());
    }

    @Test
    void aNewDeviceGetsAnAlertButNotTheFirstLoginOrAKnownDevice() {
        AuthWorld w = new AuthWorld(false, false);
        w.auth.authWithPassword(new AuthWithPassword.Command("users", "alice@example.com", "alicepass", "", "",
                device("Laptop"), "", "10.0.0.1"));
        w.auth.authWithPassword(new AuthWithPassword.Command("users", "alice@example.com", "alicepass", "", "",
                device("Laptop"), "", "10.0.0.1"));
        verify(w.mailer, never()).send(any());

        w.auth.authWithPassword(new AuthWithPassword.Command("users", "alice@example.com", "alicepass", "", "",
                device("Phone <b>"), "", "10.0.0.2"));

        MailMessage alert = w.lastMail();
        assertEquals("Login from a new location", alert.subject());
        assertTrue(alert.html().contains("10.0.0.2 Phone &lt;b&gt;"), alert.html());
        assertEquals(2, w.records.all(w.collections.find(SystemCollections.AUTH_ORIGINS).orElseThrow()).size());
    }
}
