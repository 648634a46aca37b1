package dev.locket;

import dev.locket.application.hook.BackupEvent;
import dev.locket.application.hook.BootstrapEvent;
import dev.locket.application.hook.Hook;
import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.MailerEvent;
import dev.locket.application.hook.MailerRecordEvent;
import dev.locket.application.hook.RealtimeConnectRequestEvent;
import dev.locket.application.hook.RealtimeMessageEvent;
import dev.locket.application.hook.RealtimeSubscribeRequestEvent;
import dev.locket.application.hook.TerminateEvent;

/**
 * Upstream's app, realtime and mailer hooks under their PocketBase names, on the app itself:
 * {@code app.onMailerRecordPasswordResetSend("users").bind(e -> { ...; e.next(); })}. Handlers run by
 * priority then registration order; {@code e.next()} continues (the last link is the default action),
 * not calling it stops the chain, throwing a {@code dev.locket.domain.error} API error vetoes with it.
 */
public interface AppHooks {

    /** Every hook of the app. */
    Hooks hooks();

    /**
     * Around opening the data directory ({@code serve}, {@code migrate}, {@link Locket#bootstrap}, and again after
     * a backup restore): before {@code next()} nothing is open, after it the app's data API works.
     */
    default Hook<BootstrapEvent> onBootstrap() {
        return hooks().system().onBootstrap();
    }

    /**
     * When the app goes down ({@link Locket#stop()}, SIGTERM/SIGINT, a command's end) or restarts on a restored
     * backup ({@link TerminateEvent#isRestart()}): the server has stopped, the data closes at {@code next()}.
     */
    default Hook<TerminateEvent> onTerminate() {
        return hooks().system().onTerminate();
    }

    /** Around every backup creation (API, automatic backups); change its name or what it leaves out, or veto. */
    default Hook<BackupEvent> onBackupCreate() {
        return hooks().system().onBackupCreate();
    }

    /** Before a backup is restored; change what the restore leaves in place, or veto. */
    default Hook<BackupEvent> onBackupRestore() {
        return hooks().system().onBackupRestore();
    }

    /** Around a whole realtime connection (SSE or WebSocket); code after {@code next()} runs once it ended. */
    default Hook<RealtimeConnectRequestEvent> onRealtimeConnectRequest() {
        return hooks().realtime().onRealtimeConnectRequest();
    }

    /** Before a realtime client's subscriptions are replaced; change the topics, or veto. */
    default Hook<RealtimeSubscribeRequestEvent> onRealtimeSubscribeRequest() {
        return hooks().realtime().onRealtimeSubscribeRequest();
    }

    /** Around writing each realtime message to each client; change the message, drop it, or end the connection. */
    default Hook<RealtimeMessageEvent> onRealtimeMessageSend() {
        return hooks().realtime().onRealtimeMessageSend();
    }

    /** Around every mail the app sends; change the message, or stop it. */
    default Hook<MailerEvent> onMailerSend() {
        return hooks().mailer().onMailerSend();
    }

    default Hook<MailerRecordEvent> onMailerRecordAuthAlertSend() {
        return hooks().mailer().onMailerRecordAuthAlertSend();
    }

    /** The new-device login alert of the given auth collections (ids or names). */
    default Hook.Tagged<MailerRecordEvent> onMailerRecordAuthAlertSend(String... collections) {
        return hooks().mailer().onMailerRecordAuthAlertSend(collections);
    }

    default Hook<MailerRecordEvent> onMailerRecordPasswordResetSend() {
        return hooks().mailer().onMailerRecordPasswordResetSend();
    }

    default Hook.Tagged<MailerRecordEvent> onMailerRecordPasswordResetSend(String... collections) {
        return hooks().mailer().onMailerRecordPasswordResetSend(collections);
    }

    default Hook<MailerRecordEvent> onMailerRecordVerificationSend() {
        return hooks().mailer().onMailerRecordVerificationSend();
    }

    default Hook.Tagged<MailerRecordEvent> onMailerRecordVerificationSend(String... collections) {
        return hooks().mailer().onMailerRecordVerificationSend(collections);
    }

    default Hook<MailerRecordEvent> onMailerRecordEmailChangeSend() {
        return hooks().mailer().onMailerRecordEmailChangeSend();
    }

    default Hook.Tagged<MailerRecordEvent> onMailerRecordEmailChangeSend(String... collections) {
        return hooks().mailer().onMailerRecordEmailChangeSend(collections);
    }

    default Hook<MailerRecordEvent> onMailerRecordOTPSend() {
        return hooks().mailer().onMailerRecordOTPSend();
    }

    default Hook.Tagged<MailerRecordEvent> onMailerRecordOTPSend(String... collections) {
        return hooks().mailer().onMailerRecordOTPSend(collections);
    }
}
