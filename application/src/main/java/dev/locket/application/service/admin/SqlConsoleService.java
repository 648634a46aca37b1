package dev.locket.application.service.admin;

import dev.locket.application.port.in.admin.RunSql;
import dev.locket.application.port.out.SqlConsole;
import dev.locket.application.service.support.AdminAccess;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.util.List;
import java.util.Objects;

/**
 * The superuser SQL console (admin-and-ops §6): SQLite, not a keyword guess, tells reads from writes
 * (see {@link SqlConsole#run}); reads answer at most 1000 rows, writes the rows they changed.
 */
public final class SqlConsoleService implements RunSql {
    static final String FAILED = "Failed to execute query. Raw error:\n";

    private final SqlConsole console;
    private final Clock clock;

    public SqlConsoleService(SqlConsole console, Clock clock) {
        this.console = Objects.requireNonNull(console);
        this.clock = Objects.requireNonNull(clock);
    }

    @Override
    public Result run(String query, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        String sql = query == null ? "" : query;
        if (sql.isBlank()) {
            throw ValidationFailed.of(ValidationFailed.FORM_INVALID, "query", FieldError.required());
        }
        if (sql.codePointCount(0, sql.length()) > MAX_QUERY_LENGTH) {
            throw ValidationFailed.of(ValidationFailed.FORM_INVALID, "query", FieldError.of("validation_length_too_long",
                    "The length must be no more than " + MAX_QUERY_LENGTH + ".", "max", MAX_QUERY_LENGTH));
        }
        long start = clock.millis();
        try {
            SqlConsole.Outcome outcome = console.run(sql, MAX_ROWS);
            List<Column> columns = outcome.rows().columns().stream()
                    .map(c -> new Column(c.name(), c.type(), c.nullable())).toList();
            return new Result(clock.millis() - start, outcome.affectedRows(), columns, outcome.rows().rows());
        } catch (SqlConsole.QueryFailed e) {
            throw new BadRequest(FAILED + e.getMessage(), e);
        }
    }
}
