package dev.locket.adapters.http.support;

import dev.locket.application.port.in.admin.LogRequests;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.json.JsonObject;
import dev.locket.domain.record.Record;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.Map;
import java.util.Optional;

/**
 * Reports every finished request to the request log (admin-and-ops §3). The report is a cheap
 * in-memory hand-off; the log service writes in the background. Successful realtime connections,
 * logs API calls, static files and the OAuth2 redirect are left out, as upstream does.
 */
public final class RequestLogFilter implements Filter {
    private static final System.Logger LOG = System.getLogger(RequestLogFilter.class.getName());
    /** Request-context classifiers: the authenticated record and the error body written. */
    static final String AUTH_KEY = "locket.request.auth";
    static final String ERROR_KEY = "locket.request.error";
    /** Set by a custom route: logged whatever its path (upstream's activity logger runs for every route). */
    static final String CUSTOM_ROUTE_KEY = "locket.request.customRoute";
    /** Set by upstream's {@code SkipSuccessActivityLog} middleware: only a failure is logged. */
    static final String SKIP_SUCCESS_KEY = "locket.request.skipSuccess";
    /** Set when the route answering has no {@code pbActivityLogger}: nothing is logged, failures included. */
    static final String DISABLED_KEY = "locket.request.logDisabled";

    /** The error body an error answer carried: its message and {@code data}. */
    record WrittenError(String message, Map<String, Object> data) {
    }

    private final LogRequests logs;

    public RequestLogFilter(LogRequests logs) {
        this.logs = logs;
    }

    /** Remembers the authenticated record for the log (called when a route authenticates). */
    public static void rememberAuth(ServerRequest req, Record auth) {
        req.context().register(AUTH_KEY, auth);
    }

    /** Remembers an error body for the log (called by the error writer). */
    public static void rememberError(ServerRequest req, String message, Map<String, Object> data) {
        req.context().register(ERROR_KEY, new WrittenError(message, data));
    }

    /** Marks the request as answered by a custom route: logged even outside {@code /api/}. */
    public static void rememberCustomRoute(ServerRequest req) {
        req.context().register(CUSTOM_ROUTE_KEY, Boolean.TRUE);
    }

    /** Only a failed answer of this request is logged (upstream's {@code SkipSuccessActivityLog}). */
    public static void skipSuccess(ServerRequest req) {
        req.context().register(SKIP_SUCCESS_KEY, Boolean.TRUE);
    }

    /**
     * Leaves the request out of the log whatever its outcome: its route unbound upstream's
     * {@code pbActivityLogger}, or Go's mux answered it with a redirect before any middleware.
     */
    public static void disable(ServerRequest req) {
        req.context().register(DISABLED_KEY, Boolean.TRUE);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        RuntimeException thrown = null;
        try {
            chain.proceed();
        } catch (RuntimeException e) {
            thrown = e;
            throw e;
        } finally {
            try {
                report(req, res, start, thrown);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "request log failed", e);
            }
        }
    }

    private void report(RoutingRequest req, RoutingResponse res, long start, RuntimeException thrown) {
        if (req.context().get(DISABLED_KEY, Boolean.class).orElse(false)) {
            return;
        }
        double execTime = (System.nanoTime() - start) / 1_000_000.0;
        int status;
        Optional<String> error = Optional.empty();
        Map<String, Object> details = Map.of();
        Optional<WrittenError> written = req.context().get(ERROR_KEY, WrittenError.class);
        if (thrown instanceof LocketException e) {
            status = e.status();
            error = Optional.of(ApiErrors.sentence(e.getMessage() == null || e.getMessage().isBlank()
                    ? ApiErrors.defaultMessage(status) : e.getMessage()));
            details = ApiErrors.data(e);
        } else if (thrown != null) {
            status = 500;
            error = Optional.of(String.valueOf(thrown.getMessage()));
        } else {
            status = res.status().code();
            if (written.isPresent()) {
                error = Optional.of(written.get().message());
                details = written.get().data();
            } else if (status >= 400) {
                error = Optional.of(ApiErrors.defaultMessage(status));
            }
        }
        String path = req.path().rawPath();
        if (error.isEmpty() && skippedWhenOk(req, path)) {
            return;
        }
        if (!logs.keeps(error.isPresent()) && !LOG.isLoggable(System.Logger.Level.DEBUG)) {
            return; // logs.maxDays 0 (upstream's benchmark setting) or below logs.minLevel, and no --dev console
        }
        String query = req.query().rawValue();
        String url = path + (query == null || query.isEmpty() ? "" : "?" + query);
        Optional<Record> auth = req.context().get(AUTH_KEY, Record.class);
        String remote = RequestIp.peer(req);
        // serve --dev prints every request, as upstream's dev mode prints its request log entries
        Optional<String> shown = error;
        LOG.log(System.Logger.Level.DEBUG, () -> String.format(java.util.Locale.ROOT, "%s %s %d %.2fms%s",
                req.prologue().method().text(), url, status, execTime, shown.map(e -> " " + e).orElse("")));
        logs.log(new LogRequests.FinishedRequest(req.prologue().method().text(), url, status, execTime,
                req.headers().first(HeaderNames.REFERER).orElse(""),
                req.headers().first(HeaderNames.USER_AGENT).orElse(""),
                auth.map(a -> a.collection().name()).orElse(""), auth.map(Record::id).orElse(""),
                remote, RequestIp.of(req), error, JsonObject.of(details)));
    }

    private static boolean skippedWhenOk(RoutingRequest req, String path) {
        if (req.context().get(SKIP_SUCCESS_KEY, Boolean.class).orElse(false)) {
            return true;
        }
        if (req.context().get(CUSTOM_ROUTE_KEY, Boolean.class).orElse(false)) {
            return false;
        }
        if (!path.startsWith("/api/")) {
            return true; // the admin UI and pb_public static files
        }
        return path.equals("/api/logs") || path.startsWith("/api/logs/")
                || path.equals("/api/oauth2-redirect")
                || (path.equals("/api/realtime") && req.prologue().method().equals(Method.GET));
    }
}
