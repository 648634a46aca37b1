package dev.locket.adapters.http.server;

import dev.locket.adapters.http.HttpPorts;
import dev.locket.domain.auth.AuthorizationHeader;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;

/**
 * The HTTP guards (real client IP through {@code trustedProxy}, {@code superuserIPs}, rate limits) for what
 * reaches the server without passing the routing filters: a WebSocket upgrade and the auth frames sent over
 * it. Its counters are its own, keyed on the WebSocket path's labels.
 */
public final class UpgradeGuard {
    private final GuardFilter guard;

    private UpgradeGuard(GuardFilter guard) {
        this.guard = guard;
    }

    /** The guard over the ports' settings; without auth flows (tests) it admits everything as the peer. */
    public static UpgradeGuard of(HttpPorts ports) {
        return new UpgradeGuard(ports.authFlows().map(flows -> new GuardFilter(flows.settings(),
                ports.authenticate(), flows.collections(), Clock.systemUTC())).orElse(null));
    }

    /** The client's real IP, and the refusal status and message (0 and "" when admitted). */
    public record Answer(String ip, int status, String message) {
    }

    /**
     * Decides one request as the HTTP guard filter would: {@code header} looks a header's values up by name,
     * {@code peer} is the TCP peer, {@code token} the bare auth token or "".
     */
    public Answer admit(String method, String path, Function<String, List<String>> header, String peer,
                        String token) {
        if (guard == null) {
            return new Answer(peer, 0, "");
        }
        GuardFilter.Verdict v = guard.decide(method, path, header, peer, AuthorizationHeader.token(token));
        return new Answer(v.ip(), v.status(), v.message());
    }
}
