package dev.locket.application.hook;

/** Upstream's realtime API hooks, fired alike by the SSE and the WebSocket transport. */
public final class RealtimeHooks {
    private final Hook<RealtimeConnectRequestEvent> connect = new Hook<>();
    private final Hook<RealtimeSubscribeRequestEvent> subscribe = new Hook<>();
    private final Hook<RealtimeMessageEvent> messageSend = new Hook<>();

    /** Around a whole realtime connection: code after {@code next()} runs once the client has gone. */
    public Hook<RealtimeConnectRequestEvent> onRealtimeConnectRequest() {
        return connect;
    }

    /** Before a client's subscriptions are replaced. */
    public Hook<RealtimeSubscribeRequestEvent> onRealtimeSubscribeRequest() {
        return subscribe;
    }

    /** Around writing each message to each client. */
    public Hook<RealtimeMessageEvent> onRealtimeMessageSend() {
        return messageSend;
    }
}
