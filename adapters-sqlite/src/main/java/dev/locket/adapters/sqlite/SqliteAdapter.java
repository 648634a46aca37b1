package dev.locket.adapters.sqlite;

import dev.locket.application.port.out.BackupStore;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.DataArchive;
import dev.locket.application.port.out.LogStore;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.SettingsStore;
import dev.locket.application.port.out.SqlConsole;
import dev.locket.application.port.out.Transactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The SQLite persistence adapter over a PocketBase-compatible data directory ({@code data.db},
 * {@code auxiliary.db}); hands out the store and transaction ports.
 */
public final class SqliteAdapter implements AutoCloseable {
    private static final int READ_POOL_SIZE = 4;
    private static final int AUX_READ_POOL_SIZE = 2;

    private final SqliteDatabase db;
    private final SqliteCollectionStore collections;
    private final SqliteRecordStore records;
    private final SqliteSettingsStore settings;
    private final SqliteDatabase aux;
    private final SqliteLogStore logs;
    private final Path dataDir;

    private SqliteAdapter(SqliteDatabase db, SqliteCollectionStore collections, SqliteRecordStore records,
                          SqliteSettingsStore settings, SqliteDatabase aux, SqliteLogStore logs, Path dataDir) {
        this.db = db;
        this.collections = collections;
        this.records = records;
        this.settings = settings;
        this.aux = aux;
        this.logs = logs;
        this.dataDir = dataDir;
    }

    /**
     * How the data directory is opened: the budget of one read query ({@code --queryTimeout}), whether
     * every SQL statement is logged ({@code --dev}), and the key that encrypts the stored settings
     * ({@code --encryptionEnv}).
     */
    public record Options(Duration queryTimeout, boolean logSql, SettingsKey settingsKey) {
        public Options {
            queryTimeout = queryTimeout == null || queryTimeout.isZero() || queryTimeout.isNegative()
                    ? SqliteDatabase.DEFAULT_QUERY_TIMEOUT : queryTimeout;
            settingsKey = settingsKey == null ? SettingsKey.none() : settingsKey;
        }

        public static Options defaults() {
            return new Options(SqliteDatabase.DEFAULT_QUERY_TIMEOUT, false, SettingsKey.none());
        }
    }

    /** {@link #open(Path, Clock, Options)} with the defaults (settings stored unencrypted). */
    public static SqliteAdapter open(Path dataDir, Clock clock) {
        return open(dataDir, clock, Options.defaults());
    }

    /** {@link #open(Path, Clock, Options)} with the default query budget. */
    public static SqliteAdapter open(Path dataDir, Clock clock, SettingsKey settingsKey) {
        return open(dataDir, clock, new Options(SqliteDatabase.DEFAULT_QUERY_TIMEOUT, false, settingsKey));
    }

    /**
     * Opens (creating if needed) the data directory. A fresh directory gets PocketBase's internal
     * tables and system collections (its settings row is written by whoever first saves settings);
     * an existing one is opened as it is.
     *
     * @throws UnsupportedDataDir when the directory holds data Locket cannot open (nothing is changed then)
     */
    public static SqliteAdapter open(Path dataDir, Clock clock, Options options) {
        NativeLibrary.prepare();
        DataDirCheck.refuseUnsupported(dataDir);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create data dir " + dataDir, e);
        }
        wipeTempDir(dataDir.resolve(DataDirArchive.TEMP_DIR));
        SqliteDatabase.Connector connector = options.logSql() ? SqlLog::connect : SqliteDatabase.PLAIN;
        SqliteDatabase db = SqliteDatabase.open(dataDir.resolve("data.db"), READ_POOL_SIZE, options.queryTimeout(),
                connector);
        try {
            JsonText json = new JsonText();
            SqliteCollectionStore collections = new SqliteCollectionStore(db, json);
            SqliteSettingsStore settings = new SqliteSettingsStore(db, json, clock, options.settingsKey());
            if (FreshDataDir.needsInit(db)) {
                FreshDataDir.initMain(db, collections, clock);
            }
            FreshDataDir.initAuxiliary(dataDir.resolve("auxiliary.db"), clock);
            collections.load();
            SqliteRecordStore records = new SqliteRecordStore(db, new Columns(json), collections, clock);
            SqliteDatabase aux = SqliteDatabase.open(dataDir.resolve("auxiliary.db"), AUX_READ_POOL_SIZE,
                    options.queryTimeout(), SqliteDatabase.PLAIN);
            return new SqliteAdapter(db, collections, records, settings, aux, new SqliteLogStore(aux, json, clock),
                    dataDir);
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    public RecordStore recordStore() {
        return records;
    }

    public CollectionStore collectionStore() {
        return collections;
    }

    public SettingsStore settingsStore() {
        return settings;
    }

    public Transactions transactions() {
        return db;
    }

    /** The server logs ({@code _logs} of auxiliary.db). */
    public LogStore logStore() {
        return logs;
    }

    /** Backups kept in {@code <dataDir>/backups/}. */
    public BackupStore backupStore() {
        return new LocalBackupStore(dataDir.resolve("backups"));
    }

    /** The data directory as a zip archive (backup contents, restore). */
    public DataArchive dataArchive() {
        return new DataDirArchive(dataDir, db, aux);
    }

    /** Upstream wipes {@code .pb_temp_to_delete/} (say a previous restore's old files) on every start. */
    private static void wipeTempDir(Path dir) {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            System.getLogger(SqliteAdapter.class.getName()).log(System.Logger.Level.WARNING,
                    "cannot wipe " + dir, e);
        }
    }

    /** The names in {@code _migrations} of data.db (upstream records applied JS migrations there too). */
    public Set<String> appliedMigrations() {
        return db.read(c -> {
            Set<String> out = new LinkedHashSet<>();
            try (java.sql.Statement st = c.createStatement();
                 java.sql.ResultSet rs = st.executeQuery("SELECT file FROM _migrations")) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Records migration {@code file} as applied now (upstream stores Unix microseconds). */
    public void recordMigration(String file, long appliedMicros) {
        db.write(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement(
                    "INSERT OR REPLACE INTO _migrations (file, applied) VALUES (?, ?)")) {
                ps.setString(1, file);
                ps.setLong(2, appliedMicros);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Drops the {@code _migrations} row of {@code file} (after a revert, or by {@code migrate history-sync}). */
    public void forgetMigration(String file) {
        db.write(c -> {
            try (java.sql.PreparedStatement ps = c.prepareStatement("DELETE FROM _migrations WHERE file = ?")) {
                ps.setString(1, file);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * The last {@code limit} applied migrations, newest first; as upstream, seconds and microseconds in
     * {@code applied} compare alike (old rows hold seconds) and ties go to the later file name.
     */
    public List<String> lastAppliedMigrations(int limit) {
        return db.read(c -> {
            List<String> out = new ArrayList<>();
            try (java.sql.PreparedStatement ps = c.prepareStatement("SELECT file FROM _migrations"
                    + " ORDER BY substr(applied||'0000000000000000', 0, 17) DESC, file DESC LIMIT ?")) {
                ps.setInt(1, limit);
                try (java.sql.ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getString(1));
                    }
                }
            }
            return out;
        });
    }

    /** The superuser SQL console over data.db. */
    public SqlConsole sqlConsole() {
        return new SqliteSqlConsole(db);
    }

    /** Upstream's daily {@code __pbDBOptimize__}: a WAL checkpoint and SQLite's own {@code PRAGMA optimize}. */
    public void optimize() {
        db.write(c -> {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("PRAGMA optimize");
            }
            return null;
        });
        db.read(c -> {
            try (java.sql.Statement st = c.createStatement()) {
                st.execute("PRAGMA wal_checkpoint(TRUNCATE)");
            }
            return null;
        });
    }

    /** Checkpoints the WAL and closes every connection. */
    @Override
    public void close() {
        aux.close();
        db.close();
    }
}
