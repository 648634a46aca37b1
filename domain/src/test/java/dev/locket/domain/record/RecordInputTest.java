package dev.locket.domain.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.FixtureCollections;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.Field;
import dev.locket.domain.json.RawJson;
import dev.locket.domain.types.GeoPoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RecordInputTest {
    private static final Collection DEMO1 = FixtureCollections.collection("demo1");
    private static final Collection DEMO5 = FixtureCollections.collection("demo5");

    private static Map<String, Object> zeros(Collection c) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Field f : c.fields()) {
            m.put(f.name(), f.zero());
        }
        return m;
    }

    private static Map<String, Object> body(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @CsvSource(delimiter = ';', value = {
            "true;Boolean;true", "false;Boolean;false", "'';String;''", "12;Double;12.0", "-3.5;Double;-3.5",
            "0;Double;0.0", "0001;String;0001", "1.0;String;1.0", "1e3;String;1e3", "abc;String;abc",
            "True;String;True", "12abc;String;12abc", "-;String;-", "0.1;Double;0.1",
            "100000000000000000000000;Double;1.0E23"})
    void infersFormValues(String raw, String type, String expected) {
        Object v = RecordInput.inferValue(raw);
        assertEquals(type, v.getClass().getSimpleName());
        assertEquals(expected, v.toString());
    }

    @Test
    void negativeInfinityIsTheOnlyInfinitySpellingThatRoundTrips() {
        assertEquals(Double.NEGATIVE_INFINITY, RecordInput.inferValue("-Inf"));
        assertEquals("-inf", RecordInput.inferValue("-inf"));
        assertEquals("Inf", RecordInput.inferValue("Inf"));
    }

    @Test
    void formPartsBecomeABody() {
        Map<String, List<String>> parts = new LinkedHashMap<>();
        parts.put("title", List.of("hello"));
        parts.put("tags", List.of("a", "1", "true"));
        parts.put("count", List.of("5"));
        parts.put("empty", List.of(""));
        parts.put("@jsonPayload", List.of("{\"count\":7,\"meta\":{\"x\":[1,2]}}", "{\"title\":\"override\"}"));
        Map<String, Object> body = RecordInput.fromForm(parts);
        assertEquals("override", body.get("title"));
        assertEquals(List.of("a", 1.0, true), body.get("tags"));
        assertEquals(7L, body.get("count"));
        assertEquals(Map.of("x", List.of(1L, 2L)), body.get("meta"));
        assertEquals("", body.get("empty"));
    }

    @Test
    void badJsonPayloadIsABadRequest() {
        assertThrows(BadRequest.class, () -> RecordInput.fromForm(Map.of("@jsonPayload", List.of("{bad"))));
        assertThrows(BadRequest.class, () -> RecordInput.fromForm(Map.of("@jsonPayload", List.of("[1]"))));
        assertTrue(RecordInput.fromForm(Map.of("@jsonPayload", List.of("null"))).isEmpty());
    }

    @Test
    void plainKeysAreNormalisedAndUnknownKeysIgnored() {
        Map<String, Object> out = RecordInput.resolve(DEMO1, zeros(DEMO1), body(
                "text", 12L, "bool", "true", "number", "3.5", "select_one", List.of("optionA", "optionB"),
                "select_many", "[\"optionA\",\"optionA\",\"optionC\"]", "json", "[1, 2]", "unknown", "x",
                "datetime", "2024-05-01", "point", Map.of("lon", 1.5, "lat", 2L), "created", "2020-01-01"));
        assertEquals("12", out.get("text"));
        assertEquals(true, out.get("bool"));
        assertEquals(3.5, out.get("number"));
        assertEquals("optionB", out.get("select_one"));
        assertEquals(List.of("optionA", "optionC"), out.get("select_many"));
        assertEquals(new RawJson("[1, 2]"), out.get("json"));
        assertEquals("2024-05-01 00:00:00.000Z", out.get("datetime"));
        assertEquals(new GeoPoint(1.5, 2), out.get("point"));
        assertFalse(out.containsKey("unknown"));
        assertFalse(out.containsKey("created"), "autodate values are server-set");
        assertFalse(out.containsKey("url"), "only submitted fields are returned");
        assertEquals(List.of("text", "bool", "select_one", "select_many", "number", "datetime", "json", "point"),
                List.copyOf(out.keySet()));
    }

    @Test
    void numberModifiersAddAndSubtract() {
        Map<String, Object> current = body("total", 2.0);
        assertEquals(Map.of("total", 5.0), RecordInput.resolve(DEMO5, current, body("total+", 3L)));
        assertEquals(Map.of("total", -1.0), RecordInput.resolve(DEMO5, current, body("total-", "3")));
        // plain key first, then modifiers
        assertEquals(Map.of("total", 11.0), RecordInput.resolve(DEMO5, current, body("total+", 1L, "total", 10L)));
        assertEquals(Map.of("total", 1.0), RecordInput.resolve(DEMO5, zeros(DEMO5), body("total+", true)));
        assertTrue(RecordInput.resolve(DEMO5, current, body("+total", 3L)).isEmpty());
    }

    @Test
    void listModifiersAppendPrependAndRemove() {
        Map<String, Object> current = body("select_many", List.of("b", "c"), "select_one", "a", "rel_many",
                List.of("r1", "r2"));
        assertEquals(List.of("b", "c", "a"),
                RecordInput.resolve(DEMO5, current, body("select_many+", "a")).get("select_many"));
        assertEquals(List.of("d", "e", "b", "c"),
                RecordInput.resolve(DEMO5, current, body("+select_many", List.of("d", "e", "b"))).get("select_many"));
        assertEquals(List.of("c"),
                RecordInput.resolve(DEMO5, current, body("select_many-", "b")).get("select_many"));
        assertEquals(List.of("x", "b"),
                RecordInput.resolve(DEMO5, current, body("select_many", List.of("x"), "select_many+", "b"))
                        .get("select_many"));
        // single fields keep the last value
        assertEquals("b", RecordInput.resolve(DEMO5, current, body("select_one+", "b")).get("select_one"));
        assertEquals("a", RecordInput.resolve(DEMO5, current, body("+select_one", "b")).get("select_one"));
        assertEquals("", RecordInput.resolve(DEMO5, current, body("select_one-", "a")).get("select_one"));
        assertEquals(List.of("r2"), RecordInput.resolve(DEMO5, current, body("rel_many-", List.of("r1")))
                .get("rel_many"));
    }

    @Test
    void fileModifiersWorkOnNames() {
        Collection demo1 = DEMO1;
        Map<String, Object> current = body("file_many", List.of("a.txt", "b.txt"));
        assertEquals(List.of("b.txt"),
                RecordInput.resolve(demo1, current, body("file_many-", "a.txt")).get("file_many"));
        assertEquals(List.of(), RecordInput.resolve(demo1, current, body("file_many", "")).get("file_many"));
    }

    @Test
    void modifiersStartFromZeroOnCreate() {
        Map<String, Object> out = RecordInput.resolve(DEMO5, zeros(DEMO5), body("select_many+", List.of("a", "b")));
        assertEquals(List.of("a", "b"), out.get("select_many"));
    }

    @Test
    void passwordStaysPlainForTheApplication() {
        Collection users = FixtureCollections.collection("users");
        Map<String, Object> out = RecordInput.resolve(users, Map.of(), body("password", "1234567890",
                "passwordConfirm", "1234567890"));
        assertEquals(Map.of("password", "1234567890"), out);
    }

    @Test
    void autogenerateModifierAppendsAGeneratedValueWhenAGeneratorIsGiven() {
        Collection users = FixtureCollections.collection("users");
        Map<String, Object> body = body("username:autogenerate", "joe_", "name:autogenerate", "plain");
        Map<String, Object> out = RecordInput.resolve(users, Map.of(), body, pattern -> "<" + pattern + ">");
        assertEquals("joe_<users[0-9]{5}>", out.get("username"));
        assertEquals("plain", out.get("name"), "no pattern: just the submitted text");
        assertTrue(RecordInput.resolve(users, Map.of(), body).isEmpty(), "ignored without a generator");
        // the plain key is applied first, then the longer modifier key replaces it
        assertEquals("x<users[0-9]{5}>", RecordInput.resolve(users, Map.of(),
                body("username:autogenerate", "x", "username", "ignored"), p -> "<" + p + ">").get("username"));
    }

    @Test
    void emptyBodyChangesNothing() {
        assertTrue(RecordInput.resolve(DEMO1, zeros(DEMO1), Map.of()).isEmpty());
        assertTrue(RecordInput.resolve(DEMO1, zeros(DEMO1), null).isEmpty());
    }
}
