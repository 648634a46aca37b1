package dev.locket.adapters.sqlite;

import dev.locket.application.port.out.SettingsStore;
import dev.locket.domain.types.DateTimes;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

/**
 * The {@code settings} row of {@code _params}, stored as upstream stores it: plain JSON, or with an
 * encryption key the base64 of its AES-GCM encryption. Loading follows upstream too: a value that is
 * JSON is used as it is (so a data directory encrypted later still opens), anything else is
 * decrypted, and without a key that is an error naming the variable.
 */
final class SqliteSettingsStore implements SettingsStore {
    private final SqliteDatabase db;
    private final JsonText json;
    private final Clock clock;
    private final SettingsKey key;

    SqliteSettingsStore(SqliteDatabase db, JsonText json, Clock clock, SettingsKey key) {
        this.db = db;
        this.json = json;
        this.clock = clock;
        this.key = key;
    }

    @Override
    public Optional<String> load() {
        String stored = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM _params WHERE id = 'settings'");
                 ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                Object v = rs.getObject(1);
                // PocketBase writes plain JSON as a BLOB and encrypted settings as text; Locket writes text.
                return v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v == null ? null : v.toString();
            }
        });
        if (stored == null || stored.isBlank() || stored.strip().equals("null")) {
            return Optional.empty();
        }
        if (json.isObject(stored)) {
            return Optional.of(stored);
        }
        if (key.key().isEmpty()) {
            throw new IllegalStateException("invalid settings db data or missing encryption key \""
                    + key.envName() + "\"");
        }
        try {
            return Optional.of(new SettingsCipher(key.key().get()).decrypt(stored));
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("cannot decrypt the stored settings with the key in "
                    + key.envName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(String document) {
        String now = DateTimes.format(clock.instant());
        String value = key.key().map(k -> new SettingsCipher(k).encrypt(document)).orElse(document);
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
}
