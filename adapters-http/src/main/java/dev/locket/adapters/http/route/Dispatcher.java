package dev.locket.adapters.http.route;

import dev.locket.adapters.http.support.ApiErrors;
import dev.locket.adapters.http.support.HeadAsGet;
import dev.locket.adapters.http.support.RequestLogFilter;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.LocketException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * One Helidon handler in front of the API's routes: picks the route for the request as Go's {@code ServeMux}
 * does over the app's routes and the API's together (upstream registers both on one mux), runs a custom
 * route's middlewares and action, and passes everything else on to the next Helidon route.
 */
final class Dispatcher implements Handler {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    /** A route the mux knows: a custom one (with its chain), or one the API answers ({@code custom} null). */
    private record Entry(RoutePattern pattern, RouterGroup.Compiled custom) {
    }

    private final List<Entry> routes;
    private final boolean routerLogsOff;
    private final Function<String, Optional<Collection>> collections;

    /**
     * {@code routerLogsOff}: the router itself unbound {@code pbActivityLogger}, so nothing it serves (the
     * API included) is logged, as upstream's router then binds no activity logger on any route.
     */
    Dispatcher(List<RouterGroup.Compiled> custom, List<RoutePattern> api, boolean routerLogsOff,
               Function<String, Optional<Collection>> collections) {
        List<Entry> all = new ArrayList<>();
        custom.forEach(c -> all.add(new Entry(c.pattern(), c)));
        api.forEach(p -> all.add(new Entry(p, null)));
        // the order Go's routing tree tries them in: literal, then {name}, then a final wildcard, per segment
        all.sort(Comparator.comparing((Entry e) -> e.pattern().path(), PathPattern::compareSpecificity));
        this.routes = List.copyOf(all);
        this.routerLogsOff = routerLogsOff;
        this.collections = collections;
    }

    /**
     * The path values of the route the server itself will answer the request with (an API route, or none of
     * the mux's routes: realtime, public files, the JSON 404), or empty when a custom route answers it or it
     * is redirected to its slashed path.
     */
    Optional<Map<String, String>> passedOn(ServerRequest req) {
        Optional<Matched> found = match(method(req), req.path().rawPath());
        if (found.isPresent() && found.get().entry().custom() != null || slashedRedirect(req, found).isPresent()) {
            return Optional.empty();
        }
        return Optional.of(found.map(Matched::values).orElse(Map.of()));
    }

    private static String method(ServerRequest req) {
        return HeadAsGet.isHead(req) ? "HEAD" : req.prologue().method().text();
    }

    /**
     * Go redirects to the slashed path when that one matches exactly and this one does not (upstream's
     * catch-all "/" route matching everything else inexactly).
     */
    private Optional<String> slashedRedirect(ServerRequest req, Optional<Matched> found) {
        String rawPath = req.path().rawPath();
        if (rawPath.endsWith("/") || found.map(m -> m.entry().pattern().path().matchesExactly(rawPath))
                .orElse(false)) {
            return Optional.empty();
        }
        String slashed = rawPath + "/";
        return match(method(req), slashed).filter(m -> m.entry().pattern().path().matchesExactly(slashed))
                .map(m -> slashed);
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        Optional<Matched> found = match(method(req), req.path().rawPath());
        Optional<String> redirect = slashedRedirect(req, found); // it runs no middleware, is not logged
        if (redirect.isPresent()) {
            String query = req.query().rawValue();
            res.header(HeaderNames.LOCATION, redirect.get() + (query == null || query.isEmpty() ? "" : "?" + query));
            res.status(Status.MOVED_PERMANENTLY_301);
            RequestLogFilter.disable(req);
            res.send();
            return;
        }
        if (found.isEmpty() || found.get().entry().custom() == null) {
            if (routerLogsOff) {
                RequestLogFilter.disable(req);
            }
            res.next(); // the API's route, or the rest of the server (realtime, public files, the JSON 404)
            return;
        }
        RequestLogFilter.rememberCustomRoute(req);
        RouterGroup.Compiled route = found.get().entry().custom();
        if (!route.middlewares().contains(Middlewares.ACTIVITY_LOGGER)) {
            RequestLogFilter.disable(req); // pbActivityLogger unbound on the route or one of its groups
        }
        run(route.middlewares(), route.action(), found.get().values(), req, res, collections);
    }

    private record Matched(Entry entry, Map<String, String> values) {
    }

    /**
     * Go's lookup: routes of the request's method first, then (for HEAD) GET routes, then routes for any
     * method; among them the most specific path. Conflicting routes were refused, so this is also the most
     * specific route overall.
     */
    private Optional<Matched> match(String method, String rawPath) {
        if (!rawPath.startsWith("/")) {
            return Optional.empty();
        }
        String[] parts = PathPattern.split(rawPath);
        List<String> tried = method.equals("HEAD") ? List.of(method, "GET", "") : List.of(method, "");
        for (String m : tried) {
            for (Entry e : routes) {
                if (e.pattern().method().equals(m)) {
                    Optional<Map<String, String>> values = e.pattern().path().match(parts);
                    if (values.isPresent()) {
                        return Optional.of(new Matched(e, values.get()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code middlewares} then {@code action} as one chain over a new event; an error thrown (and not
     * handled by a middleware) answers as upstream's error handler answers a returned one.
     */
    static void run(List<Middleware> middlewares, RequestHandler action, Map<String, String> values,
                    ServerRequest req, ServerResponse res, Function<String, Optional<Collection>> collections) {
        RequestEvent e = new RequestEvent(req, res, values, collections);
        try {
            link(e, middlewares, 0, action);
            e.next();
        } catch (LocketException error) {
            ApiErrors.send(req, res, error);
        } catch (RuntimeException | Error unexpected) {
            throw unexpected; // upstream's panic recovery: the shared handler logs it and answers a generic 500
        } catch (Exception returned) {
            // a Go handler's returned plain error: upstream answers a generic 400 (404 for a missing file)
            int status = returned instanceof NoSuchFileException || returned instanceof FileNotFoundException
                    ? 404 : 400;
            LOG.log(System.Logger.Level.DEBUG, "custom route failed: " + req.path().path(), returned);
            ApiErrors.write(req, res, status, ApiErrors.defaultMessage(status), Map.of());
            RequestLogFilter.rememberError(req, String.valueOf(returned.getMessage()), Map.of());
        } finally {
            e.cleanup();
        }
    }

    /** Makes {@code e.next()} run the middleware at {@code index}, and finally the action. */
    private static void link(RequestEvent e, List<Middleware> chain, int index, RequestHandler action) {
        e.chain(new Link(chain, index, action));
    }

    /**
     * One step of the chain. It runs once: a second {@code next()} from the same middleware does nothing, and
     * once the step returns the event points back at it, so a late {@code next()} cannot skip ahead.
     */
    private static final class Link implements RequestEvent.Chain {
        private final List<Middleware> chain;
        private final int index;
        private final RequestHandler action;
        private boolean called;

        Link(List<Middleware> chain, int index, RequestHandler action) {
            this.chain = chain;
            this.index = index;
            this.action = action;
        }

        @Override
        public void proceed(RequestEvent event) throws Exception {
            if (called) {
                return;
            }
            called = true;
            try {
                if (index == chain.size()) {
                    action.handle(event);
                } else {
                    link(event, chain, index + 1, action);
                    chain.get(index).handler().handle(event);
                }
            } finally {
                event.chain(this);
            }
        }
    }
}
