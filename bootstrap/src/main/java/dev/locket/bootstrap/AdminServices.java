package dev.locket.bootstrap;

import dev.locket.LocketConfig;
import dev.locket.adapters.http.AdminPorts;
import dev.locket.adapters.sqlite.SqliteAdapter;
import dev.locket.adapters.http.outbound.crypto.JwtTokenCodec;
import dev.locket.application.hook.Hooks;
import dev.locket.application.port.out.BackupStore;
import dev.locket.application.service.auth.AuthCleanup;
import dev.locket.application.service.record.RecordWrites;
import dev.locket.application.service.admin.BackupService;
import dev.locket.application.service.admin.CronService;
import dev.locket.application.service.admin.LogService;
import dev.locket.application.service.settings.SettingsService;
import dev.locket.application.service.admin.SqlConsoleService;
import dev.locket.domain.settings.Settings;
import java.util.function.BiConsumer;

/**
 * The admin/ops part of the composition root: the cached settings, the cron scheduler with
 * upstream's system jobs, the SQL console and the logs (API and batched request log writer).
 */
public final class AdminServices implements AutoCloseable {
    private static final System.Logger LOG = System.getLogger(AdminServices.class.getName());
    private static final String AUTO_BACKUP = "__pbAutoBackup__";

    private final SettingsService settings;
    private final CronService crons;
    private final SqlConsoleService sql;
    private final LogService logs;
    private final BackupService backups;
    private final Restart restart;
    /** Unbinds the MFA/OTP system record handlers ({@link AuthCleanup#bindHooks}). */
    private final Runnable authHooks;

    /** What happens once a restore swapped the data directory: by default only a warning. */
    private static final class Restart {
        private volatile Runnable action = () -> LOG.log(System.Logger.Level.WARNING,
                "Backup restored into the data directory: restart the server to load it.");

        void run() {
            action.run();
        }
    }

    private AdminServices(SettingsService settings, CronService crons, SqlConsoleService sql, LogService logs,
                          BackupService backups, Restart restart, Runnable authHooks) {
        this.settings = settings;
        this.crons = crons;
        this.sql = sql;
        this.logs = logs;
        this.backups = backups;
        this.restart = restart;
        this.authHooks = authHooks;
    }

    /**
     * Sets what runs after a restore replaced the data directory (the server reopens it; upstream
     * restarts its process).
     */
    public void onRestored(Runnable action) {
        restart.action = java.util.Objects.requireNonNull(action);
    }

    /**
     * {@code backupStore} keeps the backups (local or the settings' S3 bucket); {@code alerts} mails every
     * superuser (subject, details) when an automatic backup fails.
     */
    static AdminServices open(SqliteAdapter sqlite, LocketConfig config, SettingsService settings,
                              BackupStore backupStore, BiConsumer<String, String> alerts, Hooks hooks) {
        var logs = new LogService(sqlite.logStore(), settings, config.clock(), config.random(), hooks);
        settings.onChange(logs::applySettings);
        logs.start();
        var crons = new CronService(config.clock());
        // Upstream's system jobs, in its registration order (GET /api/crons lists them in that order).
        crons.add("__pbLogsCleanup__", "0 */6 * * *", logs::deleteExpired);
        crons.add("__pbDBOptimize__", "0 0 * * *", sqlite::optimize);
        // the expired entries are deleted as records, through the record and model hooks (upstream's app.Delete)
        var authCleanup = new AuthCleanup(sqlite.collectionStore(), sqlite.recordStore(), new RecordWrites(
                sqlite.collectionStore(), sqlite.recordStore(), sqlite.transactions(), hooks, config.clock(), null,
                config.random()), config.clock());
        crons.add("__pbMFACleanup__", "0 * * * *", authCleanup::deleteExpiredMfas);
        crons.add("__pbOTPCleanup__", "0 * * * *", authCleanup::deleteExpiredOtps);
        Runnable authHooks = authCleanup.bindHooks(hooks);
        var restart = new Restart();
        var backups = new BackupService(backupStore, sqlite.dataArchive(), settings,
                sqlite.collectionStore(), sqlite.recordStore(), new JwtTokenCodec(), config.clock(),
                restart::run, alerts, hooks.system());
        scheduleAutoBackup(crons, backups, settings.current());
        settings.onChange(s -> scheduleAutoBackup(crons, backups, s));
        crons.start();
        var sql = new SqlConsoleService(sqlite.sqlConsole(), config.clock());
        return new AdminServices(settings, crons, sql, logs, backups, restart, authHooks);
    }

    /** {@code __pbAutoBackup__} follows {@code backups.cron}: (re)scheduled on start and on every settings save. */
    private static void scheduleAutoBackup(CronService crons, BackupService backups, Settings settings) {
        String cron = settings.backups().cron();
        int maxKeep = (int) Math.clamp(settings.backups().cronMaxKeep(), 0, Integer.MAX_VALUE);
        if (cron.isBlank()) {
            crons.remove(AUTO_BACKUP);
            return;
        }
        try {
            crons.add(AUTO_BACKUP, cron, () -> backups.autoBackup(maxKeep));
        } catch (IllegalArgumentException e) {
            LOG.log(System.Logger.Level.WARNING, "invalid backups.cron " + cron + ": " + e.getMessage());
            crons.remove(AUTO_BACKUP);
        }
    }

    /** The backups API. */
    public BackupService backups() {
        return backups;
    }

    /** The settings everyone reads (rate limiter, mailer, S3, batch): cached, with change listeners. */
    public SettingsService settings() {
        return settings;
    }

    /** The logs API and the batched request log writer. */
    public LogService logs() {
        return logs;
    }

    public CronService crons() {
        return crons;
    }

    AdminPorts httpPorts() {
        return new AdminPorts(settings, settings, crons, sql, logs, logs, backups);
    }

    @Override
    public void close() {
        authHooks.run();
        crons.close();
        logs.close();
    }
}
