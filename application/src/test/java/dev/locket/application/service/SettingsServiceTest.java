package dev.locket.application.service;

import static dev.locket.application.fake.Fixtures.authRecord;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.application.fake.Fixtures;
import dev.locket.application.fake.InMemorySettingsStore;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.rule.RequestInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsServiceTest {
    private final RequestInfo root = RequestInfo.superuser(
            authRecord(Fixtures.superusers(), "root00000000000", "root@example.com", "hashed:x"));
    private final RequestInfo alice = RequestInfo.superuser(
            authRecord(Fixtures.users(), "alice0000000000", "alice@example.com", "hashed:x"));
    private final InMemorySettingsStore store = new InMemorySettingsStore(Map.of());
    private final SettingsService service = new SettingsService(store);

    @Test
    void freshSettingsHaveUpstreamDefaultsInGoStructOrder() {
        Map<String, Object> s = service.read(root);
        assertEquals(List.of("superuserIPs", "smtp", "backups", "s3", "meta", "rateLimits", "trustedProxy", "batch",
                "logs"), new ArrayList<>(s.keySet()));
        assertEquals("Acme", at(s, "meta", "appName"));
        assertEquals("#1055c9", at(s, "meta", "accentColor"));
        assertEquals(587L, at(s, "smtp", "port"));
        assertEquals(3L, at(s, "backups", "cronMaxKeep"));
        assertEquals(true, at(s, "logs", "logIP"));
        assertEquals(50L, at(s, "batch", "maxRequests"));
        List<?> rules = (List<?>) at(s, "rateLimits", "rules");
        assertEquals(4, rules.size());
        assertEquals(Map.of("label", "*:auth", "audience", "", "duration", 3L, "maxRequests", 2L), rules.getFirst());
    }

    @Test
    void onlySuperusersMayReadOrUpdate() {
        assertThrows(Unauthorized.class, () -> service.read(RequestInfo.guest()));
        assertThrows(Forbidden.class, () -> service.read(alice));
        assertThrows(Unauthorized.class, () -> service.update(Map.of(), RequestInfo.guest()));
        assertThrows(Forbidden.class, () -> service.update(Map.of("meta", Map.of("appName", "x")), alice));
        assertEquals("Acme", at(service.current(), "meta", "appName"));
    }

    @Test
    void secretsAreStoredAndCachedButNeverAnswered() {
        Map<String, Object> answer = service.update(Map.of(
                "smtp", Map.of("password", "smtp-pass"),
                "s3", Map.of("secret", "s3-secret"),
                "backups", Map.of("s3", Map.of("secret", "b-secret"))), root);
        assertFalse(((Map<?, ?>) answer.get("smtp")).containsKey("password"));
        assertFalse(((Map<?, ?>) answer.get("s3")).containsKey("secret"));
        assertFalse(((Map<?, ?>) at(answer, "backups", "s3")).containsKey("secret"));
        assertFalse(((Map<?, ?>) service.read(root).get("smtp")).containsKey("password"));
        assertEquals("smtp-pass", at(service.current(), "smtp", "password"));
        assertEquals("s3-secret", at(store.load(), "s3", "secret"));
        assertEquals("b-secret", at(service.current(), "backups", "s3", "secret"));

        // A later patch without the secrets keeps them; "" clears one.
        service.update(Map.of("meta", Map.of("appName", "Other"), "s3", Map.of("secret", "")), root);
        assertEquals("smtp-pass", at(service.current(), "smtp", "password"));
        assertEquals("", at(service.current(), "s3", "secret"));
        assertEquals("Other", at(store.load(), "meta", "appName"));
    }

    @Test
    void patchMergesObjectsAndReplacesArrays() {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("meta", Map.of("appName", "New"));
        patch.put("rateLimits", Map.of("rules", List.of(Map.of("label", "users:create", "duration", 7,
                "maxRequests", 9))));
        patch.put("unknownKey", 1);
        Map<String, Object> s = service.update(patch, root);
        assertEquals("New", at(s, "meta", "appName"));
        assertEquals("http://localhost:8090", at(s, "meta", "appURL"));
        assertEquals(List.of(Map.of("label", "users:create", "audience", "", "duration", 7L, "maxRequests", 9L)),
                at(s, "rateLimits", "rules"));
        assertFalse(s.containsKey("unknownKey"));
    }

    @Test
    void nullKeepsScalarsAndEmptiesArrays() {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("appName", null);
        Map<String, Object> proxy = new LinkedHashMap<>();
        proxy.put("headers", null);
        Map<String, Object> s = service.update(Map.of("meta", meta, "trustedProxy", proxy), root);
        assertEquals("Acme", at(s, "meta", "appName"));
        assertEquals(List.of(), at(s, "trustedProxy", "headers"));
    }

    @Test
    void valuesOfTheWrongJsonTypeMakeTheBodyUnreadable() {
        BadRequest e = assertThrows(BadRequest.class,
                () -> service.update(Map.of("meta", Map.of("appName", 5)), root));
        assertEquals("An error occurred while loading the submitted data.", e.getMessage());
        assertThrows(BadRequest.class, () -> service.update(Map.of("batch", Map.of("timeout", 1.5)), root));
        assertThrows(BadRequest.class, () -> service.update(Map.of("smtp", "x"), root));
        assertEquals("Acme", at(service.current(), "meta", "appName"));
    }

    @Test
    void invalidValuesAnswerNestedFieldErrorsAndChangeNothing() {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("meta", Map.of("appName", "", "appURL", "not a url", "senderAddress", "nope"));
        patch.put("smtp", Map.of("enabled", true, "host", "", "authMethod", "CRAM"));
        patch.put("s3", Map.of("enabled", true, "endpoint", "http://s3.local"));
        patch.put("batch", Map.of("maxBodySize", -1));
        patch.put("logs", Map.of("maxDays", -2));
        patch.put("backups", Map.of("cron", "61 * * * *"));
        patch.put("superuserIPs", List.of("10.0.0.0/8", "", "nope"));
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> service.update(patch, root));
        assertEquals("An error occurred while saving the new settings.", e.getMessage());
        Map<String, ErrorNode> errors = e.errors();
        assertEquals(List.of("backups", "batch", "logs", "meta", "s3", "smtp", "superuserIPs"),
                new ArrayList<>(errors.keySet()));
        assertEquals("validation_required", code(errors, "meta", "appName"));
        assertEquals("validation_is_url", code(errors, "meta", "appURL"));
        assertEquals("validation_is_email", code(errors, "meta", "senderAddress"));
        assertEquals("validation_required", code(errors, "smtp", "host"));
        assertEquals("validation_in_invalid", code(errors, "smtp", "authMethod"));
        assertEquals("validation_required", code(errors, "s3", "bucket"));
        assertEquals("validation_required", code(errors, "s3", "secret"));
        assertEquals("validation_min_greater_equal_than_required", code(errors, "batch", "maxBodySize"));
        assertEquals("validation_min_greater_equal_than_required", code(errors, "logs", "maxDays"));
        assertEquals("validation_invalid_cron", code(errors, "backups", "cron"));
        assertEquals("validation_required", code(errors, "superuserIPs", "1"));
        assertEquals("validation_invlaid_ip_or_subnet", code(errors, "superuserIPs", "2"));
        assertEquals("Acme", at(service.current(), "meta", "appName"));
    }

    @Test
    void rateLimitRulesAreCheckedForLabelsAudiencesLimitsAndConflicts() {
        ValidationFailed bad = assertThrows(ValidationFailed.class, () -> service.update(Map.of("rateLimits",
                Map.of("rules", List.of(Map.of("label", "not valid!", "audience", "@who", "duration", 0,
                        "maxRequests", -3)))), root));
        assertEquals("validation_match_invalid", code(bad.errors(), "rateLimits", "rules", "0", "label"));
        assertEquals("validation_in_invalid", code(bad.errors(), "rateLimits", "rules", "0", "audience"));
        assertEquals("validation_required", code(bad.errors(), "rateLimits", "rules", "0", "duration"));
        assertEquals("validation_min_greater_equal_than_required",
                code(bad.errors(), "rateLimits", "rules", "0", "maxRequests"));

        ValidationFailed conflict = assertThrows(ValidationFailed.class, () -> service.update(Map.of("rateLimits",
                Map.of("rules", List.of(rule("/api/", "@guest"), rule("/api/", "@auth"), rule("/api/", "")))), root));
        FieldError error = (FieldError) node(conflict.errors(), "rateLimits", "rules", "2", "label");
        assertEquals("validation_conflicting_rate_limit_rule", error.code());
        assertTrue(error.message().contains("/api/"));

        ValidationFailed empty = assertThrows(ValidationFailed.class, () -> service.update(Map.of("rateLimits",
                Map.of("enabled", true, "rules", List.of())), root));
        assertEquals("validation_required", code(empty.errors(), "rateLimits", "rules"));

        // One label for guests and one for authenticated users is fine; so are all label formats.
        service.update(Map.of("rateLimits", Map.of("enabled", true, "rules", List.of(rule("/api/", "@guest"),
                rule("/api/", "@auth"), rule("POST /api/collections/", ""), rule("users:auth", ""),
                rule("*:create", ""), rule("mytag", "")))), root);
        assertEquals(true, at(service.current(), "rateLimits", "enabled"));
    }

    @Test
    void listenersHearEverySaveWithTheNewSettings() {
        List<Object> seen = new ArrayList<>();
        service.onChange(s -> seen.add(at(s, "logs", "maxDays")));
        service.onChange(s -> {
            throw new IllegalStateException("a broken listener does not fail the save");
        });
        service.update(Map.of("logs", Map.of("maxDays", 9)), root);
        assertThrows(ValidationFailed.class, () -> service.update(Map.of("logs", Map.of("maxDays", -1)), root));
        assertEquals(List.of(9L), seen);
    }

    @Test
    void storedSettingsMissingKeysAreCompletedAndTheStoreViewServesTheCache() {
        Map<String, Object> stored = new LinkedHashMap<>();
        stored.put("meta", Map.of("appName", "acme_test"));
        stored.put("batch", Map.of("enabled", true, "timeout", 5));
        SettingsService fromOld = new SettingsService(new InMemorySettingsStore(stored));
        assertEquals("acme_test", at(fromOld.current(), "meta", "appName"));
        assertEquals("support@example.com", at(fromOld.current(), "meta", "senderAddress"));
        assertEquals(5L, at(fromOld.asStore().load(), "batch", "timeout"));
        assertEquals("", at(fromOld.current(), "s3", "secret"));
    }

    private static Map<String, Object> rule(String label, String audience) {
        return Map.of("label", label, "audience", audience, "duration", 1, "maxRequests", 1);
    }

    private static Object at(Map<?, ?> map, String... path) {
        Object cur = map;
        for (String p : path) {
            cur = ((Map<?, ?>) cur).get(p);
        }
        return cur;
    }

    private static ErrorNode node(Map<String, ErrorNode> errors, String... path) {
        ErrorNode cur = new ErrorGroup(errors);
        for (String p : path) {
            cur = ((ErrorGroup) cur).children().get(p);
        }
        return cur;
    }

    private static String code(Map<String, ErrorNode> errors, String... path) {
        return ((FieldError) node(errors, path)).code();
    }
}
