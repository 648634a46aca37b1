package dev.locket.adapters.http.route;

import dev.locket.adapters.http.HttpPorts;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.rule.RequestInfo;
import io.helidon.webserver.http.HttpRouting;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The custom routes of an app, as upstream's {@code e.Router} in the serve hook: routes and groups with path
 * parameters, middlewares by priority and id. Every route starts with the router's own middlewares, as
 * upstream's {@code apis.NewRouter} binds them: {@code pbActivityLogger} (priority -1040; unbinding it keeps
 * the route's requests out of the request log), {@code pbLoadAuthToken} (priority -1020, loads
 * {@link RequestEvent#auth()}) and {@code pbBodyLimit} (32 MiB, priority -990); CORS, the rate limiter,
 * {@code superuserIPs}, the trusted proxy and the security headers apply to custom routes as they apply to
 * the API (they run as server filters before any route).
 *
 * <p>Middlewares bound on the router itself (not on a group) also wrap the routes the server answers (the API,
 * realtime, files, the JSON 404), as upstream's API routes are routes of the same router: see
 * {@link ServerRouteMiddlewares}. A group's middlewares stay with the group's own routes, as upstream's.
 *
 * <p>Precedence is Go's {@code ServeMux}'s over the custom routes and the API's together, as upstream hands
 * both to one mux: the most specific route answers, whichever side it is on (a custom
 * {@code GET /api/collections/{c}/{action}} leaves {@code .../records} to the API; a custom
 * {@code GET /api/collections/meta/special} wins over the API's {@code GET /api/collections/{collection}});
 * then one for the request's method over one for any. Two routes matching some request alike, neither more
 * specific, fail the start with a {@link RouteConflict} (Go's mux panics).
 *
 * <p>The routes are read once, when the server starts (upstream's {@code BuildMux} at the end of the serve
 * hook chain): a route added afterwards, even by a serve handler after its {@code next()}, is not served.
 */
public final class Router extends RouterGroup {
    private final Function<String, Optional<Collection>> collections;

    private Router(HttpPorts ports) {
        super("");
        this.collections = nameOrId -> {
            try {
                return Optional.of(ports.collections().view(nameOrId, RequestInfo.system()));
            } catch (LocketException missing) {
                return Optional.empty();
            }
        };
        bind(Middlewares.ACTIVITY_LOGGER, Middlewares.loadAuthToken(ports.authenticate()),
                Middlewares.bodyLimit(Middlewares.DEFAULT_MAX_BODY_SIZE));
    }

    /** An empty router over the app's ports (tokens authenticate, collections are looked up through them). */
    public static Router create(HttpPorts ports) {
        return new Router(ports);
    }

    /**
     * Builds the routes as they stand now into one handler in front of the API's routes (mount it before
     * them), after checking that no two of them (custom or API) conflict.
     *
     * @throws RouteConflict naming the first conflicting pair
     */
    public void mount(HttpRouting.Builder routing) {
        List<Compiled> custom = new ArrayList<>();
        collect("", List.of(), custom);
        for (int i = 0; i < custom.size(); i++) {
            RoutePattern route = custom.get(i).pattern();
            for (int j = 0; j < i; j++) {
                failOnConflict(custom.get(j).pattern(), route);
            }
            for (RoutePattern api : ApiRoutes.ALL) {
                failOnConflict(api, route);
            }
        }
        boolean logsOff = !bindings.middlewares().contains(Middlewares.ACTIVITY_LOGGER);
        Dispatcher mux = new Dispatcher(custom, ApiRoutes.ALL, logsOff, collections);
        List<Middleware> aroundServer = serverRouteMiddlewares();
        if (!aroundServer.isEmpty()) {
            routing.addFilter(new ServerRouteMiddlewares(mux, aroundServer, collections));
        }
        if (!custom.isEmpty() || logsOff) { // else every request would be passed on: spare it the lookup
            routing.any(mux);
        }
    }

    /**
     * The router's own middlewares that wrap the routes the server answers (see {@link ServerRouteMiddlewares}),
     * by priority; none when only the built-in ones are bound (they have nothing to add there: the API loads
     * its own auth, keeps its own body limits, and the request log is a server filter).
     */
    private List<Middleware> serverRouteMiddlewares() {
        List<Middleware> chain = new ArrayList<>(chain(List.of(bindings)));
        chain.removeIf(m -> m.id().equals(Middlewares.BODY_LIMIT_ID) || m == Middlewares.ACTIVITY_LOGGER);
        boolean builtInOnly = chain.stream().allMatch(m -> m.id().equals(Middlewares.LOAD_AUTH_TOKEN_ID));
        return builtInOnly ? List.of() : List.copyOf(chain);
    }

    private static void failOnConflict(RoutePattern registered, RoutePattern added) {
        Optional<String> conflict = added.conflictWith(registered);
        if (conflict.isPresent()) {
            throw new RouteConflict(conflict.get());
        }
    }
}
