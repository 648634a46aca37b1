package dev.locket.adapters.sqlite;

import dev.locket.application.port.out.SettingsStore;
import dev.locket.domain.record.DateTimes;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Map;

/** The {@code settings} row of {@code _params}: plain JSON, as PocketBase keeps it without an encryption key. */
final class SqliteSettingsStore implements SettingsStore {
    private final SqliteDatabase db;
    private final JsonText json;
    private final Clock clock;
    /**
     * The key named by {@code --encryptionEnv} ("" for none). Upstream encrypts the stored settings with it;
     * until that encryption is implemented here the key is only carried, and the row is read and written as JSON.
     */
    private final String encryptionKey;

    SqliteSettingsStore(SqliteDatabase db, JsonText json, Clock clock) {
        this(db, json, clock, "");
    }

    SqliteSettingsStore(SqliteDatabase db, JsonText json, Clock clock, String encryptionKey) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.encryptionKey = encryptionKey;
    }

    /** Whether {@code --encryptionEnv} named a key (the settings encryption reads it). */
    boolean hasEncryptionKey() {
        return !encryptionKey.isEmpty();
    }

    @Override
    public Map<String, Object> load() {
        String stored = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM _params WHERE id = 'settings'");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Object v = rs.getObject(1);
                // PocketBase writes the value as a BLOB; Locket writes text. Both hold JSON.
                return v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v == null ? null : v.toString();
            }
        });
        if (stored == null || stored.isBlank() || stored.strip().equals("null")) {
            return defaults(json);
        }
        return json.parseObject(stored);
    }

    @Override
    public void save(Map<String, Object> settings) {
        String now = DateTimes.format(clock.instant());
        String value = json.write(settings);
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO _params (id, value, created, updated)"
                    + " VALUES ('settings', ?, ?, ?) ON CONFLICT(id) DO UPDATE SET value = excluded.value,"
                    + " updated = excluded.updated")) {
                ps.setString(1, value);
                ps.setString(2, now);
                ps.setString(3, now);
                return ps.executeUpdate();
            }
        });
    }

    /** PocketBase's default settings of a fresh data directory. */
    static Map<String, Object> defaults(JsonText json) {
        try (InputStream in = SqliteSettingsStore.class.getResourceAsStream("default-settings.json")) {
            if (in == null) {
                throw new IllegalStateException("default-settings.json missing from the jar");
            }
            return json.parseObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
