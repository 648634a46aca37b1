package dev.locket.application.hook;

/**
 * Upstream's {@code TerminateEvent}: the app is going down (serve ended by a signal or {@code stop()}, a command
 * finished), or restarting on the restored data directory after a backup restore ({@link #isRestart()}). The
 * server has stopped listening; the data is still open until {@code next()}, whose default action closes it.
 */
public final class TerminateEvent extends HookEvent {
    private final boolean restart;

    public TerminateEvent(boolean restart) {
        this.restart = restart;
    }

    public boolean isRestart() {
        return restart;
    }
}
