package dev.locket.adapters.http.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Route paths as Go's ServeMux reads them (upstream's router builds on it). */
class PathPatternTest {

    @Test
    void namedSegmentsMatchOneNonEmptyUnescapedSegment() {
        PathPattern p = PathPattern.parse("/hello/{name}");
        assertEquals(Optional.of(Map.of("name", "a b")), p.match("/hello/a%20b"));
        assertEquals(Optional.of(Map.of("name", "a/b")), p.match("/hello/a%2Fb"));
        assertEquals(Optional.empty(), p.match("/hello/"));
        assertEquals(Optional.empty(), p.match("/hello/a/b"));
        assertEquals(Optional.empty(), p.match("/hello"));
    }

    @Test
    void wildcardsTakeTheRestIncludingNothingAfterTheSlash() {
        PathPattern p = PathPattern.parse("/files/{path...}");
        assertEquals(Optional.of(Map.of("path", "a/b/c")), p.match("/files/a/b/c"));
        assertEquals(Optional.of(Map.of("path", "")), p.match("/files/"));
        assertEquals(Optional.empty(), p.match("/files"));
        assertTrue(p.matchesExactly("/files/"), "the wildcard takes nothing: Go's exact match");
        assertFalse(p.matchesExactly("/files/a"));
        assertTrue(PathPattern.parse("/static/").match("/static/x/y").isPresent());
        assertTrue(PathPattern.parse("/static/").endsInWildcard());
    }

    @Test
    void dollarMatchesOnlyTheTrailingSlash() {
        PathPattern p = PathPattern.parse("/exact/{$}");
        assertTrue(p.match("/exact/").isPresent());
        assertFalse(p.match("/exact/x").isPresent());
        assertFalse(p.endsInWildcard());
    }

    @Test
    void literalsAreMoreSpecificThanNamesThanWildcards() {
        List<String> sorted = List.of("/{path...}", "/a/{x}", "/a/b", "/a/{rest...}").stream()
                .map(PathPattern::parse).sorted(PathPattern::compareSpecificity).map(PathPattern::text).toList();
        assertEquals(List.of("/a/b", "/a/{x}", "/a/{rest...}", "/{path...}"), sorted);
    }

    @Test
    void malformedPathsFailWhereTheyAreWritten() {
        assertThrows(IllegalArgumentException.class, () -> PathPattern.parse("hello"));
        assertThrows(IllegalArgumentException.class, () -> PathPattern.parse("/{rest...}/x"));
        assertThrows(IllegalArgumentException.class, () -> PathPattern.parse("/a{b}"));
        assertThrows(IllegalArgumentException.class, () -> PathPattern.parse("/{x}/{x}"));
    }
}
