package dev.locket.adapters.http.route;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.locket.adapters.http.route.PathPattern.Relation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which pairs of routes Go's ServeMux refuses, and which one of a pair is more specific (net/http's rules). */
class RoutePatternTest {

    private static RoutePattern route(String method, String path) {
        return new RoutePattern(method, PathPattern.parse(path));
    }

    private static Relation rel(String m1, String p1, String m2, String p2) {
        return route(m1, p1).relation(route(m2, p2));
    }

    @Test
    void aLiteralIsMoreSpecificThanANameThanAWildcard() {
        assertEquals(Relation.MORE_SPECIFIC, rel("GET", "/posts/latest", "GET", "/posts/{id}"));
        assertEquals(Relation.MORE_GENERAL, rel("GET", "/posts/{id...}", "GET", "/posts/{id}"));
        assertEquals(Relation.MORE_GENERAL, rel("GET", "/", "GET", "/a/b/c"));
        assertEquals(Relation.DISJOINT, rel("GET", "/a/b", "GET", "/a/b/c"));
        assertEquals(Relation.DISJOINT, rel("GET", "/a/{$}", "GET", "/a/{x}"), "{x} never matches the empty segment");
        assertEquals(Relation.MORE_SPECIFIC, rel("GET", "/a/{$}", "GET", "/a/"));
    }

    @Test
    void aMethodIsMoreSpecificThanAnyAndGetCoversHead() {
        assertEquals(Relation.MORE_SPECIFIC, rel("GET", "/x", "", "/x"));
        assertEquals(Relation.MORE_GENERAL, rel("GET", "/x", "HEAD", "/x"));
        assertEquals(Relation.DISJOINT, rel("GET", "/x", "POST", "/x"));
    }

    @Test
    void pairsNeitherMoreSpecificConflictAsGoPanics() {
        assertTrue(route("GET", "/x").conflictWith(route("GET", "/x")).orElseThrow().contains("the same requests"));
        assertTrue(route("", "/a/").conflictWith(route("", "/a/{rest...}")).isPresent());
        assertTrue(route("GET", "/posts/{id}").conflictWith(route("GET", "/{resource}/latest")).orElseThrow()
                .contains("neither path is more specific"));
        assertTrue(route("GET", "/posts/{id}").conflictWith(route("", "/posts/latest")).orElseThrow()
                .contains("fewer methods but a more general path"));
        assertEquals(Optional.empty(), route("GET", "/posts/{id}").conflictWith(route("GET", "/posts/latest")));
        assertEquals(Optional.empty(), route("POST", "/x").conflictWith(route("GET", "/x")));
        assertEquals(Optional.empty(), route("", "/{path...}").conflictWith(route("GET", "/api/health")));
    }

    @Test
    void theApiRoutesNeverConflictAmongThemselves() {
        for (int i = 0; i < ApiRoutes.ALL.size(); i++) {
            for (int j = 0; j < i; j++) {
                assertEquals(Optional.empty(), ApiRoutes.ALL.get(i).conflictWith(ApiRoutes.ALL.get(j)));
            }
        }
    }
}
