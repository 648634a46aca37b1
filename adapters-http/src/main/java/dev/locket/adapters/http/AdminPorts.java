package dev.locket.adapters.http;

import dev.locket.application.port.in.admin.LogRequests;
import dev.locket.application.port.in.admin.ManageBackups;
import dev.locket.application.port.in.admin.ManageCrons;
import dev.locket.application.port.in.admin.ReadLogs;
import dev.locket.application.port.in.admin.RunSql;
import dev.locket.application.port.in.settings.ReadSettings;
import dev.locket.application.port.in.settings.UpdateSettings;
import java.util.Objects;

/** The inbound ports of the superuser admin/ops APIs (settings, crons, SQL console, logs, backups) and the request log. */
public record AdminPorts(ReadSettings readSettings, UpdateSettings updateSettings, ManageCrons crons, RunSql sql,
                         ReadLogs logs, LogRequests logRequests, ManageBackups backups) {
    public AdminPorts {
        Objects.requireNonNull(readSettings);
        Objects.requireNonNull(updateSettings);
        Objects.requireNonNull(crons);
        Objects.requireNonNull(sql);
        Objects.requireNonNull(logs);
        Objects.requireNonNull(logRequests);
        Objects.requireNonNull(backups);
    }
}
