package dev.locket.domain.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.field.Field;
import dev.locket.domain.field.FileField;
import dev.locket.domain.field.TextField;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SystemCollectionsTest {
    private static final String NOW = "2026-01-01 10:00:00.000Z";

    private static List<Collection> fresh() {
        return SystemCollections.all(NOW, new SplittableRandom(7));
    }

    private static Collection fresh(String name) {
        return fresh().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void createsTheSixCollectionsInUpstreamOrder() {
        List<Collection> all = fresh();
        assertEquals(List.of("_superusers", "users", "_mfas", "_otps", "_externalAuths", "_authOrigins"),
                all.stream().map(Collection::name).toList());
        assertEquals(List.of("pbc_3142635823", "_pb_users_auth_", "pbc_2279338944", "pbc_1638494021",
                "pbc_2281828961", "pbc_4275539003"), all.stream().map(Collection::id).toList());
        assertEquals(List.of(true, false, true, true, true, true), all.stream().map(Collection::system).toList());
        all.forEach(c -> assertEquals(NOW, c.created()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"_superusers", "_mfas", "_externalAuths", "_authOrigins"})
    void fieldsMatchTheFixture(String name) {
        assertEquals(fixtureFields(name), fieldMaps(fresh(name)));
    }

    @Test
    void otpsFieldsMatchTheFixtureApartFromTheLaterAddedSentToPosition() {
        Comparator<Map<String, Object>> byName = Comparator.comparing(m -> (String) m.get("name"));
        List<Map<String, Object>> expected = new ArrayList<>(fixtureFields("_otps"));
        List<Map<String, Object>> actual = new ArrayList<>(fieldMaps(fresh("_otps")));
        expected.sort(byName);
        actual.sort(byName);
        assertEquals(expected, actual);
        // a fresh data dir has sentTo before the timestamps
        assertEquals(List.of("id", "collectionRef", "recordRef", "password", "sentTo", "created", "updated"),
                fresh("_otps").fields().stream().map(Field::name).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"_superusers", "_mfas", "_otps", "_externalAuths", "_authOrigins"})
    void rulesMatchTheFixture(String name) {
        assertEquals(FixtureCollections.collection(name).rules(), fresh(name).rules());
    }

    @Test
    void freshUsersHasTheDefaultFields() {
        AuthCollection users = (AuthCollection) fresh("users");
        assertEquals(List.of("id", "password", "tokenKey", "email", "emailVisibility", "verified", "name", "avatar",
                "created", "updated"), users.fields().stream().map(Field::name).toList());
        assertEquals(255, ((TextField) users.field("name").orElseThrow()).max());
        FileField avatar = (FileField) users.field("avatar").orElseThrow();
        assertEquals(List.of("image/jpeg", "image/png", "image/svg+xml", "image/gif", "image/webp"),
                avatar.mimeTypes());
        assertEquals("file376926767", avatar.id());
        assertFalse(users.field("created").orElseThrow().system());
        assertEquals(AccessRule("id = @request.auth.id"), users.rules().list());
        assertEquals(dev.locket.domain.filter.AccessRule.PUBLIC, users.rules().create());
        assertEquals(List.of("CREATE UNIQUE INDEX `idx_tokenKey__pb_users_auth_` ON `users` (`tokenKey`)",
                "CREATE UNIQUE INDEX `idx_email__pb_users_auth_` ON `users` (`email`) WHERE `email` != ''"),
                users.indexes());
        @SuppressWarnings("unchecked")
        Map<String, Object> mapped = (Map<String, Object>) ((Map<String, Object>) users.auth().extra().get("oauth2"))
                .get("mappedFields");
        assertEquals("name", mapped.get("name"));
        assertEquals("avatar", mapped.get("avatarURL"));
    }

    @Test
    void superusersTokensLastOneDay() {
        AuthCollection su = (AuthCollection) fresh("_superusers");
        assertEquals(86400, su.auth().authToken().duration());
        assertEquals(List.of("email"), su.auth().passwordAuth().identityFields());
        assertEquals(SystemCollections.authIndexes("pbc_3142635823", "_superusers"), su.indexes());
    }

    @Test
    void secretsAreFreshFiftyCharacterAlphanumerics() {
        AuthCollection a = (AuthCollection) fresh("users");
        AuthCollection b = (AuthCollection) SystemCollections.all(NOW, new SplittableRandom(8)).get(1);
        Set<String> secrets = new HashSet<>();
        for (TokenConfig t : List.of(a.auth().authToken(), a.auth().passwordResetToken(),
                a.auth().emailChangeToken(), a.auth().verificationToken(), a.auth().fileToken())) {
            assertTrue(t.secret().matches("[A-Za-z0-9]{50}"), t.secret());
            secrets.add(t.secret());
        }
        assertEquals(5, secrets.size());
        assertNotEquals(a.auth().authToken().secret(), b.auth().authToken().secret());
    }

    @Test
    void defaultAuthOptionsFollowTheSpec() {
        AuthOptions o = SystemCollections.defaultAuthOptions(new SplittableRandom(1));
        assertEquals(432000, o.authToken().duration());
        assertEquals(1800, o.passwordResetToken().duration());
        assertEquals(1800, o.emailChangeToken().duration());
        assertEquals(86400, o.verificationToken().duration());
        assertEquals(180, o.fileToken().duration());
        assertEquals(dev.locket.domain.filter.AccessRule.PUBLIC, o.authRule());
        assertEquals(dev.locket.domain.filter.AccessRule.LOCKED, o.manageRule());
        assertEquals(new PasswordAuth(true, List.of("email")), o.passwordAuth());
        Map<String, Object> written = AuthOptionsCodec.write(o);
        assertEquals(Map.of("enabled", false, "duration", 600L, "rule", ""), written.get("mfa"));
        @SuppressWarnings("unchecked")
        Map<String, Object> alert = (Map<String, Object>) written.get("authAlert");
        assertEquals(true, alert.get("enabled"));
    }

    @Test
    void authDefaultFieldsFollowSpec() {
        List<Field> fields = SystemCollections.authDefaultFields();
        assertEquals(List.of("id", "password", "tokenKey", "email", "emailVisibility", "verified"),
                fields.stream().map(Field::name).toList());
        assertTrue(fields.stream().allMatch(Field::system));
        assertEquals("[a-zA-Z0-9]{50}", ((TextField) fields.get(2)).autogeneratePattern());
        assertEquals("text3208210256", SystemCollections.idField().id());
    }

    @Test
    void longIndexNamesAreCutAt64Characters() {
        String id = "x".repeat(80);
        String idx = SystemCollections.authIndexes(id, "n").get(0);
        String name = idx.substring(idx.indexOf('`') + 1, idx.indexOf('`', idx.indexOf('`') + 1));
        assertEquals(64, name.length());
    }

    private static dev.locket.domain.filter.AccessRule AccessRule(String s) {
        return dev.locket.domain.filter.AccessRule.of(s);
    }

    private static Map<String, Object> longs(Map<String, Object> m) {
        Map<String, Object> out = new LinkedHashMap<>(m);
        out.replaceAll((k, v) -> v instanceof Number n ? (Object) n.longValue() : v);
        return out;
    }

    private static List<Map<String, Object>> fieldMaps(Collection c) {
        return c.fields().stream().map(FieldCodec::write).map(SystemCollectionsTest::longs).toList();
    }

    /**
     * The fixture's field objects as PocketBase v0.39 writes them: {@code help} present, and the tokenKey
     * pattern of current releases (the fixture predates the change from {@code [a-zA-Z0-9_]}).
     */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fixtureFields(String name) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object o : (List<Object>) FixtureCollections.row(name).get("fields")) {
            Map<String, Object> f = new LinkedHashMap<>((Map<String, Object>) o);
            if (!"autodate".equals(f.get("type"))) {
                f.putIfAbsent("help", "");
            }
            if ("tokenKey".equals(f.get("name"))) {
                f.put("autogeneratePattern", "[a-zA-Z0-9]{50}");
            }
            out.add(longs(f));
        }
        return out.stream().map(m -> {
            Map<String, Object> norm = new LinkedHashMap<>();
            new java.util.TreeMap<>(m).forEach(norm::put);
            return norm;
        }).toList();
    }
}
