package dev.locket.domain.realtime;

import java.util.Objects;

/**
 * One message for one client: the event name (the subscription string, or {@code PB_CONNECT}) and
 * its data as one line of compact JSON, exactly as the transports put it on the wire.
 */
public record RealtimeMessage(String name, String data) {
    public RealtimeMessage {
        Objects.requireNonNull(name);
        Objects.requireNonNull(data);
    }
}
