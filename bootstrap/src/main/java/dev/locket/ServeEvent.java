package dev.locket;

import dev.locket.application.hook.HookEvent;
import io.helidon.webserver.http.HttpRouting;

/**
 * Fired once when the server is about to listen: handlers add their own routes through
 * {@link #routes()} (Helidon SE routing) before the REST API routes are registered, then call {@link #next()}.
 */
public final class ServeEvent extends HookEvent {
    private final HttpRouting.Builder routes;
    private final String host;
    private final int port;

    ServeEvent(HttpRouting.Builder routes, String host, int port) {
        this.routes = routes;
        this.host = host;
        this.port = port;
    }

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
