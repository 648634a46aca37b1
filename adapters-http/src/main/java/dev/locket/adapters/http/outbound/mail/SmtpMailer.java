package dev.locket.adapters.http.outbound.mail;

import dev.locket.application.port.out.MailMessage;
import dev.locket.application.port.out.Mailer;
import dev.locket.domain.settings.SmtpConfig;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Properties;
import java.util.function.Supplier;

/**
 * Sends mail over SMTP with Angus Mail, configured on every send from the settings' {@code smtp}
 * section ({@code enabled, host, port, tls, authMethod, username, password, localName}), so a
 * settings change applies at once. With SMTP disabled PocketBase would try the local sendmail;
 * Locket has no sendmail fallback and reports a failure instead (callers log it).
 */
public final class SmtpMailer implements Mailer {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int IO_TIMEOUT_MS = 15_000;

    private final Supplier<SmtpConfig> settings;

    /** {@code settings} answers the {@code smtp} settings in force (read on every send). */
    public SmtpMailer(Supplier<SmtpConfig> settings) {
        this.settings = settings;
    }

    @Override
    public void send(MailMessage message) {
        SmtpConfig smtp = settings.get();
        if (!smtp.enabled()) {
            throw new MailFailure("SMTP is disabled in the settings and no sendmail fallback exists", null);
        }
        String host = smtp.host();
        int port = (int) Math.clamp(smtp.port(), 0, 65_535);
        boolean tls = smtp.tls();
        String username = smtp.username();
        String password = smtp.password().value();
        String authMethod = smtp.authMethod();
        String localName = smtp.localName();

        String proto = tls ? "smtps" : "smtp";
        Properties p = new Properties();
        p.put("mail.transport.protocol", proto);
        p.put("mail." + proto + ".host", host);
        p.put("mail." + proto + ".port", String.valueOf(port));
        p.put("mail." + proto + ".connectiontimeout", String.valueOf(CONNECT_TIMEOUT_MS));
        p.put("mail." + proto + ".timeout", String.valueOf(IO_TIMEOUT_MS));
        p.put("mail." + proto + ".writetimeout", String.valueOf(IO_TIMEOUT_MS));
        if (!tls) {
            // Like Go's net/smtp: upgrade with STARTTLS when the server offers it.
            p.put("mail.smtp.starttls.enable", "true");
        }
        if (!localName.isEmpty()) {
            p.put("mail." + proto + ".localhost", localName);
        }
        boolean auth = !username.isEmpty();
        if (auth) {
            p.put("mail." + proto + ".auth", "true");
            p.put("mail." + proto + ".auth.mechanisms",
                    SmtpConfig.AUTH_LOGIN.equalsIgnoreCase(authMethod) ? SmtpConfig.AUTH_LOGIN : SmtpConfig.AUTH_PLAIN);
        }
        try {
            Session session = Session.getInstance(p);
            MimeMessage m = new MimeMessage(session);
            m.setFrom(new InternetAddress(message.fromAddress(), message.fromName(), StandardCharsets.UTF_8.name()));
            m.setRecipients(Message.RecipientType.TO, InternetAddress.parse(message.to(), false));
            m.setSubject(message.subject(), StandardCharsets.UTF_8.name());
            m.setSentDate(new Date());
            m.setText(message.html(), StandardCharsets.UTF_8.name(), "html");
            m.saveChanges();
            try (Transport t = session.getTransport(proto)) {
                if (auth) {
                    t.connect(host, port, username, password);
                } else {
                    t.connect(host, port, null, null);
                }
                t.sendMessage(m, m.getAllRecipients());
            }
        } catch (MessagingException | UnsupportedEncodingException | RuntimeException e) {
            throw new MailFailure("SMTP send to " + host + ":" + port + " failed: " + e.getMessage(), e);
        }
    }
}
