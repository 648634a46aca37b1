package dev.locket.adapters.http.route;

import dev.locket.application.port.in.auth.Authenticate;
import io.helidon.webserver.http.HttpRouting;
import java.util.ArrayList;
import java.util.List;

/**
 * The custom routes of an app, as upstream's {@code e.Router} in the serve hook: routes and groups with path
 * parameters, middlewares by priority and id. Every route starts with the router's own middlewares, as
 * upstream's {@code apis.NewRouter} binds them: {@code pbLoadAuthToken} (priority -1020, loads
 * {@link RequestEvent#auth()}) and {@code pbBodyLimit} (32 MiB, priority -990); CORS, the rate limiter,
 * {@code superuserIPs}, the trusted proxy, the security headers and the request log apply to custom routes
 * as they apply to the API (they run as server filters before any route).
 *
 * <p>Precedence: a route whose path ends in a wildcard ({@code {path...}} or a trailing {@code /}) comes after
 * the API's routes, so a catch-all never hides them; any other route comes before them and may shadow one.
 * Among custom routes the most specific path wins, then one for the request's method over one for any.
 */
public final class Router extends RouterGroup {

    private Router(Authenticate authenticate) {
        super("");
        bind(Middlewares.loadAuthToken(authenticate), Middlewares.bodyLimit(Middlewares.DEFAULT_MAX_BODY_SIZE));
    }

    /** An empty router whose routes authenticate tokens with {@code authenticate}. */
    public static Router create(Authenticate authenticate) {
        return new Router(authenticate);
    }

    /** Mounts the routes that come before the API's (those not ending in a wildcard). */
    public void mountBeforeApi(HttpRouting.Builder routing) {
        mount(routing, false);
    }

    /** Mounts the routes ending in a wildcard, which come after the API's (and before static files). */
    public void mountAfterApi(HttpRouting.Builder routing) {
        mount(routing, true);
    }

    private void mount(HttpRouting.Builder routing, boolean wildcards) {
        List<Compiled> all = new ArrayList<>();
        collect("", List.of(), all);
        List<Compiled> part = all.stream().filter(c -> c.path().endsInWildcard() == wildcards).toList();
        if (!part.isEmpty()) {
            routing.any(new Dispatcher(part));
        }
    }
}
