package dev.locket.adapters.http.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.adapters.http.json.GoJson;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.settings.RateLimitRule;
import dev.locket.domain.settings.S3Config;
import dev.locket.domain.settings.Secret;
import dev.locket.domain.settings.Settings;
import dev.locket.domain.settings.SmtpConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SettingsJsonTest {
    /** The settings value PocketBase v0.39 stored in the test fixture's data.db (a BLOB of JSON). */
    static final String POCKETBASE_STORED = "{\"superuserIPs\":[],\"smtp\":{\"enabled\":false,\"port\":587,"
            + "\"host\":\"smtp.example.com\",\"username\":\"\",\"password\":\"\",\"authMethod\":\"\",\"tls\":false,"
            + "\"localName\":\"\"},\"backups\":{\"cron\":\"\",\"cronMaxKeep\":0,\"s3\":{\"enabled\":false,"
            + "\"bucket\":\"\",\"region\":\"\",\"endpoint\":\"\",\"accessKey\":\"\",\"forcePathStyle\":false}},"
            + "\"s3\":{\"enabled\":false,\"bucket\":\"\",\"region\":\"\",\"endpoint\":\"\",\"accessKey\":\"\","
            + "\"forcePathStyle\":false},\"meta\":{\"accentColor\":\"#1055c9\",\"appName\":\"acme_test\","
            + "\"appURL\":\"http://localhost:8090\",\"senderName\":\"Support\","
            + "\"senderAddress\":\"support@example.com\",\"hideControls\":false},\"rateLimits\":{\"rules\":["
            + "{\"label\":\"*:auth\",\"audience\":\"\",\"duration\":3,\"maxRequests\":2},{\"label\":\"*:create\","
            + "\"audience\":\"\",\"duration\":5,\"maxRequests\":20},{\"label\":\"/api/batch\",\"audience\":\"\","
            + "\"duration\":1,\"maxRequests\":3},{\"label\":\"/api/\",\"audience\":\"\",\"duration\":10,"
            + "\"maxRequests\":300}],\"excludedIPs\":[],\"enabled\":false},\"trustedProxy\":{\"headers\":[],"
            + "\"useLeftmostIP\":false},\"batch\":{\"enabled\":true,\"maxRequests\":50,\"timeout\":5,"
            + "\"maxBodySize\":0},\"logs\":{\"maxDays\":5,\"minLevel\":0,\"logIP\":false,\"logAuthId\":false}}";

    private final SettingsJson json = new SettingsJson();

    private Settings withSecrets() {
        Settings d = Settings.defaults();
        S3Config s3 = new S3Config(true, "b", "r", "http://s3.test", "key", Secret.of("s3-secret"), true);
        return d.withSmtp(new SmtpConfig(true, 25, "mail.test", "me", Secret.of("smtp-pass"), "LOGIN", false, ""))
                .withS3(s3)
                .withBackups(new dev.locket.domain.settings.BackupsConfig("", 3, s3));
    }

    private static Map<String, Object> obj(Object... kv) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            out.put((String) kv[i], kv[i + 1]);
        }
        return out;
    }

    private static Object at(Map<?, ?> map, String... path) {
        Object cur = map;
        for (String p : path) {
            cur = ((Map<?, ?>) cur).get(p);
        }
        return cur;
    }

    @Test
    void aDocumentPocketBaseStoredReadsAndWritesBackByteForByte() {
        Settings s = json.read(POCKETBASE_STORED);
        assertEquals("acme_test", s.meta().appName());
        assertTrue(s.batch().enabled());
        assertEquals(0, s.backups().cronMaxKeep());
        assertEquals(POCKETBASE_STORED, json.write(s));
    }

    @Test
    void theApiAnswerHasUpstreamsKeysInItsStructOrderAndDefaults() {
        Map<String, Object> api = json.api(Settings.defaults());
        assertEquals(List.of("superuserIPs", "smtp", "backups", "s3", "meta", "rateLimits", "trustedProxy", "batch",
                "logs"), new ArrayList<>(api.keySet()));
        assertEquals("{\"superuserIPs\":[],\"smtp\":{\"enabled\":false,\"port\":587,\"host\":\"smtp.example.com\","
                + "\"username\":\"\",\"authMethod\":\"\",\"tls\":false,\"localName\":\"\"},\"backups\":{\"cron\":\"\","
                + "\"cronMaxKeep\":3,\"s3\":{\"enabled\":false,\"bucket\":\"\",\"region\":\"\",\"endpoint\":\"\","
                + "\"accessKey\":\"\",\"forcePathStyle\":false}},\"s3\":{\"enabled\":false,\"bucket\":\"\","
                + "\"region\":\"\",\"endpoint\":\"\",\"accessKey\":\"\",\"forcePathStyle\":false},\"meta\":{"
                + "\"accentColor\":\"#1055c9\",\"appName\":\"Acme\",\"appURL\":\"http://localhost:8090\","
                + "\"senderName\":\"Support\",\"senderAddress\":\"support@example.com\",\"hideControls\":false},"
                + "\"rateLimits\":{\"rules\":[{\"label\":\"*:auth\",\"audience\":\"\",\"duration\":3,\"maxRequests\":2},"
                + "{\"label\":\"*:create\",\"audience\":\"\",\"duration\":5,\"maxRequests\":20},{\"label\":\"/api/batch\","
                + "\"audience\":\"\",\"duration\":1,\"maxRequests\":3},{\"label\":\"/api/\",\"audience\":\"\","
                + "\"duration\":10,\"maxRequests\":300}],\"excludedIPs\":[],\"enabled\":false},\"trustedProxy\":{"
                + "\"headers\":[],\"useLeftmostIP\":false},\"batch\":{\"enabled\":false,\"maxRequests\":50,"
                + "\"timeout\":3,\"maxBodySize\":0},\"logs\":{\"maxDays\":5,\"minLevel\":0,\"logIP\":true,"
                + "\"logAuthId\":false}}", GoJson.writeString(api));
    }

    @Test
    void secretsAreStoredButNeverAnswered() {
        Map<String, Object> api = json.api(withSecrets());
        assertFalse(((Map<?, ?>) api.get("smtp")).containsKey("password"));
        assertFalse(((Map<?, ?>) api.get("s3")).containsKey("secret"));
        assertFalse(((Map<?, ?>) at(api, "backups", "s3")).containsKey("secret"));
        assertFalse(GoJson.writeString(api).contains("secret\""));

        String stored = json.write(withSecrets());
        assertTrue(stored.contains("\"password\":\"smtp-pass\""), stored);
        assertTrue(stored.contains("\"accessKey\":\"key\",\"secret\":\"s3-secret\",\"forcePathStyle\":true"), stored);
        assertEquals(withSecrets(), json.read(stored));
    }

    @Test
    void aPatchWithoutTheSecretsKeepsThemAndAnEmptyOneClearsIt() {
        Settings patched = json.patch(withSecrets(), obj("meta", obj("appName", "Other"), "s3", obj("secret", "")));
        assertEquals("smtp-pass", patched.smtp().password().value());
        assertEquals("", patched.s3().secret().value());
        assertEquals("s3-secret", patched.backups().s3().secret().value());
        assertEquals("Other", patched.meta().appName());
    }

    @Test
    void aPatchMergesObjectsReplacesArraysAndIgnoresUnknownKeys() {
        Settings s = json.patch(Settings.defaults(), obj(
                "meta", obj("appName", "New"),
                "rateLimits", obj("rules", List.of(obj("label", "users:create", "duration", 7, "maxRequests", 9))),
                "unknownKey", 1));
        assertEquals("New", s.meta().appName());
        assertEquals("http://localhost:8090", s.meta().appURL());
        assertEquals(List.of(new RateLimitRule("users:create", "", 7, 9)), s.rateLimits().rules());
        assertFalse(s.rateLimits().enabled());
    }

    @Test
    void nullKeepsScalarsAndObjectsAndEmptiesArrays() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("appName", null);
        Map<String, Object> proxy = new LinkedHashMap<>();
        proxy.put("headers", null);
        Map<String, Object> body = obj("meta", meta, "trustedProxy", proxy);
        body.put("smtp", null);
        Settings start = Settings.defaults().withTrustedProxy(
                new dev.locket.domain.settings.TrustedProxyConfig(List.of("X-Real-IP"), true));
        Settings s = json.patch(start, body);
        assertEquals("Acme", s.meta().appName());
        assertEquals(List.of(), s.trustedProxy().headers());
        assertTrue(s.trustedProxy().useLeftmostIP());
        assertEquals(start.smtp(), s.smtp());
    }

    @Test
    void arrayElementsStartFromZeroValues() {
        List<Object> rules = new ArrayList<>();
        rules.add(obj("label", "x"));
        rules.add(null);
        List<Object> ips = new ArrayList<>();
        ips.add(null);
        Settings s = json.patch(Settings.defaults(), obj("rateLimits", obj("rules", rules), "superuserIPs", ips));
        assertEquals(List.of(new RateLimitRule("x", "", 0, 0), new RateLimitRule("", "", 0, 0)),
                s.rateLimits().rules());
        assertEquals(List.of(""), s.superuserIPs());
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"meta\":{\"appName\":5}}",
        "{\"batch\":{\"timeout\":1.5}}",
        "{\"batch\":{\"timeout\":2.0}}",
        "{\"batch\":{\"timeout\":\"3\"}}",
        "{\"logs\":{\"maxDays\":99999999999999999999}}",
        "{\"smtp\":\"x\"}",
        "{\"smtp\":{\"enabled\":\"true\"}}",
        "{\"superuserIPs\":\"10.0.0.1\"}",
        "{\"superuserIPs\":[1]}",
        "{\"rateLimits\":{\"rules\":[\"/api/\"]}}"})
    void aValueOfTheWrongJsonTypeMakesTheBodyUnreadable(String body) throws Exception {
        @SuppressWarnings("unchecked")
        Map<String, Object> parsed = (Map<String, Object>) GoJson.read(body);
        BadRequest e = assertThrows(BadRequest.class, () -> json.patch(Settings.defaults(), parsed));
        assertEquals("An error occurred while loading the submitted data.", e.getMessage());
    }

    @Test
    void storedDocumentsMissingKeysGetDefaultsAndValuesOfTheWrongTypeAreIgnored() {
        Settings s = json.read("{\"meta\":{\"appName\":\"acme_test\",\"appURL\":5},\"batch\":{\"enabled\":true,"
                + "\"timeout\":5},\"smtp\":[],\"superuserIPs\":[\"10.0.0.1\",7]}");
        assertEquals("acme_test", s.meta().appName());
        assertEquals("http://localhost:8090", s.meta().appURL());
        assertEquals("support@example.com", s.meta().senderAddress());
        assertEquals(5, s.batch().timeout());
        assertEquals(50, s.batch().maxRequests());
        assertEquals(Settings.defaults().smtp(), s.smtp());
        assertEquals(List.of("10.0.0.1", ""), s.superuserIPs());
        assertEquals("", s.s3().secret().value());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[]", "\"text\"", "null"})
    void aStoredValueThatIsNotAJsonObjectCannotBeRead(String stored) {
        assertThrows(IllegalArgumentException.class, () -> json.read(stored));
    }
}
