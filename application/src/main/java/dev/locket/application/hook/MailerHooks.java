package dev.locket.application.hook;

/**
 * Upstream's mailer hooks: {@link #onMailerSend()} around every mail the app sends, and one hook per
 * auth mail kind around its rendering-then-sending (these run first; the send inside them fires
 * {@code onMailerSend}). The kind hooks take collection tags as upstream's do.
 */
public final class MailerHooks {
    private final Hook<MailerEvent> send = new Hook<>();
    private final Hook<MailerRecordEvent> authAlert = new Hook<>();
    private final Hook<MailerRecordEvent> passwordReset = new Hook<>();
    private final Hook<MailerRecordEvent> verification = new Hook<>();
    private final Hook<MailerRecordEvent> emailChange = new Hook<>();
    private final Hook<MailerRecordEvent> otp = new Hook<>();

    /** Every mail, whatever sent it (auth flows, system alerts, test emails, app code); the default action sends. */
    public Hook<MailerEvent> onMailerSend() {
        return send;
    }

    /** The new-device login alert. */
    public Hook<MailerRecordEvent> onMailerRecordAuthAlertSend() {
        return authAlert;
    }

    public Hook.Tagged<MailerRecordEvent> onMailerRecordAuthAlertSend(String... collections) {
        return authAlert.forCollections(collections);
    }

    public Hook<MailerRecordEvent> onMailerRecordPasswordResetSend() {
        return passwordReset;
    }

    public Hook.Tagged<MailerRecordEvent> onMailerRecordPasswordResetSend(String... collections) {
        return passwordReset.forCollections(collections);
    }

    public Hook<MailerRecordEvent> onMailerRecordVerificationSend() {
        return verification;
    }

    public Hook.Tagged<MailerRecordEvent> onMailerRecordVerificationSend(String... collections) {
        return verification.forCollections(collections);
    }

    /** The confirmation mail sent to the new address. */
    public Hook<MailerRecordEvent> onMailerRecordEmailChangeSend() {
        return emailChange;
    }

    public Hook.Tagged<MailerRecordEvent> onMailerRecordEmailChangeSend(String... collections) {
        return emailChange.forCollections(collections);
    }

    /** The one-time password mail; its default action also records where the code was sent. */
    public Hook<MailerRecordEvent> onMailerRecordOTPSend() {
        return otp;
    }

    public Hook.Tagged<MailerRecordEvent> onMailerRecordOTPSend(String... collections) {
        return otp.forCollections(collections);
    }
}
