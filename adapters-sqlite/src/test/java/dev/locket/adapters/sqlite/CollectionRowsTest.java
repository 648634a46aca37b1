package dev.locket.adapters.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.FixtureCollections;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FileField;
import dev.locket.domain.field.GeoPointField;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.SelectField;
import dev.locket.domain.filter.AccessRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The {@code _collections} row format, against the rows PocketBase itself wrote in the fixture. */
class CollectionRowsTest {

    static Stream<Map<String, Object>> fixtureRows() {
        return FixtureCollections.rows().stream();
    }

    @ParameterizedTest(name = "{index}")
    @MethodSource("fixtureRows")
    void everyFixtureRowRoundTrips(Map<String, Object> row) {
        Collection c = CollectionRows.read(row);
        assertEquals(row.get("name"), c.name());
        assertEquals(canonical(upstreamRewrite(row)), canonical(CollectionRows.write(c)), (String) row.get("name"));
        assertEquals(FixtureCollections.read(row), c, "the test reader of the domain agrees");
    }

    @Test
    void readsAuthOptionsOfUsers() {
        AuthCollection users = (AuthCollection) CollectionRows.read(FixtureCollections.row("users"));
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
    void readsTheSystemFlagFromSqliteInteger() {
        assertTrue(CollectionRows.read(FixtureCollections.row("nologin")).system());
        assertTrue(CollectionRows.read(FixtureCollections.row("_superusers")).system());
        assertFalse(CollectionRows.read(FixtureCollections.row("demo1")).system());
    }

    @Test
    void readsEveryFieldTypeOfDemo1() {
        Collection demo1 = CollectionRows.read(FixtureCollections.row("demo1"));
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
    void readsTheViewQueryFromTheOptions() {
        ViewCollection view = (ViewCollection) CollectionRows.read(FixtureCollections.row("numeric_id_view"));
        assertEquals("select (ROW_NUMBER() OVER()) as id, email from clients", view.viewQuery());
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) CollectionRows.write(view).get("options");
        assertEquals(Map.of("viewQuery", view.viewQuery()), options);
    }

    @Test
    void storageKeepsSecrets() {
        Map<String, Object> row = CollectionRows.write(CollectionRows.read(FixtureCollections.row("clients")));
        @SuppressWarnings("unchecked")
        Map<String, Object> options = (Map<String, Object>) row.get("options");
        assertEquals(Map.of("secret", "4Ax9zDm2Rwtny81dGaGQrJQBnIx5wVOuNe89X6v7NbNzrAZhvn", "duration", 180L),
                options.get("fileToken"));
    }

    @Test
    void anUnreadableRowFailsWithTheKeyThatIsWrong() {
        Map<String, Object> row = new LinkedHashMap<>(FixtureCollections.row("demo1"));
        row.put("type", "graph");
        ValidationFailed e = assertThrows(ValidationFailed.class, () -> CollectionRows.read(row));
        assertTrue(e.errors().containsKey("type"));
        row.put("type", "base");
        row.put("listRule", 1);
        assertTrue(assertThrows(ValidationFailed.class, () -> CollectionRows.read(row)).errors().containsKey("listRule"));
    }

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
            return l.stream().map(CollectionRowsTest::canonical).toList();
        }
        if (v instanceof Number n) {
            return new BigDecimal(n.toString()).stripTrailingZeros().toPlainString();
        }
        return v;
    }
}
