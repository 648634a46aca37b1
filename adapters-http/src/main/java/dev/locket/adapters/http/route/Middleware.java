package dev.locket.adapters.http.route;

import java.util.Objects;

/**
 * A middleware as upstream's {@code hook.Handler}: an id (binding another one with the same id on the same
 * chain replaces it, and {@code unbind(id)} removes it), a priority (lower runs first; equal ones keep their
 * binding order, the router's before a group's before a route's) and the function.
 */
public record Middleware(String id, int priority, RequestHandler handler) {
    public Middleware {
        id = id == null ? "" : id;
        Objects.requireNonNull(handler, "handler");
    }

    /** An anonymous middleware with priority 0 (upstream's {@code BindFunc}). */
    public static Middleware of(RequestHandler handler) {
        return new Middleware("", 0, handler);
    }

    public static Middleware of(String id, int priority, RequestHandler handler) {
        return new Middleware(id, priority, handler);
    }
}
