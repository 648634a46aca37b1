package dev.locket.application.service.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.in.auth.SendTestEmail;
import dev.locket.application.port.out.MailMessage;
import dev.locket.application.port.out.Mailer;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ValidationFailed;
import org.junit.jupiter.api.Test;
import org.mockito.Mockito;

class TestEmailServiceTest {
    private final AuthWorld world = new AuthWorld(false, false);
    private final TestEmailService service = new TestEmailService(world.collections, world.mails);

    @Test
    void sendsTheChosenTemplateOfTheCollectionToTheAddress() {
        service.sendTestEmail(new SendTestEmail.Command("check@example.com", "password-reset", "users",
                world.as(world.root)));
        MailMessage sent = world.lastMail();
        assertEquals("check@example.com", sent.to());
        assertTrue(sent.html().contains("/_/#/auth/confirm-password-reset/"), sent.html());
    }

    @Test
    void aMailerFailureIsA400CarryingTheMailersReasonAsUpstreams() {
        Mockito.doThrow(new Mailer.MailFailure("SMTP send to 127.0.0.1:1 failed: Connection refused", null))
                .when(world.mailer).send(Mockito.any());
        BadRequest e = assertThrows(BadRequest.class, () -> service.sendTestEmail(new SendTestEmail.Command(
                "check@example.com", "verification", "", world.as(world.root))));
        assertEquals("Failed to send the test email. Raw error: \nSMTP send to 127.0.0.1:1 failed: Connection refused",
                e.getMessage());
    }

    @Test
    void badInputIsReportedPerField() {
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.sendTestEmail(
                new SendTestEmail.Command("not-an-email", "nope", "missing", world.as(world.root))));
        assertEquals(java.util.Set.of("email", "template", "collection"), e.errors().keySet());
    }
}
