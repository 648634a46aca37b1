package dev.locket.adapters.http.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.locket.domain.json.RawJson;
import dev.locket.domain.types.GeoPoint;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GoJsonTest {

    @ParameterizedTest
    @CsvSource({
            "10.0, 10",
            "-3.0, -3",
            "1.5, 1.5",
            "0.1, 0.1",
            "123456.0, 123456",
            "1e20, 100000000000000000000",
            "1e21, 1e+21",
            "1.5e22, 1.5e+22",
            "0.000001, 0.000001",
            "0.0000001, 1e-7",
            "1.234e-8, 1.234e-8",
            "0.0, 0",
            "42.125, 42.125",
            "9007199254740993, 9007199254740992",
    })
    void formatsFloatsLikeGo(double value, String expected) {
        assertEquals(expected, GoJson.formatFloat(value));
    }

    @Test
    void escapesHtmlCharactersWithLowerCaseHex() {
        assertEquals("\"\\u003cb\\u003e \\u0026 \\u2028\\u2029 \\n\\t \\u001f é\"",
                GoJson.writeString("<b> & \u2028\u2029 \n\t \u001f é"));
    }

    @Test
    void rawJsonIsCompactedAndHtmlEscapedLikeGoButOtherwiseKept() {
        assertEquals("{\"a\":\"\\u003cb\\u003e x \\\" \\n\",\"n\":[1.0,1e3]}",
                GoJson.writeString(new RawJson("{ \"a\" : \"<b> x \\\" \\n\",\n  \"n\": [1.0, 1e3] }")));
    }

    @Test
    void writesCanonicalRecordValues() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", 10.0);
        m.put("b", true);
        m.put("tags", List.of("a", "b"));
        m.put("json", new RawJson("[1,\n2]"));
        m.put("point", new GeoPoint(23.5, -42.0));
        m.put("nothing", null);
        m.put("count", 7L);
        m.put("list", new ArrayList<>(Arrays.asList(1, 2.5)));
        assertEquals("{\"n\":10,\"b\":true,\"tags\":[\"a\",\"b\"],\"json\":[1,2],\"point\":{\"lon\":23.5,\"lat\":-42},"
                + "\"nothing\":null,\"count\":7,\"list\":[1,2.5]}", GoJson.writeString(m));
    }
}
