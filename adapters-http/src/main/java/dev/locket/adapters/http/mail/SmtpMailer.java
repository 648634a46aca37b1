package dev.locket.adapters.http.mail;

import dev.locket.application.port.out.MailMessage;
import dev.locket.application.port.out.Mailer;
import dev.locket.application.port.out.SettingsStore;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.util.Date;
import java.util.Map;
import java.util.Properties;

/**
 * Sends mail over SMTP with Angus Mail, configured on every send from the settings' {@code smtp}
 * section ({@code enabled, host, port, tls, authMethod, username, password, localName}), so a
 * settings change applies at once. With SMTP disabled PocketBase would try the local sendmail;
 * Locket has no sendmail fallback and reports a failure instead (callers log it).
 */
public final class SmtpMailer implements Mailer {
    private static final int CONNECT_TIMEOUT_MS = 10_000;
    private static final int IO_TIMEOUT_MS = 15_000;

    private final SettingsStore settings;

    public SmtpMailer(SettingsStore settings) {
        this.settings = settings;
    }

    @Override
    public void send(MailMessage message) {
        Map<String, Object> smtp = map(settings.load().get("smtp"));
        if (!Boolean.TRUE.equals(smtp.get("enabled"))) {
            throw new MailFailure("SMTP is disabled in the settings and no sendmail fallback exists", null);
        }
        String host = text(smtp.get("host"));
        int port = smtp.get("port") instanceof Number n ? n.intValue() : 25;
        boolean tls = Boolean.TRUE.equals(smtp.get("tls"));
        String username = text(smtp.get("username"));
        String password = text(smtp.get("password"));
        String authMethod = text(smtp.get("authMethod"));
        String localName = text(smtp.get("localName"));

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
            p.put("mail." + proto + ".auth.mechanisms", "LOGIN".equalsIgnoreCase(authMethod) ? "LOGIN" : "PLAIN");
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

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    private static String text(Object o) {
        return o instanceof String s ? s : "";
    }
}
