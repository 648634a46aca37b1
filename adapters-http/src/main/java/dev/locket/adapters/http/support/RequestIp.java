package dev.locket.adapters.http.support;

import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;

/**
 * The client's "real IP" of one request: the guard filter resolves it once ({@link dev.locket.domain.auth.ClientIp},
 * from the {@code trustedProxy} headers or the TCP peer) and remembers it on the request; the routes read it back
 * (OTP attempt limiter, login-origin fingerprint, {@code realIP}).
 */
public final class RequestIp {
    private static final String CONTEXT_KEY = "dev.locket.clientIp";

    private RequestIp() {
    }

    public static void remember(ServerRequest req, String ip) {
        req.context().register(CONTEXT_KEY, ip);
    }

    /** The IP the guard filter resolved, or the TCP peer when no filter ran. */
    public static String of(ServerRequest req) {
        return req.context().get(CONTEXT_KEY, String.class).orElseGet(() -> peer(req));
    }

    /** The TCP peer, whatever proxy headers say. */
    public static String peer(ServerRequest req) {
        if (req.remotePeer().address() instanceof InetSocketAddress a && a.getAddress() != null) {
            return a.getAddress().getHostAddress();
        }
        return "";
    }
}
