package dev.locket.adapters.realtime;

import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.domain.auth.AuthorizationHeader;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import io.helidon.http.Header;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Auth header and peer address handling shared by both transports. */
final class Tokens {
    private Tokens() {
    }

    /** The auth record of an {@code Authorization} value (with or without {@code Bearer }), or empty. */
    static Optional<Record> auth(Authenticate authenticate, String header) {
        String h = AuthorizationHeader.token(header);
        if (h.isEmpty()) {
            return Optional.empty();
        }
        return authenticate.authenticate(h);
    }

    /**
     * The client's real IP as the HTTP API's guard filter resolved it for this request (trusted proxy headers,
     * under the context key {@code dev.locket.clientIp}), else the TCP peer. Upstream binds a realtime client to
     * that IP when it connects and checks it on every subscription and OAuth2 redirect.
     */
    static String ip(io.helidon.webserver.http.ServerRequest req) {
        return req.context().get("dev.locket.clientIp", String.class).orElseGet(() -> ip(req.remotePeer().address()));
    }

    /**
     * The {@code exp} claim (epoch seconds) of an already verified JWT, with or without {@code Bearer };
     * {@link Long#MAX_VALUE} when it has none.
     */
    static long expiry(String header) {
        String[] parts = AuthorizationHeader.token(header).split("\\.");
        if (parts.length < 2) {
            return Long.MAX_VALUE;
        }
        try {
            byte[] json = java.util.Base64.getUrlDecoder().decode(parts[1]);
            com.fasterxml.jackson.databind.JsonNode exp = new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(json).get("exp");
            return exp != null && exp.canConvertToLong() ? exp.asLong() : Long.MAX_VALUE;
        } catch (IllegalArgumentException | java.io.IOException e) {
            return Long.MAX_VALUE;
        }
    }

    /**
     * What hooks see of a realtime request: its auth, method and headers (named as rules read them: lower
     * case, non-alphanumerics as {@code _}), in the {@code realtime} context.
     */
    static RequestInfo info(Optional<Record> auth, String method, Iterable<? extends Header> headers) {
        Map<String, String> named = new LinkedHashMap<>();
        for (Header h : headers) {
            named.putIfAbsent(RequestInfo.headerKey(h.name()), h.get());
        }
        return new RequestInfo(auth, method, named, Map.of(), Map.of(), "realtime");
    }

    static String ip(SocketAddress address) {
        if (address instanceof InetSocketAddress a && a.getAddress() != null) {
            return a.getAddress().getHostAddress();
        }
        return String.valueOf(address);
    }
}
