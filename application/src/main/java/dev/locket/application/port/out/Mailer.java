package dev.locket.application.port.out;

/**
 * Sends one email. Blocking; throws {@link MailFailure} when the message could not be handed to
 * the mail server (callers decide whether that fails the request, as PocketBase does per route).
 */
public interface Mailer {

    void send(MailMessage message);

    /** The message could not be sent (no transport configured, connection or SMTP failure). */
    final class MailFailure extends RuntimeException {
        public MailFailure(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
