package dev.locket.adapters.http.wire;

import java.util.Locale;

/**
 * One canonical spelling of a request target, decided before Helidon parses it, so that the rate
 * limiter, the request log and the router all see the same path (a bypass of the limits used to be
 * a second spelling of the same route).
 *
 * <p>Go's {@code ServeMux} (PocketBase's router) matches a path segment by segment after unescaping
 * each segment. Helidon instead decodes the whole path (an encoded {@code /} becomes a separator),
 * strips {@code ;params} and resolves dot segments silently. So: percent-encoded unreserved
 * characters are decoded (they mean the same, RFC 3986 §6.2.2.2) and the remaining escapes
 * upper-cased; a raw {@code ;} is escaped (Go keeps it as part of the segment, so
 * {@code auth-with-password;x} is no route, 404); an encoded {@code /} or {@code \} would be a
 * separator to Helidon but not to Go, where no API route can match it: 404. A path with empty
 * ({@code //}) or dot ({@code .}, {@code ..}) segments is refused with 404 too: Go's router answers it
 * with a 301 to the cleaned path, but a client that follows it replays the request on another
 * resource ({@code DELETE …/records/..} would land on the collection), and Helidon would serve the
 * cleaned path outright. An absolute-form target ({@code http://host/path}) becomes origin-form and
 * its authority replaces the Host header (RFC 9112 §3.2.2).
 */
sealed interface RequestTarget {

    /** Serve this target (origin-form); {@code host} is non-null when the Host header must be replaced. */
    record Serve(String target, String host) implements RequestTarget {
    }

    /** Answer with this status (400 for an unparsable target, 404 for one no route may match). */
    record Refuse(int status) implements RequestTarget {
    }

    static RequestTarget of(String raw) {
        if (raw.equals("*")) {
            return new Serve(raw, null);
        }
        String host = null;
        String target = raw;
        if (!raw.startsWith("/")) {
            int scheme = raw.indexOf("://");
            String lower = raw.toLowerCase(Locale.ROOT);
            if (scheme < 0 || !(lower.startsWith("http://") || lower.startsWith("https://"))) {
                return new Refuse(400);
            }
            int pathStart = indexOfAny(raw, scheme + 3, "/?");
            host = pathStart < 0 ? raw.substring(scheme + 3) : raw.substring(scheme + 3, pathStart);
            if (host.isEmpty() || host.contains("@")) {
                return new Refuse(400);
            }
            target = pathStart < 0 ? "/" : raw.substring(pathStart);
            if (target.startsWith("?")) {
                target = "/" + target;
            }
        }
        int q = target.indexOf('?');
        String path = q < 0 ? target : target.substring(0, q);
        String query = q < 0 ? "" : target.substring(q);
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '%') {
                if (i + 2 >= path.length() || hex(path.charAt(i + 1)) < 0 || hex(path.charAt(i + 2)) < 0) {
                    return new Refuse(400); // Go: "invalid URL escape"
                }
                char decoded = (char) (hex(path.charAt(i + 1)) * 16 + hex(path.charAt(i + 2)));
                if (decoded == '/' || decoded == '\\') {
                    return new Refuse(404);
                }
                if (unreserved(decoded)) {
                    out.append(decoded);
                } else {
                    out.append('%').append(Character.toUpperCase(path.charAt(i + 1)))
                            .append(Character.toUpperCase(path.charAt(i + 2)));
                }
                i += 2;
            } else if (c == ';') {
                out.append("%3B");
            } else {
                out.append(c);
            }
        }
        String canonical = out.toString();
        if (!clean(canonical)) {
            return new Refuse(404);
        }
        return new Serve(canonical + query, host);
    }

    /** No empty segment (but a trailing slash) and no {@code .} or {@code ..} segment. */
    static boolean clean(String path) {
        String[] segments = path.split("/", -1);
        for (int i = 1; i < segments.length; i++) {
            String s = segments[i];
            if (s.isEmpty() && i < segments.length - 1 || s.equals(".") || s.equals("..")) {
                return false;
            }
        }
        return true;
    }

    private static boolean unreserved(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
                || c == '-' || c == '.' || c == '_' || c == '~';
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private static int indexOfAny(String s, int from, String chars) {
        for (int i = from; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }
}
