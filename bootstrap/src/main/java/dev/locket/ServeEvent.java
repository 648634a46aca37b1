package dev.locket;

import dev.locket.adapters.http.route.Router;
import dev.locket.application.hook.HookEvent;
import io.helidon.webserver.http.HttpRouting;

/**
 * Fired once when the server is about to listen, as upstream's {@code OnServe}: handlers add their routes
 * and middlewares through {@link #router()} (upstream's {@code e.Router}), then call {@link #next()}.
 */
public final class ServeEvent extends HookEvent {
    private final HttpRouting.Builder routes;
    private final Router router;
    private final String host;
    private final int port;

    ServeEvent(HttpRouting.Builder routes, Router router, String host, int port) {
        this.routes = routes;
        this.router = router;
        this.host = host;
        this.port = port;
    }

    /**
     * The app's router: {@code se.router().get("/hello/{name}", e -> e.string(200, "Hello " + e.pathValue("name")))},
     * groups, and middlewares such as {@code requireAuth()} from {@link dev.locket.adapters.http.route.Middlewares}.
     */
    public Router router() {
        return router;
    }

    /**
     * The raw Helidon routing, for handlers that need Helidon itself: its routes see none of the router's
     * middlewares (no {@code e.auth()}, no PocketBase errors), only the server-wide guards.
     */
    public HttpRouting.Builder routes() {
        return routes;
    }

    /** The address asked for on the command line (the port may be 0 until the server is up). */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }
}
