package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.LocketConfig;
import dev.locket.adapters.sqlite.SettingsKey;
import dev.locket.application.hook.Hooks;
import dev.locket.domain.settings.MetaConfig;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --encryptionEnv}: the PocketBase fixture with its settings encrypted the way PocketBase
 * encrypts them opens with the key, and what Locket saves stays in that format.
 */
class EncryptedSettingsIT {
    private static final String KEY = "an-example-key-of-32-characters!";
    private static final SettingsKey SETTINGS_KEY = new SettingsKey("PB_ENCRYPTION_KEY", Optional.of(KEY));

    @TempDir
    Path tmp;

    /** PocketBase's Encrypt: AES-256-GCM, random 12-byte nonce, base64 (standard) of nonce ‖ ciphertext ‖ tag. */
    private static String encryptAsPocketBase(String plain) throws Exception {
        byte[] nonce = new byte[12];
        new SecureRandom().nextBytes(nonce);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, nonce));
        byte[] sealed = gcm.doFinal(plain.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(nonce, nonce.length + sealed.length);
        System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
        return Base64.getEncoder().encodeToString(out);
    }

    private static String decryptAsPocketBase(String stored) throws Exception {
        byte[] all = Base64.getDecoder().decode(stored);
        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(KEY.getBytes(StandardCharsets.UTF_8), "AES"),
                new GCMParameterSpec(128, all, 0, 12));
        return new String(gcm.doFinal(all, 12, all.length - 12), StandardCharsets.UTF_8);
    }

    private static Connection db(Path dir) throws Exception {
        return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
    }

    private static String storedSettings(Path dir) throws Exception {
        try (Connection c = db(dir);
             ResultSet rs = c.createStatement().executeQuery("SELECT value FROM _params WHERE id = 'settings'")) {
            assertTrue(rs.next());
            Object v = rs.getObject(1);
            return v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : v.toString();
        }
    }

    /** A copy of the fixture whose settings row PocketBase would have written with the key set. */
    private Path encryptedFixture() throws Exception {
        Path dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        String plain = storedSettings(dir);
        try (Connection c = db(dir); PreparedStatement ps = c.prepareStatement(
                "UPDATE _params SET value = ? WHERE id = 'settings'")) {
            ps.setString(1, encryptAsPocketBase(plain));
            assertEquals(1, ps.executeUpdate());
        }
        return dir;
    }

    @Test
    void pocketBaseEncryptedSettingsOpenWithTheKeyAndSavesStayEncrypted() throws Exception {
        Path dir = encryptedFixture();
        try (Assembly a = Assembly.open(dir, new Hooks(), LocketConfig.defaults(), SETTINGS_KEY)) {
            assertEquals("acme_test", a.admin().settings().current().meta().appName());
            assertTrue(a.admin().settings().current().batch().enabled());
            a.admin().settings().save(s -> s.withMeta(new MetaConfig(s.meta().accentColor(), "renamed",
                    s.meta().appURL(), s.meta().senderName(), s.meta().senderAddress(), false)));
        }
        String stored = storedSettings(dir);
        assertFalse(stored.contains("renamed"), "the row is not plain JSON");
        String plain = decryptAsPocketBase(stored);
        assertTrue(plain.startsWith("{\"superuserIPs\":[],\"smtp\":{"), plain);
        assertTrue(plain.contains("\"appName\":\"renamed\""), plain);

        try (Assembly again = Assembly.open(dir, new Hooks(), LocketConfig.defaults(), SETTINGS_KEY)) {
            assertEquals("renamed", again.admin().settings().current().meta().appName());
        }
    }

    @Test
    void theJarServesAnEncryptedDataDirectoryWithEncryptionEnv() throws Exception {
        Path dir = encryptedFixture();
        String token = LocketProcess.fixtureSuperuserToken(dir, "authToken", "{\"id\":\"sywbhecnh46rhm0\","
                + "\"type\":\"auth\",\"collectionId\":\"pbc_3142635823\",\"exp\":4102444800,"
                + "\"refreshable\":true}");
        try (LocketProcess server = LocketProcess.serve(dir, LocketProcess.freePort(),
                Map.of("PB_ENCRYPTION_KEY", KEY), "--encryptionEnv", "PB_ENCRYPTION_KEY")) {
            HttpResponse<String> settings = LocketProcess.get(server.baseUrl() + "/api/settings", token);
            assertEquals(200, settings.statusCode(), settings.body());
            assertTrue(settings.body().contains("\"appName\":\"acme_test\""), settings.body());
        }

        LocketProcess.Result refused = LocketProcess.run(tmp, "serve", "--http", "127.0.0.1:"
                + LocketProcess.freePort(), "--dir", dir.toString(), "--encryptionEnv", "PB_UNSET_KEY_VARIABLE");
        assertTrue(refused.exitCode() != 0, refused.output());
        assertTrue(refused.output().contains("invalid settings db data or missing encryption key"
                + " \"PB_UNSET_KEY_VARIABLE\""), refused.output());
    }

    @Test
    void withoutTheKeyEncryptedSettingsAreRefusedWithUpstreamsMessage() throws Exception {
        Path dir = encryptedFixture();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Assembly.open(dir, new Hooks(),
                LocketConfig.defaults(), new SettingsKey("PB_ENCRYPTION_KEY", Optional.empty())).close());
        assertEquals("invalid settings db data or missing encryption key \"PB_ENCRYPTION_KEY\"", e.getMessage());
    }
}
