package dev.locket.adapters.http;

import dev.locket.application.port.in.admin.ManageCrons;
import dev.locket.application.port.in.admin.RunSql;
import dev.locket.application.port.in.settings.ReadSettings;
import dev.locket.application.port.in.settings.UpdateSettings;
import java.util.Objects;

/** The inbound ports of the superuser admin/ops APIs: settings, crons, SQL console. */
public record AdminPorts(ReadSettings readSettings, UpdateSettings updateSettings, ManageCrons crons, RunSql sql) {
    public AdminPorts {
        Objects.requireNonNull(readSettings);
        Objects.requireNonNull(updateSettings);
        Objects.requireNonNull(crons);
        Objects.requireNonNull(sql);
    }
}
