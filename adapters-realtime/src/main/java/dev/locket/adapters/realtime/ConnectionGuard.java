package dev.locket.adapters.realtime;

import java.util.List;
import java.util.function.Function;

/**
 * The HTTP API's guards for a WebSocket connection, which Helidon upgrades before any routing filter runs:
 * the caller's real IP (trusted proxy headers), {@code superuserIPs} and rate limits. Checked on the upgrade
 * and again for every auth frame.
 */
@FunctionalInterface
public interface ConnectionGuard {
    /** The client's real IP, and the refusal (status and message) or status 0. */
    record Admission(String ip, int status, String message) {
        boolean allowed() {
            return status == 0;
        }
    }

    /** {@code header}: a header's values by name; {@code peer}: the TCP peer; {@code token}: an auth token or "". */
    Admission admit(Function<String, List<String>> header, String peer, String token);

    /** No guard: the peer as the client IP, everything admitted. */
    ConnectionGuard NONE = (header, peer, token) -> new Admission(peer, 0, "");
}
