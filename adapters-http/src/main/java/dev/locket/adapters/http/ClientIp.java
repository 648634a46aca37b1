package dev.locket.adapters.http;

import dev.locket.domain.auth.IpWhitelist;
import dev.locket.domain.settings.TrustedProxyConfig;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The client's "real IP" (admin-and-ops.md §8): from the {@code trustedProxy} headers when
 * configured, else the TCP peer. The guard filter resolves it once per request and the routes
 * read it back (OTP attempt limiter, login-origin fingerprint).
 */
final class ClientIp {
    private static final String CONTEXT_KEY = "dev.locket.clientIp";

    private ClientIp() {
    }

    /**
     * For each trusted header in order: its last occurrence, split by commas, the last (or with
     * {@code useLeftmostIP} the first) entry that parses as an IP; else the TCP remote address.
     */
    static String resolve(ServerRequest req, TrustedProxyConfig proxy) {
        return resolve(name -> req.headers().values(HeaderNames.create(name)), peer(req), proxy);
    }

    /** The same from header lookups and the TCP peer (a WebSocket upgrade has no routing request). */
    static String resolve(java.util.function.Function<String, List<String>> header, String peer,
                          TrustedProxyConfig proxy) {
        for (String h : proxy.headers()) {
            String name = h.trim();
            if (name.isEmpty()) {
                continue;
            }
            List<String> values = header.apply(name);
            if (values.isEmpty()) {
                continue;
            }
            String[] parts = values.getLast().split(",");
            List<String> ips = new ArrayList<>();
            for (String part : parts) {
                String p = part.trim();
                if (IpWhitelist.parse(p).isPresent()) {
                    ips.add(p);
                }
            }
            if (!ips.isEmpty()) {
                return proxy.useLeftmostIP() ? ips.getFirst() : ips.getLast();
            }
        }
        return peer;
    }

    static void remember(ServerRequest req, String ip) {
        req.context().register(CONTEXT_KEY, ip);
    }

    /** The IP the guard filter resolved, or the TCP peer when no filter ran. */
    static String of(ServerRequest req) {
        return req.context().get(CONTEXT_KEY, String.class).orElseGet(() -> peer(req));
    }

    /** The TCP peer, whatever proxy headers say. */
    static String peer(ServerRequest req) {
        if (req.remotePeer().address() instanceof InetSocketAddress a && a.getAddress() != null) {
            return a.getAddress().getHostAddress();
        }
        return "";
    }
}
