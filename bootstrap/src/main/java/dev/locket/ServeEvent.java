package dev.locket;

import dev.locket.adapters.http.route.Router;
import dev.locket.adapters.http.server.LocketHttpServer;
import dev.locket.application.hook.HookEvent;
import io.helidon.webserver.http.HttpRouting;
import java.util.Optional;

/**
 * Fired each time the server is about to listen, as upstream's {@code OnServe}: handlers add their routes and
 * middlewares through {@link #router()} (upstream's {@code e.Router}), then call {@link #next()}. The chain's
 * end builds the routes as they stand and starts listening, so code after {@code next()} runs with the server
 * up (and a route added there is not served); a handler that does not call {@code next()} keeps the server
 * from starting and serve fails, as upstream's "Did you forget to call the ServeEvent.Next() method?".
 */
public final class ServeEvent extends HookEvent {
    private final HttpRouting.Builder routes;
    private final Router router;
    private final String host;
    private final int port;
    private LocketHttpServer server;

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
     * The raw Helidon routing, for handlers that need Helidon itself: its routes come before the router's and
     * the API's and see none of the router's middlewares (no {@code e.auth()}, no PocketBase errors), only the
     * server-wide guards. Routes added here after {@code next()} are not served.
     */
    public HttpRouting.Builder routes() {
        return routes;
    }

    /** The address asked for on the command line. */
    public String host() {
        return host;
    }

    /** The port asked for; after {@code next()} the port the server listens on (handy with port 0). */
    public int port() {
        return server == null ? port : server.port();
    }

    void listening(LocketHttpServer started) {
        this.server = started;
    }

    Optional<LocketHttpServer> server() {
        return Optional.ofNullable(server);
    }
}
