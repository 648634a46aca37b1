package dev.locket.application.port.out;

/**
 * Sends a message to one realtime client. The OAuth2 redirect (auth.md §6.2) uses it to hand the
 * provider's code to the SDK's {@code @oauth2} subscription.
 */
public interface RealtimePublisher {

    /**
     * Sends {@code data} (JSON-shaped) as an event named {@code topic} to the client {@code clientId} when it is
     * connected and subscribed to {@code topic} (and, when the client's IP was recorded, connected from
     * {@code clientIp}), then removes that subscription.
     *
     * @return whether the message was sent
     */
    boolean sendOnce(String clientId, String topic, String clientIp, Object data);

    /** No realtime transport: nothing can be delivered. */
    RealtimePublisher NONE = (clientId, topic, clientIp, data) -> false;
}
