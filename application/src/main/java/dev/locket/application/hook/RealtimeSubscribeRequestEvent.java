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
 * before {@code next()}; throwing refuses the change with that error, the previous set staying in force.
 */
public final class RealtimeSubscribeRequestEvent extends HookEvent {
    private final RealtimeClients.Connection client;
    private final RequestInfo request;
    private List<String> subscriptions;

    public RealtimeSubscribeRequestEvent(RealtimeClients.Connection client, RequestInfo request,
                                         List<String> subscriptions) {
        this.client = Objects.requireNonNull(client);
        this.request = request == null ? RequestInfo.guest() : request;
        this.subscriptions = new ArrayList<>(subscriptions);
    }

    public RealtimeClients.Connection client() {
        return client;
    }

    /** The subscribing request, with the auth record the subscriptions will be decided for. */
    public RequestInfo request() {
        return request;
    }

    /** A mutable list: add or remove topics, or replace it with {@link #subscriptions(List)}. */
    public List<String> subscriptions() {
        return subscriptions;
    }

    public void subscriptions(List<String> topics) {
        this.subscriptions = new ArrayList<>(topics);
    }
}
