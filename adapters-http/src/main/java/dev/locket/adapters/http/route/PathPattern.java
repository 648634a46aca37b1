package dev.locket.adapters.http.route;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route path as Go's {@code http.ServeMux} (which upstream's router builds on) reads it: literal
 * segments, {@code {name}} for one segment, {@code {name...}} for the rest of the path (last only),
 * a trailing {@code /} for "this and everything under it", and {@code {$}} to match the trailing slash
 * only. Values are the unescaped segments. When several patterns match a request the most specific
 * wins, compared segment by segment from the left: a literal beats {@code {name}}, which beats a
 * wildcard. Two patterns that match some request alike, neither more specific than the other, are refused
 * as Go's mux refuses them ({@link #relation}, {@link RoutePattern}).
 */
record PathPattern(String text, List<Segment> segments) {

    /** One pattern segment. */
    sealed interface Segment permits Literal, Single, Rest {
        /** Ranks segments: the lower, the more specific. */
        int rank();
    }

    record Literal(String value) implements Segment {
        public int rank() {
            return 0;
        }
    }

    record Single(String name) implements Segment {
        public int rank() {
            return 1;
        }
    }

    /** The rest of the path; {@code name} is empty for a pattern that simply ends in {@code /}. */
    record Rest(String name) implements Segment {
        public int rank() {
            return 2;
        }
    }

    static PathPattern parse(String path) {
        if (path == null || !path.startsWith("/")) {
            throw new IllegalArgumentException("a route path starts with '/': " + path);
        }
        String[] raw = path.substring(1).split("/", -1);
        List<Segment> out = new ArrayList<>(raw.length);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (int i = 0; i < raw.length; i++) {
            String s = raw[i];
            boolean last = i == raw.length - 1;
            if (s.equals("{$}")) {
                if (!last || i == 0 && !path.equals("/{$}")) {
                    throw new IllegalArgumentException("{$} only ends a path after a '/': " + path);
                }
                out.add(new Literal(""));
            } else if (s.startsWith("{") && s.endsWith("}")) {
                String name = s.substring(1, s.length() - 1);
                boolean rest = name.endsWith("...");
                if (rest) {
                    name = name.substring(0, name.length() - 3);
                    if (!last) {
                        throw new IllegalArgumentException("a {name...} wildcard ends the path: " + path);
                    }
                }
                if (name.isEmpty() || !name.matches("[A-Za-z_][A-Za-z0-9_]*") || !names.add(name)) {
                    throw new IllegalArgumentException("bad or repeated wildcard name in " + path);
                }
                out.add(rest ? new Rest(name) : new Single(name));
            } else if (s.contains("{") || s.contains("}")) {
                throw new IllegalArgumentException("a wildcard takes a whole segment: " + path);
            } else if (s.isEmpty() && last) {
                out.add(new Rest("")); // "/x/" matches "/x/" and everything under it
            } else {
                out.add(new Literal(s));
            }
        }
        return new PathPattern(path, List.copyOf(out));
    }

    /** Whether the pattern ends in a wildcard (it may then match what the API routes answer: it goes after them). */
    boolean endsInWildcard() {
        return segments.getLast() instanceof Rest;
    }

    /** The path values when {@code rawPath} (still percent-encoded) matches, else empty. */
    Optional<Map<String, String>> match(String rawPath) {
        return rawPath.startsWith("/") ? match(split(rawPath)) : Optional.empty();
    }

    /** A path (starting with {@code /}) as {@link #match(String[])} takes it, split once for many patterns. */
    static String[] split(String rawPath) {
        return rawPath.substring(1).split("/", -1);
    }

    /** The path values when the path split by {@link #split} matches, else empty. */
    Optional<Map<String, String>> match(String[] parts) {
        if (parts.length != segments.size() && !endsInWildcard()) {
            return Optional.empty();
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            Segment seg = segments.get(i);
            if (seg instanceof Rest rest) {
                if (i >= parts.length) {
                    return Optional.empty();
                }
                if (!rest.name().isEmpty()) {
                    values.put(rest.name(), unescape(String.join("/", List.of(parts).subList(i, parts.length))));
                }
                return Optional.of(values);
            }
            if (i >= parts.length) {
                return Optional.empty();
            }
            String part = unescape(parts[i]);
            switch (seg) {
                case Literal l -> {
                    if (!l.value().equals(part)) {
                        return Optional.empty();
                    }
                }
                case Single s -> {
                    if (part.isEmpty()) {
                        return Optional.empty(); // Go's {name} never matches an empty segment
                    }
                    values.put(s.name(), part);
                }
                case Rest r -> throw new IllegalStateException();
            }
        }
        return parts.length == segments.size() ? Optional.of(values) : Optional.empty();
    }

    /** Negative when this pattern is more specific than {@code other}. */
    int compareSpecificity(PathPattern other) {
        int n = Math.min(segments.size(), other.segments.size());
        for (int i = 0; i < n; i++) {
            int c = Integer.compare(segments.get(i).rank(), other.segments.get(i).rank());
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(other.segments.size(), segments.size());
    }

    /**
     * How this pattern's set of paths relates to {@code other}'s, as Go's {@code comparePaths} decides it:
     * segment by segment, a shorter pattern taking the rest only through its final wildcard.
     */
    Relation relation(PathPattern other) {
        List<Segment> mine = segments;
        List<Segment> theirs = other.segments;
        if (mine.size() != theirs.size() && !endsInWildcard() && !other.endsInWildcard()) {
            return Relation.DISJOINT;
        }
        int n = Math.min(mine.size(), theirs.size());
        Relation rel = Relation.EQUIVALENT;
        for (int i = 0; i < n && rel != Relation.DISJOINT; i++) {
            rel = rel.and(relation(mine.get(i), theirs.get(i)));
        }
        if (rel == Relation.DISJOINT || mine.size() == theirs.size()) {
            return rel;
        }
        if (mine.size() < theirs.size() && endsInWildcard()) {
            return rel.and(Relation.MORE_GENERAL);
        }
        if (theirs.size() < mine.size() && other.endsInWildcard()) {
            return rel.and(Relation.MORE_SPECIFIC);
        }
        return Relation.DISJOINT;
    }

    private static Relation relation(Segment a, Segment b) {
        if (a instanceof Rest || b instanceof Rest) {
            return a instanceof Rest && b instanceof Rest ? Relation.EQUIVALENT
                    : a instanceof Rest ? Relation.MORE_GENERAL : Relation.MORE_SPECIFIC;
        }
        return switch (a) {
            case Single s when b instanceof Single -> Relation.EQUIVALENT;
            // {name} never matches the empty segment {$} stands for
            case Single s -> ((Literal) b).value().isEmpty() ? Relation.DISJOINT : Relation.MORE_GENERAL;
            case Literal l when b instanceof Single -> l.value().isEmpty() ? Relation.DISJOINT : Relation.MORE_SPECIFIC;
            case Literal l -> l.equals(b) ? Relation.EQUIVALENT : Relation.DISJOINT;
            case Rest r -> throw new IllegalStateException();
        };
    }

    /** The relation of two sets of requests (Go's {@code relationship}). */
    enum Relation {
        EQUIVALENT, MORE_GENERAL, MORE_SPECIFIC, OVERLAPS, DISJOINT;

        /** The relation of two patterns from the relations of two parts of them (Go's {@code combineRelationships}). */
        Relation and(Relation other) {
            return switch (this) {
                case EQUIVALENT -> other;
                case DISJOINT -> DISJOINT;
                case OVERLAPS -> other == DISJOINT ? DISJOINT : OVERLAPS;
                case MORE_GENERAL, MORE_SPECIFIC -> other == EQUIVALENT ? this
                        : other == inverse() ? OVERLAPS : other;
            };
        }

        Relation inverse() {
            return switch (this) {
                case MORE_GENERAL -> MORE_SPECIFIC;
                case MORE_SPECIFIC -> MORE_GENERAL;
                default -> this;
            };
        }
    }

    /**
     * Whether the match of this pattern for {@code rawPath} is exact: no wildcard, or a final wildcard that
     * takes nothing (the path ends in the slash before it). Go's mux redirects a non-exact match to the
     * slashed path when that one matches exactly.
     */
    boolean matchesExactly(String rawPath) {
        if (!endsInWildcard()) {
            return true;
        }
        return rawPath.endsWith("/") && segments.size() == rawPath.chars().filter(c -> c == '/').count();
    }

    private static String unescape(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return s;
        }
    }
}
