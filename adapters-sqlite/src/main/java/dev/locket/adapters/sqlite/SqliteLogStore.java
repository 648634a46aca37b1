package dev.locket.adapters.sqlite;

import dev.locket.application.port.out.LogEntry;
import dev.locket.application.port.out.LogStore;
import dev.locket.application.port.out.Page;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.DateField;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.JsonField;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.rule.RequestInfo;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code _logs} in auxiliary.db. Filters and sorts go through the record filter translator over a
 * stand-in collection whose fields are the log columns, so {@code data.status >= 400} reads JSON.
 */
final class SqliteLogStore implements LogStore {
    private static final String ALIAS = "_l";
    /** The columns as the filter language sees them. */
    private static final Collection LOGS = new BaseCollection("_logs", "_logs", true, List.of(
            new TextField(meta("id"), true, 0, 0, "", "", true),
            new DateField(meta("created"), false, "", ""),
            new NumberField(meta("level"), false, null, null, true),
            new TextField(meta("message"), false, 0, 0, "", "", false),
            new JsonField(meta("data"), false, 0)), CollectionRules.locked(), List.of(), "", "");

    private final SqliteDatabase db;
    private final JsonText json;
    private final FilterSql filters;

    SqliteLogStore(SqliteDatabase db, JsonText json, Clock clock) {
        this.db = db;
        this.json = json;
        this.filters = new FilterSql(name -> Optional.empty(), clock);
    }

    private static FieldMeta meta(String name) {
        return new FieldMeta("", name, true, false, false, "");
    }

    @Override
    public void insert(List<LogEntry> entries) {
        db.write(c -> {
            // upstream's log rows have no updated column (an older directory's one fills itself by default)
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO _logs (id, level, message, data, created) VALUES (?, ?, ?, ?, ?)")) {
                for (LogEntry e : entries) {
                    ps.setString(1, e.id());
                    ps.setInt(2, e.level());
                    ps.setString(3, e.message());
                    ps.setString(4, json.write(e.data()));
                    ps.setString(5, e.created());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Page<LogEntry> list(String filter, List<String> sort, int page, int perPage, boolean skipTotal) {
        RequestInfo root = RequestInfo.guest();
        SqlFragment where = filter == null || filter.isBlank() ? SqlFragment.EMPTY
                : filters.where(LOGS, ALIAS, filter, root, true);
        SqlFragment order = sort.isEmpty() ? SqlFragment.EMPTY : filters.orderBy(LOGS, ALIAS, sort, root, true);
        int p = Math.max(1, page);
        int pp = Math.max(1, perPage);
        String from = " FROM _logs AS " + ALIAS;
        String whereSql = where.sql().isEmpty() ? "" : " WHERE " + where.sql();
        String orderSql = order.sql().isBlank() ? "" : " ORDER BY " + order.sql();
        String sql = "SELECT " + ALIAS + ".id, " + ALIAS + ".created, " + ALIAS + ".level, " + ALIAS + ".message, "
                + ALIAS + ".data" + from + whereSql + orderSql + " LIMIT ? OFFSET ?";
        List<Object> params = Columns.concat(Columns.concat(where.params(), order.params()),
                List.of(pp, (long) (p - 1) * pp));
        try {
            return db.readSnapshot(c -> {
                List<LogEntry> items = query(c, sql, params);
                if (skipTotal) {
                    return new Page<>(p, pp, -1, -1, items);
                }
                long total;
                try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*)" + from + whereSql)) {
                    Columns.bindAll(ps, where.params());
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        total = rs.getLong(1);
                    }
                }
                return new Page<>(p, pp, total, (total + pp - 1) / pp, items);
            });
        } catch (SqlFailure e) {
            throw new BadRequest(BadRequest.GENERIC, e);
        }
    }

    @Override
    public Optional<LogEntry> find(String id) {
        List<LogEntry> found = db.read(c -> query(c, "SELECT id, created, level, message, data FROM _logs WHERE id = ?",
                List.of(id)));
        return found.stream().findFirst();
    }

    @Override
    public List<HourlyCount> stats(String filter) {
        SqlFragment where = filter == null || filter.isBlank() ? SqlFragment.EMPTY
                : filters.where(LOGS, ALIAS, filter, RequestInfo.guest(), true);
        String sql = "SELECT strftime('%Y-%m-%d %H:00:00', " + ALIAS + ".created) AS date, COUNT(" + ALIAS
                + ".id) AS total FROM _logs AS " + ALIAS + (where.sql().isEmpty() ? "" : " WHERE " + where.sql())
                + " GROUP BY date ORDER BY date";
        try {
            return db.read(c -> {
                List<HourlyCount> out = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    Columns.bindAll(ps, where.params());
                    try (ResultSet rs = ps.executeQuery()) {
                        while (rs.next()) {
                            String hour = rs.getString(1);
                            out.add(new HourlyCount(hour == null ? "" : hour + ".000Z", rs.getLong(2)));
                        }
                    }
                }
                return out;
            });
        } catch (SqlFailure e) {
            throw new BadRequest(BadRequest.GENERIC, e);
        }
    }

    @Override
    public long deleteCreatedBefore(String created) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM _logs WHERE created < ?")) {
                ps.setString(1, created);
                return (long) ps.executeUpdate();
            }
        });
    }

    @Override
    public long deleteBelowLevel(int level) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM _logs WHERE level < ?")) {
                ps.setInt(1, level);
                return (long) ps.executeUpdate();
            }
        });
    }

    private List<LogEntry> query(Connection c, String sql, List<Object> params) throws SQLException {
        List<LogEntry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            Columns.bindAll(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Object raw = rs.getObject(5);
                    String data = raw instanceof byte[] b ? new String(b, StandardCharsets.UTF_8)
                            : raw == null ? "{}" : raw.toString();
                    out.add(new LogEntry(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getString(4),
                            json.parseObject(data)));
                }
            }
        }
        return out;
    }
}
