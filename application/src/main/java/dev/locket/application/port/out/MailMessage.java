package dev.locket.application.port.out;

import java.util.Objects;

/** One HTML email: sender name and address (from the settings' {@code meta}), one recipient, subject, body. */
public record MailMessage(String fromName, String fromAddress, String to, String subject, String html) {
    public MailMessage {
        fromName = fromName == null ? "" : fromName;
        Objects.requireNonNull(fromAddress);
        Objects.requireNonNull(to);
        subject = subject == null ? "" : subject;
        html = html == null ? "" : html;
    }
}
