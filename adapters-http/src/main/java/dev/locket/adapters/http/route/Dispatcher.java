package dev.locket.adapters.http.route;

import dev.locket.adapters.http.support.ApiErrors;
import dev.locket.adapters.http.support.HeadAsGet;
import dev.locket.adapters.http.support.RequestLogFilter;
import dev.locket.domain.error.LocketException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One Helidon handler for a set of custom routes: picks the route for the request (or passes it on to the
 * next Helidon route), runs its middlewares and action, and answers what they throw as upstream does.
 */
final class Dispatcher implements Handler {
    private static final System.Logger LOG = System.getLogger(Dispatcher.class.getName());

    private final List<RouterGroup.Compiled> routes;

    Dispatcher(List<RouterGroup.Compiled> routes) {
        this.routes = routes.stream().sorted(Comparator.<RouterGroup.Compiled, PathPattern>comparing(
                RouterGroup.Compiled::path, PathPattern::compareSpecificity)).toList();
    }

    @Override
    public void handle(ServerRequest req, ServerResponse res) {
        String method = HeadAsGet.isHead(req) ? "HEAD" : req.prologue().method().text();
        String rawPath = req.path().rawPath();
        RouterGroup.Compiled best = null;
        Map<String, String> values = null;
        int bestMethodRank = Integer.MAX_VALUE;
        for (RouterGroup.Compiled route : routes) {
            if (best != null && route.path().compareSpecificity(best.path()) > 0) {
                break; // sorted: the rest are less specific
            }
            int rank = methodRank(route.method(), method);
            if (rank < 0 || rank >= bestMethodRank) {
                continue;
            }
            Optional<Map<String, String>> matched = route.path().match(rawPath);
            if (matched.isPresent()) {
                best = route;
                values = matched.get();
                bestMethodRank = rank;
            }
        }
        if (best == null) {
            for (RouterGroup.Compiled route : routes) {
                if (methodRank(route.method(), method) >= 0 && route.path().matchesAsSubtreeRoot(rawPath)) {
                    String query = req.query().rawValue();
                    String suffix = query == null || query.isEmpty() ? "" : "?" + query;
                    res.header(HeaderNames.LOCATION, rawPath + "/" + suffix);
                    res.status(Status.MOVED_PERMANENTLY_301);
                    res.send();
                    return;
                }
            }
            res.next();
            return;
        }
        run(best, values, req, res);
    }

    /** 0 the route's own method, 1 a GET route for HEAD, 2 a route for any method; -1 no match. */
    private static int methodRank(String routeMethod, String method) {
        if (routeMethod.equals(method)) {
            return 0;
        }
        if (routeMethod.equals("GET") && method.equals("HEAD")) {
            return 1;
        }
        return routeMethod.isEmpty() ? 2 : -1;
    }

    private static void run(RouterGroup.Compiled route, Map<String, String> values, ServerRequest req,
                            ServerResponse res) {
        RequestLogFilter.rememberCustomRoute(req);
        RequestEvent e = new RequestEvent(req, res, values);
        try {
            link(e, route.middlewares(), 0, route.action());
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
