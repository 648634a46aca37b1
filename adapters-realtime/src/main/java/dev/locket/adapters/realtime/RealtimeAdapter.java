package dev.locket.adapters.realtime;

import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.application.port.in.realtime.RealtimeClients;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsRouting;
import java.time.Duration;
import java.util.Objects;

/**
 * The realtime transports over {@link RealtimeClients}: PocketBase's SSE protocol on
 * {@code GET/POST /api/realtime} and a JSON WebSocket protocol on {@code GET /api/realtime/ws}
 * (see this module's README). Bootstrap hands {@link #routes} and {@link #websocket} to the HTTP server.
 */
public final class RealtimeAdapter {
    /** PocketBase closes an SSE stream after 5 minutes without a message. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(5);
    /** ... and after 30 minutes whatever happens. */
    public static final Duration MAX_LIFETIME = Duration.ofMinutes(30);
    public static final String WS_PATH = "/api/realtime/ws";

    private final RealtimeClients clients;
    private final Authenticate authenticate;
    private final Duration idleTimeout;
    private final Duration maxLifetime;

    public RealtimeAdapter(RealtimeClients clients, Authenticate authenticate) {
        this(clients, authenticate, IDLE_TIMEOUT, MAX_LIFETIME);
    }

    /** With other SSE lifetimes (tests). */
    public RealtimeAdapter(RealtimeClients clients, Authenticate authenticate, Duration idleTimeout,
                           Duration maxLifetime) {
        this.clients = Objects.requireNonNull(clients);
        this.authenticate = Objects.requireNonNull(authenticate);
        this.idleTimeout = Objects.requireNonNull(idleTimeout);
        this.maxLifetime = Objects.requireNonNull(maxLifetime);
    }

    /** Registers {@code GET /api/realtime} (the SSE stream) and {@code POST /api/realtime} (subscriptions). */
    public void routes(HttpRouting.Builder routing) {
        routing.register(new SseRoutes(clients, authenticate, idleTimeout, maxLifetime));
    }

    /** Adds the WebSocket endpoint {@value #WS_PATH} to the server. */
    public void websocket(WebServerConfig.Builder server) {
        websocket(server, ConnectionGuard.NONE);
    }

    /**
     * Adds the WebSocket endpoint behind the HTTP guards; a socket closes when its token expires and after
     * the SSE idle timeout without a message either way.
     */
    public void websocket(WebServerConfig.Builder server, ConnectionGuard guard) {
        server.addRouting(WsRouting.builder().endpoint(WS_PATH,
                () -> new WsEndpoint(clients, authenticate, guard, idleTimeout)));
    }
}
