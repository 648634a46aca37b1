package dev.locket.application.hook;

import dev.locket.application.port.in.realtime.RealtimeClients;
import dev.locket.domain.rule.RequestInfo;
import java.time.Duration;
import java.util.Objects;

/**
 * Upstream's {@code RealtimeConnectRequestEvent}: a realtime connection (SSE stream or WebSocket) is being
 * established. The default action registers {@link #client()}, sends {@code PB_CONNECT} and serves the
 * connection until it ends, so code after {@code next()} runs once the client has disconnected. Throwing
 * refuses the connection with that error. The timeouts may be changed before {@code next()}. As a request
 * event, a handler may answer with {@link #json}/{@link #noContent} instead of calling {@code next()}: the
 * client gets that answer, no stream (upstream's handler writes the plain response the same way). An answer
 * written before {@code next()} also skips the stream, which could not follow it.
 */
public final class RealtimeConnectRequestEvent extends RequestHookEvent {
    private final RealtimeClients.Connection client;
    private Duration idleTimeout;
    private Duration maxTimeout;

    public RealtimeConnectRequestEvent(RealtimeClients.Connection client, RequestInfo request, Duration idleTimeout,
                                       Duration maxTimeout) {
        super(request);
        this.client = Objects.requireNonNull(client);
        this.idleTimeout = Objects.requireNonNull(idleTimeout);
        this.maxTimeout = Objects.requireNonNull(maxTimeout);
    }

    public RealtimeClients.Connection client() {
        return client;
    }

    /** How long the connection may go without a message before it is closed (upstream: 5 minutes). */
    public Duration idleTimeout() {
        return idleTimeout;
    }

    public void idleTimeout(Duration timeout) {
        this.idleTimeout = Objects.requireNonNull(timeout);
    }

    /** How long the connection may stay open at most (upstream: 30 minutes; SSE only). */
    public Duration maxTimeout() {
        return maxTimeout;
    }

    public void maxTimeout(Duration timeout) {
        this.maxTimeout = Objects.requireNonNull(timeout);
    }
}
