package dev.locket.domain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {

    @Test
    void parsesJsonShapedValuesKeepingKeyOrder() {
        Object v = Json.parse(" {\"b\":1,\"a\":[true,false,null,\"x\\n\\u00e9\"],\"c\":{\"d\":-1.5e2}} ");
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("b", 1L);
        expected.put("a", Arrays.asList(true, false, null, "x\né"));
        expected.put("c", Map.of("d", -150.0));
        assertEquals(expected, v);
        assertEquals(List.of("b", "a", "c"), new ArrayList<>(((Map<?, ?>) v).keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "{", "[1,]", "{\"a\":}", "01", "1.", ".5", "tru", "\"abc", "[1] x", "{'a':1}",
            "\"\\x\"", "NaN", "-", "+1", "{\"a\" 1}", "\"\t\""})
    void rejectsInvalidJson(String text) {
        assertThrows(IllegalArgumentException.class, () -> Json.parse(text));
        assertFalse(Json.isValid(text));
    }

    @Test
    void capsNestingDepthInsteadOfOverflowingTheStack() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(deep));
        assertTrue(e.getMessage().contains("deep"), e.getMessage());
        String ok = "[".repeat(500) + "]".repeat(500);
        assertTrue(Json.isValid(ok));
    }

    @Test
    void refusesToWriteAbsurdlyDeepValues() {
        List<Object> root = new ArrayList<>();
        List<Object> cur = root;
        for (int i = 0; i < 2000; i++) {
            List<Object> next = new ArrayList<>();
            cur.add(next);
            cur = next;
        }
        assertThrows(IllegalArgumentException.class, () -> Json.write(root));
    }

    @Test
    void writesCompactly() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("s", "a\"b\\c\n");
        m.put("n", null);
        m.put("l", List.of(1, 2.5, true));
        m.put("raw", new RawJson("[1, 2]"));
        assertEquals("{\"s\":\"a\\\"b\\\\c\\n\",\"n\":null,\"l\":[1,2.5,true],\"raw\":[1, 2]}", Json.write(m));
    }

    @Test
    void roundTripsLargeIntegers() {
        assertEquals(12345678901234567890.0, ((Number) Json.parse("12345678901234567890")).doubleValue());
        assertEquals(Long.MAX_VALUE, Json.parse(Long.toString(Long.MAX_VALUE)));
        assertEquals("12345678901234567890", Json.write(Json.parse("12345678901234567890")));
    }

    @ParameterizedTest
    @CsvSource({"5.0,5", "2.5,2.5", "-0.1,-0.1", "1e21,1e+21", "1e20,100000000000000000000", "0.000001,0.000001",
            "0.0000001,1e-7", "1.5e-10,1.5e-10", "123456789.125,123456789.125", "-2e22,-2e+22", "0.0,0"})
    void writesFloatsLikeGo(double value, String expected) {
        assertEquals(expected, Json.goFloat(value));
        assertEquals(expected, Json.write(value));
    }

    @ParameterizedTest
    @CsvSource({"1000,1000", "1e21,1000000000000000000000", "0.5,0.5", "1e-7,0.0000001"})
    void plainFloatNeverUsesExponent(double value, String expected) {
        assertEquals(expected, Json.plainFloat(value));
    }

    @Test
    void writeGoSortsKeysWritesFloat64sAndEscapesLikeGo() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("b", List.of(5L, 2.5, 1e21));
        value.put("a", "<a&b>\b\u2028");
        value.put("c", new StringBuilder("x"));
        assertEquals("{\"a\":\"\\u003ca\\u0026b\\u003e\\u0008\\u2028\",\"b\":[5,2.5,1e+21],\"c\":\"x\"}",
                Json.writeGo(value, other -> null));
        assertEquals("{\"b\":[5,2.5,1e+21],\"a\":\"<a&b>\\b\\u2028\",\"c\":\"x\"}", Json.write(value));
        assertEquals("[7]", Json.writeGo(List.of(new StringBuilder("x")), other -> "7"));
    }

    @Test
    void quoteStoredEscapesOnlyControlCharactersWithUpperCaseHex() {
        StringBuilder sb = new StringBuilder();
        Json.quoteStored(sb, "<a&b>\"\\\b\u001f\u2028");
        assertEquals("\"<a&b>\\\"\\\\\\b\\u001F\u2028\"", sb.toString());
    }
}
