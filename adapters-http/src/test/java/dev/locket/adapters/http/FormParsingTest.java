package dev.locket.adapters.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormParsingTest {

    @Test
    void infersTypesOnlyWhenTheTextRoundTrips() {
        assertEquals(true, FormParsing.infer("true"));
        assertEquals(false, FormParsing.infer("false"));
        assertEquals(12.0, FormParsing.infer("12"));
        assertEquals(-1.5, FormParsing.infer("-1.5"));
        assertEquals("0001", FormParsing.infer("0001"));
        assertEquals("1.0", FormParsing.infer("1.0"));
        assertEquals("1e3", FormParsing.infer("1e3"));
        assertEquals("", FormParsing.infer(""));
        assertEquals("NaN", FormParsing.infer("NaN"));
        assertEquals("True", FormParsing.infer("True"));
    }

    @Test
    void repeatedKeysBecomeListsAndJsonPayloadOverrides() {
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("tags", List.of("a", "2"));
        form.put("title", List.of("plain"));
        form.put("@jsonPayload", List.of("{\"title\":\"from json\",\"meta\":{\"x\":1}}"));
        Map<String, Object> body = FormParsing.toBody(form);
        assertEquals(List.of("a", 2.0), body.get("tags"));
        assertEquals("from json", body.get("title"));
        assertEquals(Map.of("x", 1), body.get("meta"));
    }
}
