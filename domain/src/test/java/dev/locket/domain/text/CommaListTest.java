package dev.locket.domain.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.locket.domain.error.BadRequest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CommaListTest {

    @Test
    void keepsCommasInsideParenthesesAndQuotes() {
        assertEquals(List.of("-created", "geoDistance(a,b,c,d)", "title"),
                CommaList.split(" -created, geoDistance(a,b,c,d) ,title,"));
        assertEquals(List.of("body:excerpt(10,'a,b')", "x"), CommaList.split("body:excerpt(10,'a,b'),x"));
        assertEquals(List.of("a = 'it\\'s, ok'", "b"), CommaList.split("a = 'it\\'s, ok',b"));
    }

    @Test
    void lenientSplitDropsEmptyItemsAndToleratesUnbalancedInput() {
        assertEquals(List.of(), CommaList.split(null));
        assertEquals(List.of(), CommaList.split(" , ,"));
        assertEquals(List.of("a(b,c"), CommaList.split("a(b,c"));
        assertEquals(List.of("a)", "b"), CommaList.split("a),b"));
    }

    @Test
    void strictSplitKeepsEmptyItems() {
        assertEquals(List.of("10", ""), CommaList.splitStrict("10, "));
        assertEquals(List.of(""), CommaList.splitStrict(""));
        assertEquals(List.of("id", "body:excerpt(5,true)"), CommaList.splitStrict("id, body:excerpt(5,true)"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a(b", "a)b(", "excerpt(1))", "'open", "x,\"open"})
    void strictSplitRejectsUnbalancedInput(String list) {
        assertThrows(BadRequest.class, () -> CommaList.splitStrict(list));
    }
}
