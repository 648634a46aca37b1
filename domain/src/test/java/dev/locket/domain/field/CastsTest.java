package dev.locket.domain.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.domain.json.Json;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CastsTest {

    @Test
    void uniqueStringsFollowsPocketBaseListRules() {
        assertEquals(List.of(), Casts.uniqueStrings(null));
        assertEquals(List.of(), Casts.uniqueStrings(""));
        assertEquals(List.of("a"), Casts.uniqueStrings("a"));
        assertEquals(List.of("a", "b"), Casts.uniqueStrings("[\"a\",\"b\",\"a\",\"\"]"));
        // any string containing "[" is tried as JSON first
        assertEquals(List.of("x [y]"), Casts.uniqueStrings("x [y]"));
        assertEquals(List.of("a"), Casts.uniqueStrings("[null,\"a\"]"));
        assertEquals(List.of("1.5", "a"), Casts.uniqueStrings(Arrays.asList(1.5, null, "a", "")));
        assertEquals(List.of(), Casts.uniqueStrings(true));
    }

    @Test
    void quotesLikeGoStrconv() {
        assertEquals("\"a\\\"b\\\\c\"", Casts.goQuote("a\"b\\c"));
        assertEquals("\"\\x01\\a\\v\\n\"", Casts.goQuote("\u0001\u0007\u000b\n"));
        assertEquals("\"é😀\"", Casts.goQuote("é😀"));
        assertEquals("\"\\u200b\"", Casts.goQuote("\u200b"));
        assertTrue(Json.isValid(Casts.goQuote("plain text")));
        assertFalse(Json.isValid(Casts.goQuote("\u0001")));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"^[a-z]+$;^[a-z]+\\z", "a[$]b;a[$]b", "a\\$;a\\$", "(?P<x>a);(?<x>a)",
            "(?m)^a$;(?m)^a$"})
    void translatesRe2Patterns(String re2, String java) {
        assertEquals(java, Casts.toJavaRegex(re2));
    }

    @Test
    void catastrophicBacktrackingIsCutShort() {
        long start = System.nanoTime();
        assertFalse(Casts.patternFound("^(a+)+$", "a".repeat(40) + "!"));
        assertTrue(System.nanoTime() - start < 10_000_000_000L);
        assertTrue(Casts.patternFound("^(a+)+$", "a".repeat(40)));
    }

    @Test
    void badPatternsNeverMatch() {
        assertFalse(Casts.patternFound("([a-z", "abc"));
        assertTrue(Casts.patternFound("b", "abc"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {"5;5", "2.5;2.5", "0.0001;0.0001", "0.00001;1e-05", "1e21;1e+21",
            "123456789012;123456789012"})
    void formatsFloatsLikeGoPercentV(double value, String expected) {
        assertEquals(expected, Casts.goV(value));
    }
}
