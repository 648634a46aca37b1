package dev.locket.adapters.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;

/**
 * PocketBase's always-on response headers: the security trio, and CORS as its echo-style
 * middleware does it: {@code Vary: Origin} always, an allow-origin header only for requests that
 * carry an allowed {@code Origin}, and every {@code OPTIONS} answered 204 as a preflight.
 */
final class CorsFilter implements Filter {

    static final String ALLOWED_METHODS = "GET,HEAD,PUT,PATCH,POST,DELETE";

    private final List<String> allowedOrigins;

    CorsFilter(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header("X-XSS-Protection", "1; mode=block");
        res.header("X-Content-Type-Options", "nosniff");
        res.header("X-Frame-Options", "SAMEORIGIN");
        boolean preflight = req.prologue().method().equals(Method.OPTIONS);
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse("");
        String allowOrigin = origin.isEmpty() ? "" : allowOrigin(origin);
        if (!preflight) {
            res.header(HeaderNames.VARY, "Origin");
            if (!allowOrigin.isEmpty()) {
                res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin);
            }
            chain.proceed();
            return;
        }
        res.header(HeaderNames.VARY, "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");
        if (!allowOrigin.isEmpty()) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin);
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
            req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS)
                    .ifPresent(h -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, h));
        }
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    private String allowOrigin(String origin) {
        for (String allowed : allowedOrigins) {
            if (allowed.equals("*")) {
                return "*";
            }
            if (allowed.equalsIgnoreCase(origin)) {
                return origin;
            }
        }
        return "";
    }
}
