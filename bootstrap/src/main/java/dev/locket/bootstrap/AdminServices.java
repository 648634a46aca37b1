package dev.locket.bootstrap;

import dev.locket.LocketConfig;
import dev.locket.adapters.http.AdminPorts;
import dev.locket.adapters.sqlite.SqliteAdapter;
import dev.locket.application.service.CronService;
import dev.locket.application.service.LogService;
import dev.locket.application.service.SettingsService;
import dev.locket.application.service.SqlConsoleService;

/**
 * The admin/ops part of the composition root: the cached settings, the cron scheduler with
 * upstream's system jobs, the SQL console and the logs (API and batched request log writer).
 */
public final class AdminServices implements AutoCloseable {
    private final SettingsService settings;
    private final CronService crons;
    private final SqlConsoleService sql;
    private final LogService logs;

    private AdminServices(SettingsService settings, CronService crons, SqlConsoleService sql, LogService logs) {
        this.settings = settings;
        this.crons = crons;
        this.sql = sql;
        this.logs = logs;
    }

    static AdminServices open(SqliteAdapter sqlite, LocketConfig config) {
        var settings = new SettingsService(sqlite.settingsStore());
        var logs = new LogService(sqlite.logStore(), settings::current, config.clock(), config.random());
        settings.onChange(logs::applySettings);
        logs.start();
        var crons = new CronService(config.clock());
        // Upstream's system jobs, in its registration order (GET /api/crons lists them in that order).
        crons.add("__pbLogsCleanup__", "0 */6 * * *", logs::deleteExpired);
        crons.add("__pbDBOptimize__", "0 0 * * *", sqlite::optimize);
        crons.add("__pbMFACleanup__", "0 * * * *", () -> { });
        crons.add("__pbOTPCleanup__", "0 * * * *", () -> { });
        crons.start();
        var sql = new SqlConsoleService(sqlite.sqlConsole(), config.clock());
        return new AdminServices(settings, crons, sql, logs);
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
        return new AdminPorts(settings, settings, crons, sql, logs, logs);
    }

    @Override
    public void close() {
        crons.close();
        logs.close();
    }
}
