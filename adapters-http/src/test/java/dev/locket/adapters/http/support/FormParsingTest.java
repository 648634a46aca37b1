package dev.locket.adapters.http.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locket.domain.error.BadRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FormParsingTest {

    @Test
    void urlEncodedKeepsOrderAndRepeats() {
        Map<String, List<String>> form = FormParsing.urlEncoded("a=1&b=x+y&a=%C3%A9&empty=&flag");
        assertEquals(List.of("a", "b", "empty", "flag"), List.copyOf(form.keySet()));
        assertEquals(List.of("1", "é"), form.get("a"));
        assertEquals(List.of("x y"), form.get("b"));
        assertEquals(List.of(""), form.get("empty"));
        assertEquals(List.of(""), form.get("flag"));
        assertThrows(BadRequest.class, () -> FormParsing.urlEncoded("a=%zz"));
    }

    @Test
    void multipartKeepsTextPartsAndSkipsFiles() {
        String body = "preamble\r\n--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nline1\r\nline2\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.bin\"\r\n\r\n\u0000\u0001\r\n"
                + "--XyZ\r\ncontent-disposition: form-data; name=\"title\"\r\n\r\n\r\n--XyZ--\r\n";
        Map<String, List<String>> form = FormParsing.multipartText(body.getBytes(StandardCharsets.UTF_8), "XyZ");
        assertEquals(Map.of("title", List.of("line1\r\nline2", "")), form);
    }

    @Test
    void malformedMultipartIsBadRequest() {
        assertThrows(BadRequest.class, () -> FormParsing.multipartText("no boundary here".getBytes(), "XyZ"));
        assertThrows(BadRequest.class, () -> FormParsing.multipartText(
                "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nunterminated".getBytes(), "XyZ"));
        assertThrows(BadRequest.class, () -> FormParsing.multipartText(new byte[0], ""));
    }
}
