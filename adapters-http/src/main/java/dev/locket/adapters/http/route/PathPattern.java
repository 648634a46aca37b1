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
 * wildcard (Go refuses to register two patterns neither of which is more specific; here the first wins).
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
        if (!rawPath.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = rawPath.substring(1).split("/", -1);
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

    /**
     * Whether the pattern ends in a wildcard that {@code rawPath + "/"} reaches with nothing after the slash:
     * Go's mux then redirects {@code rawPath} to the slashed path (a subtree's root named without its slash).
     */
    boolean matchesAsSubtreeRoot(String rawPath) {
        String slashed = rawPath + "/";
        return endsInWildcard() && !rawPath.endsWith("/")
                && slashed.substring(1).split("/", -1).length == segments.size() && match(slashed).isPresent();
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
