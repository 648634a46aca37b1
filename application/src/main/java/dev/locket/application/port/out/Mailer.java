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

        /**
         * Logs {@code what} failed as one warning line with the reason (SMTP off, server unreachable, …): an
         * expected condition an operator fixes in the settings, so the stack trace only shows at debug level.
         */
        public void log(System.Logger log, String what) {
            log.log(System.Logger.Level.WARNING, what + ": " + getMessage());
            log.log(System.Logger.Level.DEBUG, what, this);
        }
    }
}
