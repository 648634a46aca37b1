package dev.locket.adapters.http.route;

/**
 * Two routes match some request alike and neither is more specific: the server refuses to start, as Go's
 * {@code ServeMux} panics when upstream's router registers such a pair.
 */
public final class RouteConflict extends RuntimeException {
    RouteConflict(String message) {
        super(message);
    }
}
