package dev.locket.application.hook;

import dev.locket.application.port.in.realtime.RealtimeClients;
import dev.locket.domain.rule.RequestInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Upstream's {@code RealtimeSubscribeRequestEvent}: a client replaces its subscriptions (the SSE
 * {@code POST /api/realtime}, or a WebSocket subscribe, unsubscribe or auth frame), after the request was
 * validated and the client found. {@link #subscriptions()} is the new whole set, which a handler may change
 * before {@code next()}; throwing refuses the change with that error, the previous set staying in force. As a
 * request event, a handler may answer the subscribe request with {@link #json}/{@link #noContent} in place of
 * upstream's default 204.
 */
public final class RealtimeSubscribeRequestEvent extends RequestHookEvent {
    private final RealtimeClients.Connection client;
    private List<String> subscriptions;

    public RealtimeSubscribeRequestEvent(RealtimeClients.Connection client, RequestInfo request,
                                         List<String> subscriptions) {
        super(request);
        this.client = Objects.requireNonNull(client);
        this.subscriptions = new ArrayList<>(subscriptions);
    }

    public RealtimeClients.Connection client() {
        return client;
    }

    /** A mutable list: add or remove topics, or replace it with {@link #subscriptions(List)}. */
    public List<String> subscriptions() {
        return subscriptions;
    }

    public void subscriptions(List<String> topics) {
        this.subscriptions = new ArrayList<>(topics);
    }
}
