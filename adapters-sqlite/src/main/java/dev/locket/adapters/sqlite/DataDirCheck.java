package dev.locket.adapters.sqlite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.Set;

/**
 * Looks at an existing {@code data.db} before anything opens it for writing. PocketBase before v0.23 kept
 * superusers in {@code _admins} and collections in another shape; Locket speaks the v0.23+ layout only, so
 * such a directory is refused whole rather than half-opened (upstream v0.23 upgrades it in place on its
 * first start, which is the way forward for the user).
 */
final class DataDirCheck {
    private DataDirCheck() {
    }

    static void refuseUnsupported(Path dataDir) {
        Path db = dataDir.resolve("data.db");
        if (!Files.isRegularFile(db)) {
            return;
        }
        Set<String> tables = tables(db);
        if (tables.contains("_admins") && !tables.contains("_superusers")) {
            throw new UnsupportedDataDir(dataDir + " was written by PocketBase before v0.23 (it has _admins and no"
                    + " _superusers) and Locket opens only v0.23+ data: start it once with PocketBase v0.23 or newer,"
                    + " which upgrades it in place, then point Locket at it (keep a copy first).");
        }
    }

    /**
     * The table names, read through a read-only, immutable open: no lock, no WAL or shared-memory file is
     * created and nothing is written.
     */
    private static Set<String> tables(Path db) {
        String url = "jdbc:sqlite:file:" + db.toAbsolutePath() + "?mode=ro&immutable=1";
        Set<String> names = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url);
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT name FROM sqlite_master WHERE type = 'table'")) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            // not readable as SQLite: the normal open reports it with its own context
            return Set.of();
        }
        return names;
    }
}
