package dev.locket.adapters.http.outbound.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.locket.application.port.out.MailMessage;
import dev.locket.application.port.out.Mailer;
import dev.locket.domain.settings.Secret;
import dev.locket.domain.settings.SmtpConfig;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link SmtpMailer} against a real SMTP server (GreenMail): settings-driven, authenticated, HTML. */
class SmtpMailerIT {

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"));

    private Supplier<SmtpConfig> settings(boolean enabled, String password) {
        SmtpConfig smtp = new SmtpConfig(enabled, mail.getSmtp().getPort(), "127.0.0.1", "mailer", Secret.of(password),
                SmtpConfig.AUTH_PLAIN, false, "");
        return () -> smtp;
    }

    @Test
    void sendsAnAuthenticatedHtmlMailWithTheSenderName() throws Exception {
        new SmtpMailer(settings(true, "s3cret")).send(new MailMessage("Acme Support", "support@acme.test",
                "alice@example.com", "Verify your Acme email", "<p>Hello <b>Alice</b> – ünïcode</p>"));

        assertTrue(mail.waitForIncomingEmail(5000, 1));
        MimeMessage m = mail.getReceivedMessages()[0];
        assertEquals("Verify your Acme email", m.getSubject());
        InternetAddress from = (InternetAddress) m.getFrom()[0];
        assertEquals("support@acme.test", from.getAddress());
        assertEquals("Acme Support", from.getPersonal());
        assertEquals("alice@example.com", m.getAllRecipients()[0].toString());
        assertTrue(m.getContentType().startsWith("text/html"), m.getContentType());
        assertTrue(GreenMailUtil.getBody(m).contains("Alice"));
    }

    @Test
    void disabledSmtpOrBadCredentialsFailWithoutSending() {
        MailMessage msg = new MailMessage("", "support@acme.test", "alice@example.com", "s", "<p>b</p>");
        assertThrows(Mailer.MailFailure.class, () -> new SmtpMailer(settings(false, "s3cret")).send(msg));
        assertThrows(Mailer.MailFailure.class, () -> new SmtpMailer(settings(true, "wrong")).send(msg));
        assertEquals(0, mail.getReceivedMessages().length);
    }
}
