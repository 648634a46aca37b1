package dev.locket.application.hook;

/** Upstream's app hooks: bootstrap, terminate, backup create and restore. */
public final class SystemHooks {
    private final Hook<BootstrapEvent> bootstrap = new Hook<>();
    private final Hook<TerminateEvent> terminate = new Hook<>();
    private final Hook<BackupEvent> backupCreate = new Hook<>();
    private final Hook<BackupEvent> backupRestore = new Hook<>();

    /** Around opening the data directory (databases, settings, collections); the default action opens it. */
    public Hook<BootstrapEvent> onBootstrap() {
        return bootstrap;
    }

    /** When the app goes down or restarts; the default action closes the data directory. */
    public Hook<TerminateEvent> onTerminate() {
        return terminate;
    }

    /** Around every backup creation (API, automatic, app code); the default action writes the archive. */
    public Hook<BackupEvent> onBackupCreate() {
        return backupCreate;
    }

    /**
     * Before a backup is restored (after the API answered, as upstream); the default action swaps the data
     * directory and restarts on it.
     */
    public Hook<BackupEvent> onBackupRestore() {
        return backupRestore;
    }
}
