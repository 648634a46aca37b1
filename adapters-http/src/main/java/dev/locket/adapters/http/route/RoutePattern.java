package dev.locket.adapters.http.route;

import dev.locket.adapters.http.route.PathPattern.Relation;
import java.util.Optional;

/**
 * A route as Go's {@code http.ServeMux} registers it: a method ({@code ""} for any; {@code GET} also answers
 * {@code HEAD}) and a path. Upstream's router hands every route to one mux, which refuses (panics on) a route
 * that matches some request exactly as much as an already registered one, neither being more specific.
 */
record RoutePattern(String method, PathPattern path) {

    /** How this pattern's requests relate to {@code other}'s: methods first, then paths (Go's rule). */
    Relation relation(RoutePattern other) {
        Relation methods = methodRelation(other);
        return methods == Relation.DISJOINT ? Relation.DISJOINT : methods.and(path.relation(other.path));
    }

    private Relation methodRelation(RoutePattern other) {
        if (method.equals(other.method)) {
            return Relation.EQUIVALENT;
        }
        if (method.isEmpty() || method.equals("GET") && other.method.equals("HEAD")) {
            return Relation.MORE_GENERAL;
        }
        if (other.method.isEmpty() || other.method.equals("GET") && method.equals("HEAD")) {
            return Relation.MORE_SPECIFIC;
        }
        return Relation.DISJOINT;
    }

    /** Why the mux would refuse both patterns, or empty when one of them is more specific (or they never meet). */
    Optional<String> conflictWith(RoutePattern other) {
        Relation rel = relation(other);
        if (rel != Relation.EQUIVALENT && rel != Relation.OVERLAPS) {
            return Optional.empty();
        }
        String why;
        if (rel == Relation.EQUIVALENT) {
            why = "both match exactly the same requests";
        } else if (path.relation(other.path) == Relation.OVERLAPS) {
            why = "both match some paths and neither path is more specific than the other";
        } else if (methodRelation(other) == Relation.MORE_GENERAL) {
            why = "the first takes more methods but a more specific path";
        } else {
            why = "the first takes fewer methods but a more general path";
        }
        return Optional.of("route \"" + this + "\" conflicts with route \"" + other + "\": " + why
                + " (Go's ServeMux, which upstream's router builds on, refuses such a pair)");
    }

    @Override
    public String toString() {
        return method.isEmpty() ? path.text() : method + " " + path.text();
    }
}
