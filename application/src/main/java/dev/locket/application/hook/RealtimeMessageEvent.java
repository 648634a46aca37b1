package dev.locket.application.hook;

import dev.locket.application.port.in.realtime.RealtimeClients;
import dev.locket.domain.realtime.RealtimeMessage;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/**
 * Upstream's {@code RealtimeMessageEvent}: one message (record event, custom message or {@code PB_CONNECT})
 * about to be written to one client. Replacing {@link #message()} before {@code next()} changes what the
 * client receives; not calling {@code next()} drops the message; throwing closes the connection, as a failed
 * write does upstream.
 */
public final class RealtimeMessageEvent extends HookEvent {
    private final RealtimeClients.Connection client;
    private final RequestInfo request;
    private RealtimeMessage message;

    public RealtimeMessageEvent(RealtimeClients.Connection client, RequestInfo request, RealtimeMessage message) {
        this.client = Objects.requireNonNull(client);
        this.request = RequestInfo.orGuest(request);
        this.message = Objects.requireNonNull(message);
    }

    public RealtimeClients.Connection client() {
        return client;
    }

    /** The request that opened the connection. */
    public RequestInfo request() {
        return request;
    }

    public RealtimeMessage message() {
        return message;
    }

    public void message(RealtimeMessage replacement) {
        this.message = Objects.requireNonNull(replacement);
    }
}
