package dev.locket.domain.collection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.FileField;
import dev.locket.domain.field.GeoPointField;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.SelectField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.json.Json;
import dev.locket.domain.rule.AccessRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CollectionCodecTest {

    static Stream<Map<String, Object>> fixtureRows() {
        return FixtureCollections.rows().stream();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("fixtureRows")
    void everyFixtureRowRoundTripsThroughStorage(Map<String, Object> row) {
        Collection c = CollectionCodec.fromStorage(row);
        assertEquals(row.get("name"), c.name());
        assertEquals(canonical(upstreamRewrite(row)), canonical(CollectionCodec.toStorage(c)), (String) row.get("name"));
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("fixtureRows")
    void everyFixtureCollectionSurvivesApiRoundTripExceptSecrets(Map<String, Object> row) {
        Collection stored = CollectionCodec.fromStorage(row);
        Map<String, Object> api = CollectionCodec.toApi(stored);
        // through text, as the HTTP adapter would see it
        @SuppressWarnings("unchecked")
        Map<String, Object> reparsed = (Map<String, Object>) Json.parse(Json.write(api));
        Collection back = CollectionCodec.fromApi(reparsed);
        assertEquals(stored.fields(), back.fields());
        assertEquals(stored.rules(), back.rules());
        assertEquals(stored.indexes(), back.indexes());
        assertEquals(stored.system(), back.system());
        assertEquals(stored.type(), back.type());
        if (stored instanceof AuthCollection a && back instanceof AuthCollection b) {
            assertEquals(a.auth().authToken().duration(), b.auth().authToken().duration());
            assertEquals("", b.auth().authToken().secret());
            assertEquals(a.auth().passwordAuth(), b.auth().passwordAuth());
            assertEquals(a.auth().authRule(), b.auth().authRule());
            assertEquals(a.auth().manageRule(), b.auth().manageRule());
            assertEquals(a.auth().extra().get("mfa"), b.auth().extra().get("mfa"));
        }
        if (stored instanceof ViewCollection v) {
            assertEquals(v.viewQuery(), ((ViewCollection) back).viewQuery());
        }
    }

    @Test
    void readsAuthOptionsOfUsers() {
        AuthCollection users = (AuthCollection) FixtureCollections.collection("users");
        assertEquals("_pb_users_auth_", users.id());
        assertFalse(users.system());
        assertEquals(AccessRule.PUBLIC, users.auth().authRule());
        assertEquals(AccessRule.LOCKED, users.auth().manageRule());
        assertEquals(List.of("email", "username"), users.auth().passwordAuth().identityFields());
        assertEquals("PjVU4hAV7CZIWbCByJHkDcMUlSEWCLI6M5aWSZOpEq0a3rYxKT", users.auth().authToken().secret());
        assertEquals(1209600, users.auth().authToken().duration());
        assertEquals(180, users.auth().fileToken().duration());
        assertEquals(AccessRule.of("id = @request.auth.id"), users.rules().view());
        FileField avatar = (FileField) users.field("avatar").orElseThrow();
        assertEquals(List.of("70x50", "70x50t", "70x50b", "70x50f", "0x50", "70x0"), avatar.thumbs());
        assertEquals(1, avatar.maxSelect());
    }

    @Test
    void readsSystemFlagFromSqliteInteger() {
        assertTrue(FixtureCollections.collection("nologin").system());
        assertTrue(FixtureCollections.collection("_superusers").system());
        assertFalse(FixtureCollections.collection("demo1").system());
    }

    @Test
    void readsEveryFieldTypeOfDemo1() {
        Collection demo1 = FixtureCollections.collection("demo1");
        List<String> types = demo1.fields().stream().map(Field::type).toList();
        assertEquals(List.of("text", "text", "bool", "url", "select", "select", "file", "file", "number", "email",
                "date", "json", "relation", "relation", "geoPoint", "autodate", "autodate"), types);
        NumberField number = (NumberField) demo1.field("number").orElseThrow();
        assertNull(number.min());
        SelectField many = (SelectField) demo1.field("select_many").orElseThrow();
        assertEquals(3, many.maxSelect());
        RelationField relMany = (RelationField) demo1.field("rel_many").orElseThrow();
        assertTrue(relMany.cascadeDelete());
        assertEquals("_pb_users_auth_", relMany.collectionId());
        assertTrue(((FileField) demo1.field("file_one").orElseThrow()).protectedFiles());
        assertInstanceOf(GeoPointField.class, demo1.field("point").orElseThrow());
    }

    @Test
    void readsViewQuery() {
        ViewCollection view = (ViewCollection) FixtureCollections.collection("numeric_id_view");
        assertEquals("select (ROW_NUMBER() OVER()) as id, email from clients", view.viewQuery());
        assertEquals("view", CollectionCodec.toApi(view).get("type"));
        assertEquals(view.viewQuery(), CollectionCodec.toApi(view).get("viewQuery"));
    }

    @Test
    void apiShapeFlattensOptionsAndHidesSecrets() {
        Map<String, Object> api = CollectionCodec.toApi(FixtureCollections.collection("users"));
        assertEquals(List.of("id", "listRule", "viewRule", "createRule", "updateRule", "deleteRule", "name", "type",
                "fields", "indexes", "created", "updated", "system", "authRule", "manageRule", "authAlert", "oauth2",
                "passwordAuth", "mfa", "otp", "authToken", "passwordResetToken", "emailChangeToken",
                "verificationToken", "fileToken", "verificationTemplate", "resetPasswordTemplate",
                "confirmEmailChangeTemplate"), new ArrayList<>(api.keySet()));
        assertEquals(Map.of("duration", 1209600L), api.get("authToken"));
        String text = Json.write(api);
        assertFalse(text.contains("secret"), text);
        assertFalse(text.contains("clientSecret"));
        assertTrue(text.contains("\"clientId\":\"test1\""));
        assertFalse(api.containsKey("options"));
    }

    @Test
    void apiShowsNullProvidersAsEmptyArray() {
        Map<String, Object> api = CollectionCodec.toApi(FixtureCollections.collection("_superusers"));
        @SuppressWarnings("unchecked")
        Map<String, Object> oauth2 = (Map<String, Object>) api.get("oauth2");
        assertEquals(List.of(), oauth2.get("providers"));
    }

    @Test
    void storageKeepsSecrets() {
        Map<String, Object> row = CollectionCodec.toStorage(FixtureCollections.collection("clients"));
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) row.get("options");
        assertEquals(Map.of("secret", "4Ax9zDm2Rwtny81dGaGQrJQBnIx5wVOuNe89X6v7NbNzrAZhvn", "duration", 180L),
                options.get("fileToken"));
    }

    @Test
    void fieldMapsHavePocketBaseKeysPerType() {
        Collection demo1 = FixtureCollections.collection("demo1");
        assertEquals(List.of("help", "hidden", "id", "max", "min", "name", "onlyInt", "presentable", "required",
                "system", "type"), new ArrayList<>(CollectionCodec.fieldToMap(demo1.field("number").orElseThrow())
                .keySet()));
        assertEquals(List.of("hidden", "id", "name", "onCreate", "onUpdate", "presentable", "system", "type"),
                new ArrayList<>(CollectionCodec.fieldToMap(demo1.field("created").orElseThrow()).keySet()));
        Map<String, Object> editor = CollectionCodec.fieldToMap(CollectionCodec.fieldFromMap(
                Map.of("name", "body", "type", "editor")));
        assertEquals(List.of("convertURLs", "help", "hidden", "id", "maxSize", "name", "presentable", "required",
                "system", "type"), new ArrayList<>(editor.keySet()));
    }

    @Test
    void wholeNumberBoundsAreWrittenWithoutDecimals() {
        NumberField f = new NumberField(new FieldMeta("n1", "n", false, false, false, ""), false, 5.0, 2.5, false);
        Map<String, Object> m = CollectionCodec.fieldToMap(f);
        assertEquals("{\"help\":\"\",\"hidden\":false,\"id\":\"n1\",\"max\":2.5,\"min\":5,\"name\":\"n\","
                + "\"onlyInt\":false,\"presentable\":false,\"required\":false,\"system\":false,\"type\":\"number\"}",
                Json.write(m));
    }

    @Test
    void fromApiFillsTypeDefaults() {
        Collection c = CollectionCodec.fromApi(Map.of("name", "posts", "fields",
                List.of(Map.of("name", "title", "type", "text"), Map.of("name", "tags", "type", "select"))));
        BaseCollection b = assertInstanceOf(BaseCollection.class, c);
        assertEquals(CollectionRules.locked(), b.rules());
        TextField title = (TextField) b.fields().get(0);
        assertEquals(0, title.max());
        assertEquals("", title.meta().id());
        assertEquals(List.of(), ((SelectField) b.fields().get(1)).values());
    }

    @Test
    void fromApiAuthDefaultsAndPartialOptions() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "members");
        body.put("type", "auth");
        body.put("otp", Map.of("enabled", true));
        body.put("authToken", Map.of("duration", 100));
        body.put("manageRule", "id != ''");
        body.put("unknownKey", 1);
        AuthCollection a = (AuthCollection) CollectionCodec.fromApi(body);
        assertEquals(100, a.auth().authToken().duration());
        assertEquals("", a.auth().authToken().secret());
        assertEquals(1800, a.auth().passwordResetToken().duration());
        assertEquals(AccessRule.PUBLIC, a.auth().authRule());
        assertEquals(AccessRule.of("id != ''"), a.auth().manageRule());
        assertEquals(List.of("email"), a.auth().passwordAuth().identityFields());
        @SuppressWarnings("unchecked")
        Map<String, Object> otp = (Map<String, Object>) a.auth().extra().get("otp");
        assertEquals(true, otp.get("enabled"));
        assertEquals(180L, otp.get("duration"));
        assertTrue(otp.containsKey("emailTemplate"));
    }

    @Test
    void fromApiNormalisesProvidersWithEmptySecret() {
        Map<String, Object> body = Map.of("name", "members", "type", "auth", "oauth2",
                Map.of("enabled", true, "providers", List.of(Map.of("name", "google", "clientId", "abc"))));
        AuthCollection a = (AuthCollection) CollectionCodec.fromApi(body);
        @SuppressWarnings("unchecked")
        Map<String, Object> provider = (Map<String, Object>) ((List<Object>) ((Map<String, Object>) a.auth().extra()
                .get("oauth2")).get("providers")).get(0);
        assertEquals("", provider.get("clientSecret"));
        assertEquals("abc", provider.get("clientId"));
        assertTrue(provider.containsKey("pkce"));
    }

    @Test
    void fromApiRejectsFieldsThatAreNotAList() {
        ValidationFailed e = assertThrows(ValidationFailed.class,
                () -> CollectionCodec.fromApi(Map.of("name", "x", "fields", "nope")));
        assertEquals(CollectionCodec.BAD_FORMAT, e.getMessage());
        assertEquals("validation_invalid_value", ((FieldError) e.errors().get("fields")).code());
    }

    @Test
    void fromApiReportsTheBadOptionOfTheBadField() {
        List<Object> fields = List.of(Map.of("name", "a", "type", "text"),
                Map.of("name", "b", "type", "text", "max", "ten"));
        ValidationFailed e = assertThrows(ValidationFailed.class,
                () -> CollectionCodec.fromApi(Map.of("name", "x", "fields", fields)));
        ErrorGroup byIndex = (ErrorGroup) e.errors().get("fields");
        ErrorGroup field = (ErrorGroup) byIndex.children().get("1");
        assertEquals("validation_invalid_value", ((FieldError) field.children().get("max")).code());
    }

    @Test
    void fromApiRejectsUnknownTypes() {
        ValidationFailed e = assertThrows(ValidationFailed.class,
                () -> CollectionCodec.fromApi(Map.of("name", "x", "type", "graph")));
        assertEquals("validation_in_invalid", ((FieldError) e.errors().get("type")).code());
        ValidationFailed f = assertThrows(ValidationFailed.class,
                () -> CollectionCodec.fieldFromMap(Map.of("name", "x", "type", "blob")));
        assertTrue(f.errors().containsKey("type"));
    }

    @Test
    void fromApiRejectsNonStringRules() {
        assertThrows(ValidationFailed.class, () -> CollectionCodec.fromApi(Map.of("name", "x", "listRule", 1)));
    }

    @Test
    void autodateFieldRoundTrips() {
        Field f = CollectionCodec.fieldFromMap(Map.of("name", "created", "type", "autodate", "onCreate", true));
        AutodateField a = assertInstanceOf(AutodateField.class, f);
        assertTrue(a.onCreate());
        assertFalse(a.onUpdate());
        assertEquals(a, CollectionCodec.fieldFromMap(CollectionCodec.fieldToMap(a)));
    }

    // ------------------------------------------------------------ comparison helpers

    /**
     * What PocketBase itself writes back when it re-saves a fixture row: every field that has a
     * {@code help} option gets it (older rows omit it) and SQLite's 0/1 becomes a boolean.
     */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> upstreamRewrite(Map<String, Object> row) {
        Map<String, Object> copy = new LinkedHashMap<>(row);
        copy.put("system", ((Number) row.get("system")).intValue() != 0);
        List<Object> fields = new ArrayList<>();
        for (Object o : (List<Object>) row.get("fields")) {
            Map<String, Object> f = new LinkedHashMap<>((Map<String, Object>) o);
            if (!"autodate".equals(f.get("type"))) {
                f.putIfAbsent("help", "");
            }
            fields.add(f);
        }
        copy.put("fields", fields);
        return copy;
    }

    /** Key order and number spelling do not matter. */
    private static Object canonical(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.TreeMap<>();
            m.forEach((k, val) -> out.put(String.valueOf(k), canonical(val)));
            return out;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(CollectionCodecTest::canonical).toList();
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return v;
    }
}
