package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.port.out.SettingsStore;
import dev.locket.application.port.out.SettingsStoreContract;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code _params} settings row: the store contract on a real data directory, and PocketBase's
 * encryption at rest ({@code --encryptionEnv}) in both directions.
 */
class SqliteSettingsStoreIT extends SettingsStoreContract {
    private static final String KEY = "0123456789abcdef0123456789ABCDEF";
    private static final String JSON = "{\"meta\":{\"appName\":\"secret app\"},\"smtp\":{\"password\":\"hunter2\"}}";

    @TempDir
    Path tmp;

    private final List<SqliteAdapter> open = new ArrayList<>();
    private int dirs;

    @AfterEach
    void closeAll() {
        open.forEach(SqliteAdapter::close);
    }

    private SqliteAdapter adapter(Path dir, SettingsKey key) {
        SqliteAdapter a = SqliteAdapter.open(dir, TestDirs.CLOCK, key);
        open.add(a);
        return a;
    }

    private static SettingsKey key(String value) {
        return new SettingsKey("PB_SETTINGS_KEY", Optional.of(value));
    }

    @Override
    protected SettingsStore emptyStore() {
        return adapter(tmp.resolve("contract" + dirs++), SettingsKey.none()).settingsStore();
    }

    private static String rawValue(Path dir) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
             ResultSet rs = c.createStatement().executeQuery("SELECT value FROM _params WHERE id = 'settings'")) {
            assertTrue(rs.next());
            return rs.getString(1);
        }
    }

    private static void writeRawValue(Path dir, String value) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
             PreparedStatement ps = c.prepareStatement("INSERT INTO _params (id, value, created, updated) VALUES"
                     + " ('settings', ?, '', '') ON CONFLICT(id) DO UPDATE SET value = excluded.value")) {
            ps.setString(1, value);
            ps.executeUpdate();
        }
    }

    @Test
    void aDocumentOutlivesTheAdapter() {
        Path dir = tmp.resolve("reopen");
        adapter(dir, SettingsKey.none()).settingsStore().save(JSON);
        open.removeFirst().close();
        assertEquals(Optional.of(JSON), adapter(dir, SettingsKey.none()).settingsStore().load());
    }

    @Test
    void withAKeyTheRowHoldsPocketBasesEncryptionAndReadsBack() throws Exception {
        Path dir = tmp.resolve("encrypted");
        SettingsStore store = adapter(dir, key(KEY)).settingsStore();
        store.save(JSON);
        assertEquals(Optional.of(JSON), store.load());

        // PocketBase's layout, opened here with the JDK's AES-GCM directly: base64(nonce[12] ‖ ciphertext ‖ tag[16])
        String raw = rawValue(dir);
        assertFalse(raw.contains("hunter2"));
        byte[] all = Base64.getDecoder().decode(raw);
        assertEquals(12 + JSON.getBytes(StandardCharsets.UTF_8).length + 16, all.length);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, Arrays.copyOf(all, 12)));
        assertEquals(JSON, new String(gcm.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8));

        store.save(JSON);
        assertFalse(raw.equals(rawValue(dir)), "every save draws a new nonce");
    }

    @Test
    void aValueEncryptedAsPocketBaseDoesIsDecrypted() throws Exception {
        // The published AES-256-GCM known answer (GCM spec, test case 14): zero key, zero 96-bit IV, one zero
        // block. Laid out as PocketBase stores it, base64(IV ‖ ciphertext ‖ tag), it must decrypt to 16 NULs.
        HexFormat hex = HexFormat.of();
        byte[] iv = new byte[12];
        byte[] ciphertext = hex.parseHex("cea7403d4d606b6e074ec5d3baf39d18");
        byte[] tag = hex.parseHex("d0d1c8a799996bf0265b98b5d48ab919");
        byte[] stored = new byte[iv.length + ciphertext.length + tag.length];
        System.arraycopy(ciphertext, 0, stored, iv.length, ciphertext.length);
        System.arraycopy(tag, 0, stored, iv.length + ciphertext.length, tag.length);
        Path dir = tmp.resolve("pocketbase");
        adapter(dir, SettingsKey.none());
        open.removeFirst().close();
        writeRawValue(dir, Base64.getEncoder().encodeToString(stored));

        String zeroKey = "\0".repeat(32);
        String plain = adapter(dir, key(zeroKey)).settingsStore().load().orElseThrow();
        assertArrayEquals(new byte[16], plain.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void encryptedSettingsWithoutTheKeyOrWithAnotherKeyDoNotOpen() {
        Path dir = tmp.resolve("locked");
        adapter(dir, key(KEY)).settingsStore().save(JSON);
        open.removeFirst().close();

        IllegalStateException noKey = assertThrows(IllegalStateException.class,
                () -> adapter(dir, new SettingsKey("PB_SETTINGS_KEY", Optional.empty())).settingsStore().load());
        assertEquals("invalid settings db data or missing encryption key \"PB_SETTINGS_KEY\"", noKey.getMessage());
        IllegalStateException wrongKey = assertThrows(IllegalStateException.class,
                () -> adapter(dir, key("another key of 32 characters!!!!")).settingsStore().load());
        assertTrue(wrongKey.getMessage().contains("PB_SETTINGS_KEY"), wrongKey.getMessage());
    }

    @Test
    void plainSettingsStillOpenWithAKeyAndTheNextSaveEncryptsThem() throws Exception {
        Path dir = tmp.resolve("plain-then-key");
        adapter(dir, SettingsKey.none()).settingsStore().save(JSON);
        open.removeFirst().close();
        SettingsStore store = adapter(dir, key(KEY)).settingsStore();
        assertEquals(Optional.of(JSON), store.load());
        store.save(JSON);
        assertFalse(rawValue(dir).startsWith("{"));
        assertEquals(Optional.of(JSON), store.load());
    }

    @Test
    void keysMustFitAes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> key("too short"));
        assertTrue(e.getMessage().contains("PB_SETTINGS_KEY"), e.getMessage());
        assertTrue(new SettingsKey("X", Optional.of("")).key().isEmpty(), "an empty variable means no encryption");
        assertTrue(SettingsKey.fromEnv("").key().isEmpty());
    }
}
