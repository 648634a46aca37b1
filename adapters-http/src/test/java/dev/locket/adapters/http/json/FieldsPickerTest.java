package dev.locket.adapters.http.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locket.domain.error.BadRequest;
import dev.locket.domain.json.FieldsPicker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FieldsPickerTest {

    private static final Map<String, Object> RECORD = GoJson.object(
            "id", "r1", "title", "Hello", "body", "<p>Hello <b>big</b> world</p><script>x()</script><p>again</p>",
            "expand", GoJson.object(
                    "author", GoJson.object("id", "u1", "name", "Ann", "email", "a@b.c"),
                    "tags", List.of(GoJson.object("id", "t1", "name", "x"), GoJson.object("id", "t2", "name", "y"))));

    private static String pick(String fields) {
        return GoJson.writeString(FieldsPicker.parse(fields).pick(RECORD));
    }

    @Test
    void picksTopLevelAndNestedPaths() {
        assertEquals("{\"id\":\"r1\",\"expand\":{\"author\":{\"name\":\"Ann\"}}}", pick(" id , expand.author.name,"));
    }

    @Test
    void starKeepsEverythingButNarrowsMoreSpecificPaths() {
        assertEquals("{\"id\":\"r1\",\"title\":\"Hello\",\"body\":\"\\u003cp\\u003eHello \\u003cb\\u003ebig\\u003c/b\\u003e world\\u003c/p\\u003e"
                + "\\u003cscript\\u003ex()\\u003c/script\\u003e\\u003cp\\u003eagain\\u003c/p\\u003e\","
                + "\"expand\":{\"author\":{\"id\":\"u1\"}}}", pick("*,expand.author.id"));
    }

    @Test
    void picksArraysOfObjectsElementWise() {
        assertEquals("{\"expand\":{\"tags\":[{\"id\":\"t1\"},{\"id\":\"t2\"}]}}", pick("expand.tags.id"));
    }

    @Test
    void pathBelowScalarKeepsTheScalarAndUnknownKeysAreAbsent() {
        assertEquals("{\"title\":\"Hello\"}", pick("title.x,missing"));
    }

    @Test
    void excerptStripsHtmlAndCuts() {
        assertEquals("{\"body\":\"Hello big world again\"}", pick("body:excerpt(100)"));
        assertEquals("{\"body\":\"Hello big...\"}", pick("body:excerpt(10,true)"));
        assertEquals("{\"body\":\"Hello\"}", pick("body:excerpt(5, false)"));
    }

    @Test
    void listEnvelopeKeepsEnvelopeKeys() {
        Map<String, Object> env = GoJson.object("page", 1, "items", List.of(RECORD));
        assertEquals("{\"page\":1,\"items\":[{\"id\":\"r1\"}]}",
                GoJson.writeString(FieldsPicker.parse("id").pickItems(env)));
    }

    @Test
    void badModifiersAreBadRequests() {
        assertThrows(BadRequest.class, () -> FieldsPicker.parse("body:unknown(1)"));
        assertThrows(BadRequest.class, () -> FieldsPicker.parse("body:excerpt(0)"));
        assertThrows(BadRequest.class, () -> FieldsPicker.parse("body:excerpt(1,2,3)"));
        assertThrows(BadRequest.class, () -> FieldsPicker.parse("body:excerpt(1"));
        assertThrows(BadRequest.class, () -> FieldsPicker.parse("body:excerpt(1,maybe)"));
    }
}
