package dev.locket.adapters.sqlite;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.SystemCollections;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

/**
 * Lays out a new data directory the way PocketBase v0.39 leaves a fresh one: the internal tables
 * with PocketBase's DDL, its migrations marked as applied (so PocketBase itself would open the
 * directory without migrating), default settings, the system collections and auxiliary.db.
 */
final class FreshDataDir {
    // PocketBase v0.39's own DDL for a new directory (migrations/1640988000_init.go and 1640988000_aux_init.go,
    // the migrations runner's table): a directory upgraded from older versions, like the test fixture, keeps the
    // older shapes of _collections, _params and _logs, which PocketBase reads just as well.
    private static final String NOW = "(strftime('%Y-%m-%d %H:%M:%fZ'))";
    private static final String RANDOM_ID = "TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL";
    private static final String COLLECTIONS_DDL = """
            CREATE TABLE `_collections` (
            \t`id`         %2$s,
            \t`system`     BOOLEAN DEFAULT FALSE NOT NULL,
            \t`type`       TEXT DEFAULT "base" NOT NULL,
            \t`name`       TEXT UNIQUE NOT NULL,
            \t`fields`     JSON DEFAULT "[]" NOT NULL,
            \t`indexes`    JSON DEFAULT "[]" NOT NULL,
            \t`listRule`   TEXT DEFAULT NULL,
            \t`viewRule`   TEXT DEFAULT NULL,
            \t`createRule` TEXT DEFAULT NULL,
            \t`updateRule` TEXT DEFAULT NULL,
            \t`deleteRule` TEXT DEFAULT NULL,
            \t`options`    JSON DEFAULT "{}" NOT NULL,
            \t`created`    TEXT DEFAULT %1$s NOT NULL,
            \t`updated`    TEXT DEFAULT %1$s NOT NULL
            )""".formatted(NOW, RANDOM_ID);
    private static final String PARAMS_DDL = """
            CREATE TABLE `_params` (
            \t`id`      %2$s,
            \t`value`   JSON DEFAULT NULL,
            \t`created` TEXT DEFAULT %1$s NOT NULL,
            \t`updated` TEXT DEFAULT %1$s NOT NULL
            )""".formatted(NOW, RANDOM_ID);
    private static final String MIGRATIONS_DDL =
            "CREATE TABLE `_migrations` (file VARCHAR(255) PRIMARY KEY NOT NULL, applied INTEGER NOT NULL)";
    private static final String LOGS_DDL = """
            CREATE TABLE `_logs` (
            \t`id`      %2$s,
            \t`level`   INTEGER DEFAULT 0 NOT NULL,
            \t`message` TEXT DEFAULT "" NOT NULL,
            \t`data`    JSON DEFAULT "{}" NOT NULL,
            \t`created` TEXT DEFAULT %1$s NOT NULL
            )""".formatted(NOW, RANDOM_ID);
    private static final List<String> LOGS_INDEXES = List.of(
            "CREATE INDEX idx_logs_level on `_logs` (`level`)",
            "CREATE INDEX idx_logs_message on `_logs` (`message`)",
            "CREATE INDEX idx_logs_created_hour on `_logs` (strftime('%Y-%m-%d %H:00:00', `created`))");

    private FreshDataDir() {
    }

    /** Whether data.db still lacks PocketBase's internal tables. */
    static boolean needsInit(SqliteDatabase db) {
        return db.read(c -> {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_collections'")) {
                return !rs.next();
            }
        });
    }

    static void initMain(SqliteDatabase db, SqliteCollectionStore collections, Clock clock) {
        String now = dev.locket.domain.types.DateTimes.format(clock.instant());
        long appliedMicros = clock.instant().toEpochMilli() * 1000;
        db.inTransaction(() -> {
            db.write(c -> {
                SqliteCollectionStore.exec(c, COLLECTIONS_DDL);
                SqliteCollectionStore.exec(c, "CREATE INDEX idx__collections_type on `_collections` (`type`)");
                SqliteCollectionStore.exec(c, PARAMS_DDL);
                SqliteCollectionStore.exec(c, MIGRATIONS_DDL);
                insertMigrations(c, lines("migrations.txt"), appliedMicros);
                return null;
            });
            for (Collection c : SystemCollections.all(now, new SecureRandom())) {
                collections.create(c);
            }
        });
    }

    /**
     * Creates auxiliary.db with {@code _logs} unless it exists (its migration is recorded in data.db, as
     * PocketBase's runner records every system migration there).
     */
    static void initAuxiliary(Path file, Clock clock) {
        if (java.nio.file.Files.exists(file)) {
            return;
        }
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath())) {
            try (Statement st = c.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
            }
            c.setAutoCommit(false);
            SqliteCollectionStore.exec(c, LOGS_DDL);
            for (String ix : LOGS_INDEXES) {
                SqliteCollectionStore.exec(c, ix);
            }
            c.commit();
        } catch (SQLException e) {
            throw new SqlFailure("cannot create " + file, e);
        }
    }

    private static void insertMigrations(Connection c, List<String> names, long applied) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO _migrations (file, applied) VALUES (?, ?)")) {
            for (String name : names) {
                ps.setString(1, name);
                ps.setLong(2, applied);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static List<String> lines(String resource) {
        try (InputStream in = FreshDataDir.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
