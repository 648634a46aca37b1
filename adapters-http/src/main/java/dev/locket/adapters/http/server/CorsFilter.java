package dev.locket.adapters.http.server;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.regex.Pattern;

/**
 * PocketBase's always-on response headers: the security trio, and CORS as its middleware does it with
 * the {@code serve --origins} list: {@code Vary: Origin} always, an allow-origin header only for requests
 * that carry an allowed {@code Origin}, and every {@code OPTIONS} answered 204 as a preflight.
 */
final class CorsFilter implements Filter {

    static final String ALLOWED_METHODS = "GET,HEAD,PUT,PATCH,POST,DELETE";

    private final List<String> allowedOrigins;
    private final List<Pattern> patterns;

    CorsFilter(List<String> allowedOrigins) {
        this.allowedOrigins = List.copyOf(allowedOrigins);
        this.patterns = this.allowedOrigins.stream().filter(o -> !o.equals("*")).map(CorsFilter::pattern).toList();
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        res.header("X-XSS-Protection", "1; mode=block");
        res.header("X-Content-Type-Options", "nosniff");
        res.header("X-Frame-Options", "SAMEORIGIN");
        boolean preflight = req.prologue().method().equals(Method.OPTIONS);
        String origin = req.headers().first(HeaderNames.ORIGIN).orElse("");
        String allowOrigin = origin.isEmpty() ? "" : allowOrigin(origin);
        if (allowOrigin.isEmpty()) {
            res.header(HeaderNames.VARY, "Origin");
            if (!preflight) {
                chain.proceed();
                return;
            }
            res.status(Status.NO_CONTENT_204);
            res.send();
            return;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, allowOrigin);
        if (!preflight) {
            res.header(HeaderNames.VARY, "Origin");
            chain.proceed();
            return;
        }
        res.header(HeaderNames.VARY, "Origin", "Access-Control-Request-Method", "Access-Control-Request-Headers");
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS);
        req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS)
                .ifPresent(h -> res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, h));
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    /**
     * Upstream's matching, in its order: {@code *} (answered as {@code *}), an exact origin, a subdomain
     * wildcard such as {@code https://*.example.com}, then any origin pattern with {@code *} and {@code ?}.
     */
    String allowOrigin(String origin) {
        for (String allowed : allowedOrigins) {
            if (allowed.equals("*") || allowed.equals(origin)) {
                return allowed;
            }
            if (matchesSubdomain(origin, allowed)) {
                return origin;
            }
        }
        // upstream only tries the patterns on origin-shaped values of a sane length
        if (origin.length() <= 253 + 3 + 5 && origin.contains("://")) {
            for (Pattern p : patterns) {
                if (p.matcher(origin).matches()) {
                    return origin;
                }
            }
        }
        return "";
    }

    private static Pattern pattern(String allowed) {
        StringBuilder re = new StringBuilder();
        for (char ch : allowed.toCharArray()) {
            switch (ch) {
                case '*' -> re.append(".*");
                case '?' -> re.append('.');
                default -> re.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** Same scheme, and the pattern's host labels match from the right until one of them is {@code *}. */
    static boolean matchesSubdomain(String origin, String allowed) {
        int oScheme = origin.indexOf(':');
        int aScheme = allowed.indexOf(':');
        if (oScheme < 0 || aScheme < 0 || !origin.substring(0, oScheme).equals(allowed.substring(0, aScheme))) {
            return false;
        }
        int oSep = origin.indexOf("://");
        int aSep = allowed.indexOf("://");
        if (oSep < 0 || aSep < 0) {
            return false;
        }
        String oHost = origin.substring(oSep + 3);
        if (oHost.length() > 253) {
            return false;
        }
        String[] o = oHost.split("\\.", -1);
        String[] a = allowed.substring(aSep + 3).split("\\.", -1);
        for (int i = 0; i < o.length; i++) {
            if (a.length <= i) {
                return false;
            }
            String p = a[a.length - 1 - i];
            if (p.equals("*")) {
                return true;
            }
            if (!p.equals(o[o.length - 1 - i])) {
                return false;
            }
        }
        return false;
    }
}
