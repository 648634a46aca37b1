package dev.locket.adapters.sqlite;

import dev.locket.application.port.out.SqlConsole;
import dev.locket.domain.collection.SqlLists;
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

/** The SQL console over data.db: writes on the writer in one transaction, reads on a pooled connection. */
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

    private final SqliteDatabase db;

    SqliteSqlConsole(SqliteDatabase db) {
        this.db = db;
    }

    @Override
    public long execute(String sql) {
        return db.write(c -> {
            long affected = 0;
            try (Statement st = c.createStatement()) {
                st.setQueryTimeout(TIMEOUT_SECONDS);
                for (String statement : SqlLists.split(sql, ";", false)) {
                    if (statement.isBlank()) {
                        continue;
                    }
                    st.execute(statement);
                    affected = Math.max(0, st.getUpdateCount());
                }
            } catch (SQLException e) {
                throw failed(e);
            }
            return affected;
        });
    }

    @Override
    public Rows query(String sql, int maxRows) {
        return db.read(c -> {
            try {
                return rows(c, sql, maxRows);
            } catch (SQLException e) {
                throw failed(e);
            }
        });
    }

    private static Rows rows(Connection c, String sql, int maxRows) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.setQueryTimeout(TIMEOUT_SECONDS);
            if (!st.execute(sql)) {
                return new Rows(List.of(), List.of());
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
