package dev.locket.adapters.http.support;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.io.OutputStream;

/**
 * PocketBase accepts HEAD wherever GET is: a HEAD request is routed as a GET (custom routes
 * included) and whatever body the handler writes is discarded.
 */
public final class HeadAsGet implements Filter {

    static final String MARKER = "locket.head";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        HttpPrologue p = req.prologue();
        if (!p.method().equals(Method.HEAD)) {
            chain.proceed();
            return;
        }
        req.context().register(MARKER, Boolean.TRUE);
        req.prologue(HttpPrologue.create(p.rawProtocol(), p.protocol(), p.protocolVersion(), Method.GET,
                p.uriPath(), p.query(), p.fragment()));
        res.streamFilter(out -> OutputStream.nullOutputStream());
        chain.proceed();
    }

    public static boolean isHead(io.helidon.webserver.http.ServerRequest req) {
        return req.context().get(MARKER, Boolean.class).orElse(false);
    }
}
