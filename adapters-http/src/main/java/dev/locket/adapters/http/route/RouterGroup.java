package dev.locket.adapters.http.route;

import java.util.ArrayList;
import java.util.List;

/**
 * Routes sharing a path prefix and middlewares, as upstream's {@code router.RouterGroup}: a route's full
 * path is its groups' prefixes then its own path ({@code group("/api/myapp").get("/hello", ...)} answers
 * {@code GET /api/myapp/hello}); its middlewares are the router's, then each group's, then its own, run by
 * priority.
 */
public sealed class RouterGroup permits Router {
    private final String prefix;
    final Bindings bindings = new Bindings();
    private final List<Object> children = new ArrayList<>();

    RouterGroup(String prefix) {
        this.prefix = prefix == null ? "" : prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** A sub-group whose routes start with this group's prefix then {@code prefix}. */
    public synchronized RouterGroup group(String prefix) {
        RouterGroup g = new RouterGroup(prefix);
        children.add(g);
        return g;
    }

    /** Middlewares for every route of the group (one with an inherited id replaces it). */
    public RouterGroup bind(Middleware... middlewares) {
        bindings.bind(middlewares);
        return this;
    }

    /** Anonymous middlewares with priority 0 (upstream's {@code BindFunc}). */
    public RouterGroup bindFunc(RequestHandler... handlers) {
        for (RequestHandler h : handlers) {
            bindings.bind(Middleware.of(h));
        }
        return this;
    }

    /** Removes middlewares by id from the group and everything registered in it so far. */
    public synchronized RouterGroup unbind(String... ids) {
        for (String id : ids) {
            if (id == null || id.isEmpty()) {
                continue;
            }
            bindings.unbind(id);
            for (Object child : children) {
                switch (child) {
                    case RouterGroup g -> g.unbind(id);
                    case Route r -> r.unbind(id);
                    default -> throw new IllegalStateException();
                }
            }
        }
        return this;
    }

    /** A route for {@code method} ({@code ""} for any method). */
    public synchronized Route route(String method, String path, RequestHandler action) {
        Route r = new Route(method == null ? "" : method.toUpperCase(java.util.Locale.ROOT), path, action);
        PathPattern.parse(fullPrefixFree(path)); // a malformed path fails here, where it is written
        children.add(r);
        return r;
    }

    /** Every method. */
    public Route any(String path, RequestHandler action) {
        return route("", path, action);
    }

    /** GET, and HEAD with the body left out. */
    public Route get(String path, RequestHandler action) {
        return route("GET", path, action);
    }

    public Route post(String path, RequestHandler action) {
        return route("POST", path, action);
    }

    public Route put(String path, RequestHandler action) {
        return route("PUT", path, action);
    }

    public Route patch(String path, RequestHandler action) {
        return route("PATCH", path, action);
    }

    public Route delete(String path, RequestHandler action) {
        return route("DELETE", path, action);
    }

    public Route head(String path, RequestHandler action) {
        return route("HEAD", path, action);
    }

    public Route options(String path, RequestHandler action) {
        return route("OPTIONS", path, action);
    }

    public Route search(String path, RequestHandler action) {
        return route("SEARCH", path, action);
    }

    /** Checks a route's own path the way it will be joined ("" under a prefix is the prefix itself). */
    private String fullPrefixFree(String path) {
        return path.isEmpty() || !path.startsWith("/") ? "/" + path : path;
    }

    /** Every route with its full path and its chain of middlewares in binding order (before the priority sort). */
    synchronized void collect(String parentPrefix, List<Bindings> parents, List<Compiled> out) {
        String full = parentPrefix + prefix;
        List<Bindings> nodes = new ArrayList<>(parents);
        nodes.add(bindings);
        for (Object child : children) {
            switch (child) {
                case RouterGroup g -> g.collect(full, nodes, out);
                case Route r -> {
                    List<Bindings> chainNodes = new ArrayList<>(nodes);
                    chainNodes.add(r.bindings);
                    out.add(new Compiled(new RoutePattern(r.method(), PathPattern.parse(full + r.path())),
                            chain(chainNodes), r.action()));
                }
                default -> throw new IllegalStateException();
            }
        }
    }

    /**
     * The route's middlewares as upstream binds them into one hook: the router's, each group's, the route's,
     * each skipped when unbound on its node or below; one with the id of an earlier one takes its place; then
     * a stable sort by priority.
     */
    static List<Middleware> chain(List<Bindings> nodes) {
        List<Middleware> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (Middleware m : nodes.get(i).middlewares()) {
                boolean unbound = false;
                for (int j = i; j < nodes.size() && !unbound; j++) {
                    unbound = nodes.get(j).excludes(m.id());
                }
                if (unbound) {
                    continue;
                }
                int same = -1;
                for (int k = 0; k < out.size() && !m.id().isEmpty(); k++) {
                    if (out.get(k).id().equals(m.id())) {
                        same = k;
                    }
                }
                if (same >= 0) {
                    out.set(same, m);
                } else {
                    out.add(m);
                }
            }
        }
        out.sort(java.util.Comparator.comparingInt(Middleware::priority));
        return List.copyOf(out);
    }

    /** A route ready to serve: method and full path, sorted middlewares, action. */
    record Compiled(RoutePattern pattern, List<Middleware> middlewares, RequestHandler action) {
    }
}
