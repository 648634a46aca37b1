package dev.locket.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.SplittableRandom;

/**
 * The floor every create figure is compared with: single-row transactions (autocommit, one
 * prepared statement) into a table shaped like posts10k, with the pragmas PocketBase uses
 * (WAL, synchronous=NORMAL), through sqlite-jdbc on the same disk as the server's data.
 */
public final class RawSqliteInserts {

    /** Outcome of one measurement. */
    public record Result(int rows, double seconds, double rowsPerSec, String sqliteVersion, String journalMode,
                         String synchronous, String path) {
    }

    private RawSqliteInserts() {
    }

    /** Inserts {@code rows} rows, one transaction each, into a fresh database under {@code dir}. */
    public static Result measure(Path dir, int rows, long seed) throws SQLException, java.io.IOException {
        Files.createDirectories(dir);
        Path db = dir.resolve("raw-inserts.db");
        Files.deleteIfExists(db);
        SplittableRandom random = new SplittableRandom(seed);
        String description = Workload.DESCRIPTION;
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db.toAbsolutePath())) {
            String journalMode;
            String sqliteVersion;
            String synchronous;
            try (Statement st = c.createStatement()) {
                try (ResultSet rs = st.executeQuery("PRAGMA journal_mode=WAL")) {
                    rs.next();
                    journalMode = rs.getString(1);
                }
                st.execute("PRAGMA synchronous=NORMAL");
                st.execute("PRAGMA busy_timeout=10000");
                st.execute("PRAGMA foreign_keys=ON");
                st.execute("PRAGMA temp_store=MEMORY");
                st.execute("PRAGMA cache_size=-32000");
                st.execute("PRAGMA journal_size_limit=200000000");
                try (ResultSet rs = st.executeQuery("PRAGMA synchronous")) {
                    rs.next();
                    synchronous = rs.getInt(1) == 1 ? "NORMAL" : String.valueOf(rs.getInt(1));
                }
                try (ResultSet rs = st.executeQuery("SELECT sqlite_version()")) {
                    rs.next();
                    sqliteVersion = rs.getString(1);
                }
                // Same column types the server's schema sync uses for these field types.
                st.execute("""
                        CREATE TABLE posts10k (
                          id TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL,
                          title TEXT DEFAULT '' NOT NULL,
                          description TEXT DEFAULT '' NOT NULL,
                          public BOOLEAN DEFAULT FALSE NOT NULL,
                          type JSON DEFAULT '[]' NOT NULL,
                          author TEXT DEFAULT '' NOT NULL,
                          created TEXT DEFAULT '' NOT NULL,
                          updated TEXT DEFAULT '' NOT NULL)""");
            }
            c.setAutoCommit(true);
            // A short untimed warm-up so the JIT has compiled the JDBC path; the server under test
            // is measured cold, but this figure is meant as the engine's floor.
            insert(c, "posts10k", Math.min(2_000, rows), random, description);
            try (Statement st = c.createStatement()) {
                st.execute("DELETE FROM posts10k");
            }
            long start = System.nanoTime();
            insert(c, "posts10k", rows, random, description);
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Result(rows, seconds, rows / seconds, sqliteVersion, journalMode, synchronous,
                    db.toAbsolutePath().toString());
        } finally {
            for (String suffix : new String[] {"", "-wal", "-shm"}) {
                Files.deleteIfExists(dir.resolve("raw-inserts.db" + suffix));
            }
        }
    }

    private static void insert(Connection c, String table, int rows, SplittableRandom random, String description)
            throws SQLException {
        String[] types = {"a", "b", "c", "d"};
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO " + table + " (id, title, description, public, type, author, created, updated)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < rows; i++) {
                String now = "2026-01-01 00:00:00.000Z";
                ps.setString(1, Workload.randomId(random));
                ps.setString(2, table + i);
                ps.setString(3, description);
                ps.setBoolean(4, i % 2 == 0);
                ps.setString(5, "[\"" + types[random.nextInt(4)] + "\",\"" + types[random.nextInt(4)] + "\"]");
                ps.setString(6, Workload.randomId(random));
                ps.setString(7, now);
                ps.setString(8, now);
                ps.executeUpdate();
            }
        }
    }
}
