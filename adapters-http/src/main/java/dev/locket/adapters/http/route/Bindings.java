package dev.locket.adapters.http.route;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The middlewares bound on one node of the router (the router, a group or a route) and the ids unbound
 * there, as upstream's groups and routes keep them.
 */
final class Bindings {
    private final List<Middleware> middlewares = new ArrayList<>();
    private final Set<String> excluded = new HashSet<>();

    synchronized void bind(Middleware... added) {
        for (Middleware m : added) {
            middlewares.add(m);
            if (!m.id().isEmpty()) {
                excluded.remove(m.id());
            }
        }
    }

    synchronized void unbind(String id) {
        middlewares.removeIf(m -> m.id().equals(id));
        excluded.add(id);
    }

    synchronized List<Middleware> middlewares() {
        return List.copyOf(middlewares);
    }

    synchronized boolean excludes(String id) {
        return !id.isEmpty() && excluded.contains(id);
    }
}
