package dev.locket.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * PocketBase's always-on response headers: the security trio, CORS for any origin (configurable
 * origins are a later concern) and preflight {@code OPTIONS} answered with 204.
 */
final class CorsFilter implements Filter {

    static final String ALLOWED_METHODS = "GET,HEAD,PUT,PATCH,POST,DELETE";

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header("X-XSS-Protection", "1; mode=block");
        res.header("X-Content-Type-Options", "nosniff");
        res.header("X-Frame-Options", "SAMEORIGIN");
        res.header(HeaderNames.VARY, "Origin");
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
        if (req.prologue().method().equals(Method.OPTIONS)) {
            res.header(HeaderNames.VARY, "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS)
                    .ifPresent(h -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, h));
            res.status(Status.NO_CONTENT_204);
            res.send();
            return;
        }
        chain.proceed();
    }
}
