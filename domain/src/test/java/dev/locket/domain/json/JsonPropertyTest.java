package dev.locket.domain.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class JsonPropertyTest {

    @Property(tries = 3000)
    void anyTextEitherParsesOrFailsWithIllegalArgument(@ForAll("jsonish") String text) {
        Object parsed;
        try {
            parsed = Json.parse(text);
        } catch (IllegalArgumentException expected) {
            return;
        }
        // what parses is written back to text that parses to the same value (5.0 is written as 5, like Go)
        assertEquals(canonical(parsed), canonical(Json.parse(Json.write(parsed))));
    }

    private static Object canonical(Object v) {
        if (v instanceof Number n) {
            return new java.math.BigDecimal(n.toString()).stripTrailingZeros();
        }
        if (v instanceof java.util.Map<?, ?> m) {
            java.util.Map<Object, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, val) -> out.put(k, canonical(val)));
            return out;
        }
        if (v instanceof java.util.List<?> l) {
            return l.stream().map(JsonPropertyTest::canonical).toList();
        }
        return v;
    }

    @Provide
    Arbitrary<String> jsonish() {
        Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", ":", ",", "\"", "\\", "\\u00e9", "\\n",
                "\\x", "a", "1", "-", "0", ".", "5e", "E+", "true", "fals", "null", " ", "\t", "\n", "é", "😀");
        return Arbitraries.oneOf(fragments.list().ofMaxSize(30).map(l -> String.join("", l)),
                Arbitraries.strings().ofMaxLength(40));
    }
}
