package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

class StatementCacheTest {
    @TempDir
    Path dir;
    String url;

    @BeforeEach
    void table() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("data.db");
        try (Connection c = new SQLiteConfig().createConnection(url); Statement st = c.createStatement()) {
            st.execute("PRAGMA journal_mode=WAL");
            st.execute("CREATE TABLE t (id TEXT PRIMARY KEY, n INTEGER)");
            st.execute("INSERT INTO t VALUES ('a', 1), ('b', 2), ('c', 3)");
        }
    }

    @Test
    void aKeptStatementAnswersEachUseWithThatUsesParameters() throws SQLException {
        try (Connection c = StatementCache.wrap(new SQLiteConfig().createConnection(url))) {
            PreparedStatement first;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM t WHERE n = ?")) {
                first = ps.unwrap(PreparedStatement.class);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM t WHERE n = ?")) {
                assertSame(first, ps.unwrap(PreparedStatement.class), "the same SQL is not prepared again");
            }
            assertEquals(List.of("b"), ids(c, "SELECT id FROM t WHERE n = ?", 2));
            assertEquals(List.of("c"), ids(c, "SELECT id FROM t WHERE n = ?", 3));
            assertEquals(List.of(), ids(c, "SELECT id FROM t WHERE n = ?", 9));
        }
    }

    @Test
    void aNestedUseOfTheSameSqlGetsItsOwnStatement() throws SQLException {
        try (Connection c = StatementCache.wrap(new SQLiteConfig().createConnection(url))) {
            List<String> pairs = new ArrayList<>();
            try (PreparedStatement outer = c.prepareStatement("SELECT id FROM t WHERE n >= ? ORDER BY id")) {
                outer.setInt(1, 2);
                try (ResultSet rs = outer.executeQuery()) {
                    while (rs.next()) {
                        pairs.add(rs.getString(1) + ids(c, "SELECT id FROM t WHERE n >= ? ORDER BY id", 3));
                    }
                }
            }
            assertEquals(List.of("b[c]", "c[c]"), pairs);
            assertEquals(List.of("a", "b", "c"), ids(c, "SELECT id FROM t WHERE n >= ? ORDER BY id", 0));
        }
    }

    @Test
    void aStatementClosedHalfReadHoldsNoSnapshotAndBlocksNoSchemaChange() throws SQLException {
        try (Connection reader = StatementCache.wrap(new SQLiteConfig().createConnection(url));
             Connection writer = new SQLiteConfig().createConnection(url)) {
            try (PreparedStatement ps = reader.prepareStatement("SELECT id FROM t ORDER BY id")) {
                ResultSet rs = ps.executeQuery();
                assertTrue(rs.next()); // left open: closing the statement must end the read
            }
            writer.createStatement().execute("INSERT INTO t VALUES ('d', 4)");
            assertEquals(List.of("a", "b", "c", "d"), ids(reader, "SELECT id FROM t WHERE n > ? ORDER BY id", 0));
            try (PreparedStatement ps = reader.prepareStatement("SELECT id FROM t ORDER BY id")) {
                ResultSet rs = ps.executeQuery();
                assertTrue(rs.next());
            }
            reader.createStatement().execute("DROP TABLE t");
            assertFalse(tableExists(writer));
        }
    }

    @Test
    void rowsLeftUnreadByExecuteDoNotKeepTheTransactionFromCommitting() throws SQLException {
        try (Connection c = StatementCache.wrap(new SQLiteConfig().createConnection(url))) {
            try (PreparedStatement begin = c.prepareStatement("BEGIN IMMEDIATE")) {
                begin.execute();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM t")) {
                assertTrue(ps.execute()); // rows, never read
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?, 5)")) {
                ps.setString(1, "e");
                ps.executeUpdate();
            }
            try (PreparedStatement commit = c.prepareStatement("COMMIT")) {
                commit.execute();
            }
            assertEquals(List.of("e"), ids(c, "SELECT id FROM t WHERE n = ?", 5));
        }
    }

    @Test
    void moreDistinctStatementsThanKeptStillRunAndTheConnectionClosesCleanly() throws SQLException {
        Connection c = StatementCache.wrap(new SQLiteConfig().createConnection(url));
        for (int i = 0; i < StatementCache.SIZE * 3; i++) {
            assertEquals(List.of("a"), ids(c, "SELECT id FROM t WHERE n = ? AND " + i + " = " + i, 1));
        }
        assertEquals(List.of("a"), ids(c, "SELECT id FROM t WHERE n = ? AND 0 = 0", 1));
        c.close();
        assertTrue(c.isClosed());
    }

    private static List<String> ids(Connection c, String sql, int n) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setInt(1, n);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    private static boolean tableExists(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 't'")) {
            return rs.next() && rs.getInt(1) > 0;
        }
    }
}
