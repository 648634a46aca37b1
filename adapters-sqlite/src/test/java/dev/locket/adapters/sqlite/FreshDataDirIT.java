package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FreshDataDirIT {
    @TempDir
    Path tmp;

    @Test
    void freshDirectoryGetsSystemCollectionsSettingsAndMigrations() throws Exception {
        Path dir = tmp.resolve("nested/pb_data");
        try (SqliteAdapter adapter = SqliteAdapter.open(dir, TestDirs.CLOCK)) {
            List<String> ids = adapter.collectionStore().all().stream().map(Collection::id).toList();
            assertEquals(List.of("pbc_3142635823", "_pb_users_auth_", "pbc_2279338944", "pbc_1638494021",
                    "pbc_2281828961", "pbc_4275539003"), ids);
            assertTrue(adapter.collectionStore().find("_superusers").orElseThrow() instanceof AuthCollection);
            // the settings row is the settings service's to write (CliIT checks a fresh directory gets it)
            assertTrue(adapter.settingsStore().load().isEmpty());

            // The system tables are usable: a superuser can be stored and read back.
            Collection superusers = adapter.collectionStore().find("_superusers").orElseThrow();
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("id", "aaaaaaaaaaaaaaa");
            v.put("email", "root@example.com");
            v.put("password", "$2a$10$hash");
            v.put("tokenKey", "k".repeat(50));
            v.put("verified", true);
            adapter.recordStore().insert(superusers, new Record(superusers, v));
            Record back = adapter.recordStore().find(superusers, "aaaaaaaaaaaaaaa").orElseThrow();
            assertEquals(Boolean.TRUE, back.get("verified"));
            assertEquals(Boolean.FALSE, back.get("emailVisibility"));
        }
        assertTrue(Files.exists(dir.resolve("data.db")));
        assertTrue(Files.exists(dir.resolve("auxiliary.db")));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"))) {
            // v0.39's eight system migrations, all recorded in data.db (PbDataSchemaIT compares the whole schema)
            assertEquals(8, FixtureDataDirIT.count(c, "SELECT COUNT(*) FROM _migrations"));
            assertEquals(1, FixtureDataDirIT.count(c,
                    "SELECT COUNT(*) FROM _migrations WHERE file = '1640988000_init.go'"));
            assertEquals(6, FixtureDataDirIT.count(c, "SELECT COUNT(*) FROM _collections"));
            assertEquals(1, FixtureDataDirIT.count(c,
                    "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = '_superusers'"
                            + " AND name LIKE 'idx_email_%'"));
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("auxiliary.db"))) {
            assertEquals(0, FixtureDataDirIT.count(c, "SELECT COUNT(*) FROM _logs"));
            // upstream keeps no migrations table in auxiliary.db
            assertEquals(0, FixtureDataDirIT.count(c,
                    "SELECT COUNT(*) FROM sqlite_master WHERE name = '_migrations'"));
        }

        // Reopening finds the same collections and does not initialise again.
        try (SqliteAdapter again = SqliteAdapter.open(dir, TestDirs.CLOCK)) {
            assertEquals(6, again.collectionStore().all().size());
            Collection superusers = again.collectionStore().find("pbc_3142635823").orElseThrow();
            assertTrue(again.recordStore().find(superusers, "aaaaaaaaaaaaaaa").isPresent());
        }
    }
}
