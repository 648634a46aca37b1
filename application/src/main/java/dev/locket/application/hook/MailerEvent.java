package dev.locket.application.hook;

import dev.locket.application.port.out.MailMessage;
import java.util.Objects;

/**
 * Upstream's {@code MailerEvent}: one mail about to be sent. A handler may replace the {@link #message()}
 * before {@code next()} (another subject, body or recipient is what goes out); not calling {@code next()}
 * sends nothing, throwing fails the send with that error.
 */
public class MailerEvent extends HookEvent {
    private MailMessage message;

    public MailerEvent(MailMessage message) {
        this.message = Objects.requireNonNull(message);
    }

    public MailMessage message() {
        return message;
    }

    public void message(MailMessage replacement) {
        this.message = Objects.requireNonNull(replacement);
    }
}
