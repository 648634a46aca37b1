package dev.locket.adapters.sqlite;

import dev.locket.application.port.out.SqlConsole;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sqlite.SQLiteException;

/** The SQL console over data.db: reads on a read-only connection of their own, writes on the writer in one transaction. */
final class SqliteSqlConsole implements SqlConsole {
    /** Upstream's console timeout. */
    private static final int TIMEOUT_SECONDS = 180;

    /** sqlite3_errstr() texts, as PocketBase's driver prefixes its errors with them. */
    private static final Map<Integer, String> ERRSTR = Map.ofEntries(
            Map.entry(1, "SQL logic error"), Map.entry(2, "internal logic error"),
            Map.entry(3, "access permission denied"), Map.entry(4, "query aborted"),
            Map.entry(5, "database is locked"), Map.entry(6, "database table is locked"),
            Map.entry(7, "out of memory"), Map.entry(8, "attempt to write a readonly database"),
            Map.entry(9, "interrupted"), Map.entry(10, "disk I/O error"),
            Map.entry(11, "database disk image is malformed"), Map.entry(13, "database or disk is full"),
            Map.entry(14, "unable to open database file"), Map.entry(18, "string or blob too big"),
            Map.entry(19, "constraint failed"), Map.entry(20, "datatype mismatch"),
            Map.entry(21, "bad parameter or other API misuse"), Map.entry(25, "column index out of range"),
            Map.entry(26, "file is not a database"));

    private static final System.Logger LOG = System.getLogger(SqliteSqlConsole.class.getName());
    private final SqliteDatabase db;

    SqliteSqlConsole(SqliteDatabase db) {
        this.db = db;
    }

    private static final Rows NO_ROWS = new Rows(List.of(), List.of());
    private static final int SQLITE_READONLY = 8;

    @Override
    public Outcome run(String sql, int maxRows) {
        if (isDriverCommand(sql)) {
            // sqlite-jdbc's own "backup to"/"restore from" commands: not SQL, and not something upstream runs
            throw new QueryFailed("SQL logic error: near \"" + sql.strip().split("\\s+")[0]
                    + "\": syntax error (1)", null);
        }
        Connection readOnly;
        try {
            readOnly = db.openReadOnly();
        } catch (SqlFailure cannotOpen) {
            // Seen right after a backup's TRUNCATE checkpoint: SQLite answers a new read-only connection
            // with SQLITE_IOERR_SHORT_READ. The writer is always safe, only less concurrent.
            LOG.log(System.Logger.Level.WARNING, "SQL console: no read-only connection, running on the writer",
                    cannotOpen);
            return onWriter(sql, maxRows);
        }
        try (readOnly) {
            return new Outcome(0, read(readOnly, sql, maxRows));
        } catch (SQLException e) {
            if (!isReadOnlyRefusal(e)) {
                throw failed(e);
            }
        }
        return new Outcome(write(sql), NO_ROWS);
    }

    /** Reads and writes alike in one writer transaction; the count is SQLite's total_changes() difference. */
    private Outcome onWriter(String sql, int maxRows) {
        return db.write(c -> {
            try {
                long before = totalChanges(c);
                Rows rows = read(c, sql, maxRows);
                return new Outcome(totalChanges(c) - before, rows);
            } catch (SQLException e) {
                throw failed(e);
            }
        });
    }

    private static long totalChanges(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); var rs = st.executeQuery("SELECT total_changes()")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /**
     * Every statement on a connection opened read-only, the last one's rows answered (as upstream answers a
     * list of reads); the first statement that would write makes SQLite refuse with SQLITE_READONLY before
     * it changes anything.
     */
    private static Rows read(Connection c, String sql, int maxRows) throws SQLException {
        List<String> statements = statements(sql);
        if (statements.isEmpty()) {
            throw new SQLException("empty query");
        }
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(TIMEOUT_SECONDS);
            for (String statement : statements.subList(0, statements.size() - 1)) {
                st.execute(statement);
            }
        }
        return rows(c, statements.getLast(), maxRows);
    }

    /**
     * The whole text on the single writer in one transaction through sqlite3_exec (sqlite-jdbc's
     * executeUpdate), so SQLite splits the statements itself and nothing runs half; the count is
     * SQLite's total_changes() difference over the batch.
     */
    private long write(String sql) {
        return db.write(c -> {
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(TIMEOUT_SECONDS);
                return st.executeLargeUpdate(sql);
            } catch (SQLException e) {
                throw failed(e);
            }
        });
    }

    private static boolean isDriverCommand(String sql) {
        try {
            return org.sqlite.ExtendedCommand.parse(sql) != null;
        } catch (SQLException e) {
            return true;
        }
    }

    private static boolean isReadOnlyRefusal(SQLException e) {
        return e instanceof SQLiteException se && (se.getResultCode().code & 0xff) == SQLITE_READONLY;
    }

    /**
     * The statements of {@code sql}, split at top-level semicolons outside quotes and comments; blank ones
     * are dropped. Only reads rely on it (a write goes to SQLite whole).
     */
    static List<String> statements(String sql) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        int i = 0;
        int n = sql.length();
        while (i < n) {
            char c = sql.charAt(i);
            if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
                int eol = sql.indexOf('\n', i);
                i = eol < 0 ? n : eol;
                cur.append(' ');
                continue;
            }
            if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                int close = sql.indexOf("*/", i + 2);
                i = close < 0 ? n : close + 2;
                cur.append(' ');
                continue;
            }
            char closing = switch (c) {
                case '\'', '"', '`' -> c;
                case '[' -> ']';
                default -> 0;
            };
            if (closing != 0) {
                int close = sql.indexOf(closing, i + 1);
                int stop = close < 0 ? n : close + 1;
                cur.append(sql, i, stop);
                i = stop;
                continue;
            }
            if (c == ';') {
                addIfNotBlank(out, cur);
                cur.setLength(0);
            } else {
                cur.append(c);
            }
            i++;
        }
        addIfNotBlank(out, cur);
        return out;
    }

    private static void addIfNotBlank(List<String> out, StringBuilder statement) {
        if (!statement.toString().isBlank()) {
            out.add(statement.toString().strip());
        }
    }

    private static Rows rows(Connection c, String sql, int maxRows) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(TIMEOUT_SECONDS);
            if (!st.execute(sql)) {
                return NO_ROWS;
            }
            try (ResultSet rs = st.getResultSet()) {
                ResultSetMetaData meta = rs.getMetaData();
                int n = meta.getColumnCount();
                List<Column> columns = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    // upstream's driver: the declared type, and every column reported nullable
                    columns.add(new Column(meta.getColumnLabel(i), declaredType(c, meta, i), true));
                }
                List<List<String>> rows = new ArrayList<>();
                while (rows.size() < maxRows && rs.next()) {
                    List<String> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        Object v = rs.getObject(i);
                        row.add(v == null ? null : v instanceof byte[] b
                                ? new String(b, java.nio.charset.StandardCharsets.UTF_8) : rs.getString(i));
                    }
                    rows.add(row);
                }
                return new Rows(columns, rows);
            }
        }
    }

    /**
     * What PocketBase's driver reports as the type: the column's declared type (sqlite3_column_decltype) as
     * written, upper-cased ({@code VARCHAR(255)}), and {@code ""} for an expression. sqlite-jdbc gives the
     * origin table and, for an expression, a type guessed from the value, so the declared type is read from
     * the origin table's schema; an aliased column falls back to the driver's (unparenthesised) declared type.
     */
    private static String declaredType(Connection c, ResultSetMetaData meta, int column) {
        try {
            String table = meta.getTableName(column);
            if (table == null || table.isEmpty()) {
                return "";
            }
            String name = meta.getColumnName(column);
            try (PreparedStatement ps = c.prepareStatement("SELECT type FROM pragma_table_xinfo(?) WHERE name = ?")) {
                ps.setString(1, table);
                ps.setString(2, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return rs.getString(1).toUpperCase(java.util.Locale.ROOT);
                    }
                }
            }
            String t = meta.getColumnTypeName(column);
            return t == null ? "" : t;
        } catch (SQLException e) {
            return "";
        }
    }

    /** SQLite's own wording: "SQL logic error: near "x": syntax error (1)", as PocketBase's driver reports it. */
    static QueryFailed failed(SQLException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        int code = e instanceof SQLiteException se ? se.getResultCode().code & 0xff : e.getErrorCode() & 0xff;
        // sqlite-jdbc wraps the detail as "[SQLITE_ERROR] SQL error or missing database (detail)".
        int open = message.indexOf('(');
        String detail = message.startsWith("[") && open > 0 && message.endsWith(")")
                ? message.substring(open + 1, message.length() - 1) : message;
        String prefix = ERRSTR.get(code);
        String text = prefix == null ? detail : prefix + ": " + detail + " (" + code + ")";
        return new QueryFailed(text, e);
    }
}
