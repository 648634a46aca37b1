package dev.locket.adapters.http.route;

import java.util.Objects;

/** One registered route: its method ({@code ""} for any), path, action and own middlewares. */
public final class Route {
    private final String method;
    private final String path;
    private final RequestHandler action;
    final Bindings bindings = new Bindings();

    Route(String method, String path, RequestHandler action) {
        this.method = method;
        this.path = Objects.requireNonNull(path, "path");
        this.action = Objects.requireNonNull(action, "action");
    }

    /** Adds middlewares (one with the id of an inherited one replaces it on this route). */
    public Route bind(Middleware... middlewares) {
        bindings.bind(middlewares);
        return this;
    }

    /** Adds anonymous middlewares with priority 0 (upstream's {@code BindFunc}). */
    public Route bindFunc(RequestHandler... handlers) {
        for (RequestHandler h : handlers) {
            bindings.bind(Middleware.of(h));
        }
        return this;
    }

    /** Removes middlewares by id, inherited ones included (e.g. {@code unbind(Middlewares.BODY_LIMIT_ID)}). */
    public Route unbind(String... ids) {
        for (String id : ids) {
            if (id != null && !id.isEmpty()) {
                bindings.unbind(id);
            }
        }
        return this;
    }

    public String method() {
        return method;
    }

    /** The path as registered, without the groups' prefixes. */
    public String path() {
        return path;
    }

    RequestHandler action() {
        return action;
    }
}
