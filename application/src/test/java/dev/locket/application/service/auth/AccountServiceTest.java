package dev.locket.application.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.application.port.in.auth.ConfirmEmailChange;
import dev.locket.application.port.in.auth.ConfirmPasswordReset;
import dev.locket.application.port.in.auth.ConfirmVerification;
import dev.locket.application.port.in.auth.RequestEmailChange;
import dev.locket.application.port.in.auth.RequestPasswordReset;
import dev.locket.application.port.in.auth.RequestVerification;
import dev.locket.application.port.out.MailMessage;
import dev.locket.application.port.out.Mailer;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AccountServiceTest {
    AuthWorld w = new AuthWorld(false, false);

    private String code(ValidationFailed e, String key) {
        return ((FieldError) e.errors().get(key)).code();
    }

    @Test
    void verificationMailCarriesATokenThatMarksTheRecordVerified() {
        w.alice = w.records.put(w.alice.with("verified", false));

        w.accounts.requestVerification(new RequestVerification.Command("users", "alice@example.com"));

        MailMessage mail = w.lastMail();
        assertEquals("alice@example.com", mail.to());
        assertEquals("Verify your Locket Test email", mail.subject());
        assertEquals("support@app.test", mail.fromAddress());
        assertTrue(mail.html().contains("https://app.test/_/#/auth/confirm-verification/"));
        List<Object> seen = new ArrayList<>();
        w.hooks.onRecordUpdate("users").bind(e -> {
            seen.add(e.record().get("verified"));
            e.next();
        });
        w.hooks.onRecordAfterUpdateSuccess("users").bind(e -> {
            seen.add("committed " + e.record().id());
            e.next();
        });
        w.accounts.confirmVerification(new ConfirmVerification.Command("users", AuthWorld.tokenIn(mail)));
        assertEquals(true, w.reload(w.alice).get("verified"));
        // the change is a record save: model hooks run and the after-commit tier (realtime's) sees it
        assertEquals(List.of(true, "committed " + w.alice.id()), seen);
    }

    @Test
    void verifyingDropsProviderLinksMadeBeforeTheMailboxWasProven() {
        w.alice = w.records.put(w.alice.with("verified", false));
        var links = w.collections.find(dev.locket.domain.collection.SystemCollections.EXTERNAL_AUTHS).orElseThrow();
        w.records.put(dev.locket.application.fake.Fixtures.record(links, "id", "link00000000000",
                "collectionRef", w.users.id(), "recordRef", w.alice.id(), "provider", "github", "providerId", "42"));
        w.accounts.requestVerification(new RequestVerification.Command("users", "alice@example.com"));

        w.accounts.confirmVerification(new ConfirmVerification.Command("users", AuthWorld.tokenIn(w.lastMail())));

        assertTrue(w.records.all(links).isEmpty());
        assertNotEquals(w.alice.get("tokenKey"), w.reload(w.alice).get("tokenKey"));
    }

    /**
     * Issue 14 item 12: upstream drops the provider links and rotates tokenKey on every save that turns
     * verified on, not only in the verification flow: here a superuser's PATCH.
     */
    @Test
    void aSuperuserSettingVerifiedDropsProviderLinksAndRotatesTheTokenKey() {
        w.alice = w.records.put(w.alice.with("verified", false));
        var links = w.collections.find(dev.locket.domain.collection.SystemCollections.EXTERNAL_AUTHS).orElseThrow();
        w.records.put(dev.locket.application.fake.Fixtures.record(links, "id", "link00000000000",
                "collectionRef", w.users.id(), "recordRef", w.alice.id(), "provider", "github", "providerId", "42"));
        var asRoot = RequestInfo.superuser(w.root);

        w.recordService.update(new dev.locket.application.port.in.record.UpdateRecord.Command("users", w.alice.id(),
                dev.locket.application.port.in.record.RecordBody.builder().set("emailVisibility", true).build(), "", asRoot));
        assertEquals(1, w.records.all(links).size(), "a save that leaves verified alone keeps the links");
        assertEquals(w.alice.get("tokenKey"), w.reload(w.alice).get("tokenKey"));

        w.recordService.update(new dev.locket.application.port.in.record.UpdateRecord.Command("users", w.alice.id(),
                dev.locket.application.port.in.record.RecordBody.builder().set("verified", true).build(), "", asRoot));
        assertTrue(w.records.all(links).isEmpty());
        assertEquals(true, w.reload(w.alice).get("verified"));
        assertNotEquals(w.alice.get("tokenKey"), w.reload(w.alice).get("tokenKey"));
    }

    @Test
    void unknownAndVerifiedEmailsAnswerTheSameWithoutMail() {
        w.accounts.requestVerification(new RequestVerification.Command("users", "nobody@example.com"));
        w.accounts.requestVerification(new RequestVerification.Command("users", "alice@example.com"));
        w.accounts.requestPasswordReset(new RequestPasswordReset.Command("users", "nobody@example.com"));

        verify(w.mailer, never()).send(any());
    }

    @Test
    void superusersCannotRequestVerification() {
        BadRequest e = assertThrows(BadRequest.class,
                () -> w.accounts.requestVerification(new RequestVerification.Command("_superusers", "root@example.com")));
        assertEquals("All superusers are verified by default.", e.getMessage());
    }

    @Test
    void badEmailIsAFieldError() {
        ValidationFailed e = assertThrows(ValidationFailed.class,
                () -> w.accounts.requestPasswordReset(new RequestPasswordReset.Command("users", "not-an-email")));
        assertEquals("validation_is_email", code(e, "email"));
    }

    @Test
    void aMailFailureStillAnswersSilently() {
        doThrow(new Mailer.MailFailure("smtp down", null)).when(w.mailer).send(any());

        w.accounts.requestPasswordReset(new RequestPasswordReset.Command("users", "alice@example.com"));

        verify(w.mailer).send(any());
    }

    @Test
    void aRepeatedRequestWithinTwoMinutesSendsNothingMore() {
        w.accounts.requestPasswordReset(new RequestPasswordReset.Command("users", "alice@example.com"));
        w.accounts.requestPasswordReset(new RequestPasswordReset.Command("users", "alice@example.com"));
        assertEquals(1, w.sent().size());

        w.clock.advanceSeconds(121);
        w.accounts.requestPasswordReset(new RequestPasswordReset.Command("users", "alice@example.com"));
        assertEquals(2, w.sent().size());
    }

    @Test
    void passwordResetSetsTheNewPasswordAndRevokesOldAuthTokens() {
        String oldToken = w.auth.authWithPassword(new AuthWithPassword.Command("users", "alice@example.com",
                "alicepass", "", "", RequestInfo.guest())).token();
        assertTrue(w.auth.authenticate(oldToken).isPresent());
        w.accounts.requestPasswordReset(new RequestPasswordReset.Command("users", "alice@example.com"));
        String token = AuthWorld.tokenIn(w.lastMail());

        w.accounts.confirmPasswordReset(new ConfirmPasswordReset.Command("users", token, "brand-new-pass",
                "brand-new-pass"));

        Record after = w.reload(w.alice);
        assertEquals("hashed:brand-new-pass", after.get("password"));
        assertNotEquals(w.alice.get("tokenKey"), after.get("tokenKey"));
        assertTrue(w.auth.authenticate(oldToken).isEmpty(), "old tokens stop working");
        // the reset token itself is single-use: its signing key (tokenKey) changed
        ValidationFailed again = assertThrows(ValidationFailed.class, () -> w.accounts.confirmPasswordReset(
                new ConfirmPasswordReset.Command("users", token, "another-pass", "another-pass")));
        assertEquals("validation_invalid_token", code(again, "token"));
    }

    @Test
    void passwordResetReportsEveryFieldAtOnce() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> w.accounts.confirmPasswordReset(
                new ConfirmPasswordReset.Command("users", "garbage", "short", "other")));
        assertEquals("validation_invalid_token", code(e, "token"));
        assertEquals("validation_length_out_of_range", code(e, "password"));
        assertEquals("validation_values_mismatch", code(e, "passwordConfirm"));
    }

    @Test
    void expiredResetTokenIsRejected() {
        w.accounts.requestPasswordReset(new RequestPasswordReset.Command("users", "alice@example.com"));
        String token = AuthWorld.tokenIn(w.lastMail());
        w.clock.advanceSeconds(1801);

        ValidationFailed e = assertThrows(ValidationFailed.class, () -> w.accounts.confirmPasswordReset(
                new ConfirmPasswordReset.Command("users", token, "brand-new-pass", "brand-new-pass")));
        assertEquals("validation_invalid_token", code(e, "token"));
    }

    @Test
    void aTokenOfAnotherTypeIsRejected() {
        w.accounts.requestPasswordReset(new RequestPasswordReset.Command("users", "alice@example.com"));
        String resetToken = AuthWorld.tokenIn(w.lastMail());

        ValidationFailed e = assertThrows(ValidationFailed.class,
                () -> w.accounts.confirmVerification(new ConfirmVerification.Command("users", resetToken)));
        assertEquals("validation_invalid_token", code(e, "token"));
    }

    @Test
    void tokenPayloadsAreCheckedBeforeTheSignatureAsUpstreamDoes() {
        // upstream reads the unverified claims first: a token without the claim the flow needs is a payload
        // error, whatever its type or signature; only then is the token itself verified
        w.accounts.requestPasswordReset(new RequestPasswordReset.Command("users", "alice@example.com"));
        String resetToken = AuthWorld.tokenIn(w.lastMail()); // carries "email", no "newEmail"
        String authToken = w.tokens.sign(new dev.locket.domain.auth.TokenClaims(w.alice.id(),
                dev.locket.domain.auth.TokenType.AUTH, w.users.id(), Long.MAX_VALUE, java.util.Map.of()), "k");

        ValidationFailed noEmail = assertThrows(ValidationFailed.class,
                () -> w.accounts.confirmVerification(new ConfirmVerification.Command("users", authToken)));
        assertEquals("validation_invalid_token_claims", code(noEmail, "token"));

        ValidationFailed noNewEmail = assertThrows(ValidationFailed.class, () -> w.accounts.confirmEmailChange(
                new ConfirmEmailChange.Command("users", resetToken, "alicepass")));
        assertEquals("validation_invalid_token_payload", code(noNewEmail, "token"));
        // the password cannot be checked against a record the token does not name: upstream reports it too
        assertEquals("validation_invalid_password", code(noNewEmail, "password"));

        ValidationFailed garbage = assertThrows(ValidationFailed.class, () -> w.accounts.confirmEmailChange(
                new ConfirmEmailChange.Command("users", "not-a-token", "")));
        assertEquals("validation_invalid_token_payload", code(garbage, "token"));
        assertEquals("validation_required", code(garbage, "password"));
    }

    @Test
    void emailChangeToAnAddressTakenMeanwhileIsAnInvalidTokenEmail() {
        w.accounts.requestEmailChange(new RequestEmailChange.Command("users", "alice.new@example.com", w.as(w.alice)));
        String token = AuthWorld.tokenIn(w.lastMail());
        w.records.put(dev.locket.application.fake.Fixtures.authRecord(w.users, "bob000000000000",
                "alice.new@example.com", "x"));

        ValidationFailed e = assertThrows(ValidationFailed.class, () -> w.accounts.confirmEmailChange(
                new ConfirmEmailChange.Command("users", token, "alicepass")));
        assertEquals("validation_invalid_token_email", code(e, "token"));
        assertEquals("The new email address is invalid.", ((FieldError) e.errors().get("token")).message());
        assertEquals("validation_invalid_password", code(e, "password"));
    }

    @Test
    void emailChangeMailsTheNewAddressAndConfirmationSwitchesIt() {
        w.accounts.requestEmailChange(new RequestEmailChange.Command("users", "alice.new@example.com", w.as(w.alice)));
        MailMessage mail = w.lastMail();
        assertEquals("alice.new@example.com", mail.to());

        ValidationFailed wrongPassword = assertThrows(ValidationFailed.class, () -> w.accounts.confirmEmailChange(
                new ConfirmEmailChange.Command("users", AuthWorld.tokenIn(mail), "wrong")));
        assertEquals("validation_invalid_password", code(wrongPassword, "password"));

        w.accounts.confirmEmailChange(new ConfirmEmailChange.Command("users", AuthWorld.tokenIn(mail), "alicepass"));
        Record after = w.reload(w.alice);
        assertEquals("alice.new@example.com", after.get("email"));
        assertEquals(true, after.get("verified"));
        assertNotEquals(w.alice.get("tokenKey"), after.get("tokenKey"));
    }

    @Test
    void emailChangeRefusesTakenAddressesAndSendFailures() {
        w.records.put(dev.locket.application.fake.Fixtures.authRecord(w.users, "bob000000000000", "bob@example.com", "x"));
        ValidationFailed taken = assertThrows(ValidationFailed.class, () -> w.accounts.requestEmailChange(
                new RequestEmailChange.Command("users", "bob@example.com", w.as(w.alice))));
        assertEquals("validation_invalid_new_email", code(taken, "newEmail"));

        doThrow(new Mailer.MailFailure("down", null)).when(w.mailer).send(any());
        BadRequest failed = assertThrows(BadRequest.class, () -> w.accounts.requestEmailChange(
                new RequestEmailChange.Command("users", "alice2@example.com", w.as(w.alice))));
        assertEquals("Failed to request email change.", failed.getMessage());
        assertFalse(w.reload(w.alice).get("email").equals("alice2@example.com"));
    }
}
