package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConfig;

class CheckpointerIT {
    @TempDir
    Path tmp;

    /**
     * A few committed rows are far below SQLite's automatic threshold, so only the checkpoint thread copies them
     * into the database file: a copy of that file alone, without its WAL, holds them soon after.
     */
    @Test
    void committedWritesReachTheDatabaseFileWithoutAnotherWrite() throws Exception {
        Path file = tmp.resolve("data.db");
        try (SqliteDatabase db = SqliteDatabase.open(file, 1)) {
            db.write(c -> {
                try (Statement st = c.createStatement()) {
                    st.execute("CREATE TABLE t (id TEXT PRIMARY KEY)");
                }
                return null;
            });
            for (int i = 0; i < 20; i++) {
                String id = "r" + i;
                db.write(c -> {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (?)")) {
                        ps.setString(1, id);
                        return ps.executeUpdate();
                    }
                });
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            int rows = -1;
            while (System.nanoTime() < deadline && rows != 20) {
                Thread.sleep(50);
                rows = rowsInFileAlone(file);
            }
            assertEquals(20, rows, "rows in the database file without its WAL");
            assertTrue(Files.size(file.resolveSibling("data.db-wal")) > 0, "the WAL stays in use meanwhile");
        }
    }

    private int rowsInFileAlone(Path file) throws Exception {
        Path copy = tmp.resolve("copy-" + System.nanoTime() + ".db");
        Files.copy(file, copy);
        try (Connection c = new SQLiteConfig().createConnection("jdbc:sqlite:" + copy);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT count(*) FROM sqlite_master WHERE name = 't'")) {
            rs.next();
            if (rs.getInt(1) == 0) {
                return -1;
            }
            try (ResultSet n = st.executeQuery("SELECT count(*) FROM t")) {
                n.next();
                return n.getInt(1);
            }
        }
    }
}
