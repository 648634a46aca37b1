package dev.locket.adapters.http.support;

import dev.locket.adapters.http.json.GoJson;
import dev.locket.application.hook.HookResponse;
import dev.locket.domain.error.ApiError;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.BatchFailed;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.error.MfaRequired;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.TooLarge;
import dev.locket.domain.error.ValidationFailed;
import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one error handler of the shared routing: answers domain errors with their own status and writes
 * PocketBase's envelope {@code {"data":{…},"message":"…","status":N}}; anything unexpected is a
 * 500 whose details only reach the log.
 */
public final class ApiErrors {

    private static final System.Logger LOG = System.getLogger(ApiErrors.class.getName());

    public static final String GENERIC = BadRequest.GENERIC;

    private ApiErrors() {
    }

    public static void register(HttpRouting.Builder routing) {
        routing.error(LocketException.class, (req, res, e) -> send(req, res, e));
        routing.error(HookResponse.class, ApiErrors::sendHookResponse);
        routing.error(HttpException.class, (req, res, e) -> sendHelidon(req, res, e));
        routing.error(Exception.class, (req, res, e) -> {
            LOG.log(System.Logger.Level.ERROR, "Unhandled error on " + req.prologue().method().text() + " "
                    + req.path().rawPath(), e);
            write(req, res, 500, GENERIC, Map.of());
        });
    }

    public static void send(ServerRequest req, ServerResponse res, LocketException e) {
        if (e instanceof MfaRequired mfa) {
            // auth.md §7: the first factor's 401 is the bare {"mfaId"} object, not the envelope.
            if (!res.isSent()) {
                res.status(Status.UNAUTHORIZED_401);
                Responses.sendBytes(req, res, GoJson.write(Map.of("mfaId", mfa.mfaId())));
            }
            return;
        }
        int status = e.status();
        write(req, res, status, message(e, status), data(e));
    }

    /** The answer a request hook wrote itself ({@code e.json(...)}): sent as it is, not as an error. */
    private static void sendHookResponse(ServerRequest req, ServerResponse res, HookResponse answer) {
        if (res.isSent()) {
            return;
        }
        res.status(Status.create(answer.status()));
        if (answer.body().isEmpty()) {
            res.send();
            return;
        }
        Responses.sendBytes(req, res, GoJson.write(answer.body().get()));
    }

    /** When each client was last reported as rate limited: a flood gives one line per client per minute. */
    private static final Map<String, Long> RATE_LIMITED = new java.util.concurrent.ConcurrentHashMap<>();
    private static final long RATE_LIMIT_LOG_GAP = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);

    private static void logRateLimited(ServerRequest req) {
        String ip = RequestIp.peer(req);
        long now = System.nanoTime();
        Long last = RATE_LIMITED.get(ip);
        if (last != null && now - last < RATE_LIMIT_LOG_GAP) {
            return;
        }
        if (RATE_LIMITED.size() > 10_000) {
            RATE_LIMITED.clear();
        }
        RATE_LIMITED.put(ip, now);
        LOG.log(System.Logger.Level.INFO, "rate limited: " + req.prologue().method().text() + " " + req.path().path()
                + " from " + ip + " (further limits of this client in the next minute are not logged)");
    }

    private static String message(LocketException e, int status) {
        if (e.getMessage() != null && !e.getMessage().isBlank()) {
            return e.getMessage();
        }
        // upstream's ApiError without a message says the status text, its helpers their own defaults
        return e instanceof ApiError && defaultMessage(status).equals(GENERIC) && status != 400 && status != 500
                ? Status.create(status).reasonPhrase() : defaultMessage(status);
    }

    /** The envelope's {@code data}: field errors, a failed batch item, or {@code {}}. */
    static Map<String, Object> data(LocketException e) {
        if (e instanceof ValidationFailed v) {
            return tree(v.errors());
        }
        if (e instanceof BatchFailed b) {
            return batchData(b);
        }
        if (e instanceof ApiError a) {
            return tree(a.data());
        }
        return Map.of();
    }

    /**
     * {@code {"requests":{"<i>":{"code":…,"message":…,"response":{…}}}}}, the response being the error
     * body the failing item's own route would have written (keys in Go's struct order).
     */
    private static Map<String, Object> batchData(BatchFailed b) {
        LocketException failure = b.failure();
        int status = failure.status();
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("data", data(failure));
        response.put("message", sentence(message(failure, status)));
        response.put("status", status);
        Map<String, Object> item = new java.util.TreeMap<>();
        item.put("code", BatchFailed.ITEM_CODE);
        item.put("message", BatchFailed.ITEM_MESSAGE);
        item.put("response", response);
        return Map.of("requests", Map.of(String.valueOf(b.index()), item));
    }

    private static void sendHelidon(ServerRequest req, ServerResponse res, HttpException e) {
        int code = e.status().code();
        if (code >= 500) {
            LOG.log(System.Logger.Level.ERROR, "Server error", e);
        }
        // Helidon's own messages (e.g. parse failures) are not PocketBase's: use the status default.
        write(req, res, code, defaultMessage(code), Map.of());
    }

    public static void write(ServerRequest req, ServerResponse res, int status, String message, Map<String, Object> data) {
        if (res.isSent()) {
            return;
        }
        if (status == 429) {
            logRateLimited(req);
        }
        RequestLogFilter.rememberError(req, sentence(message), data);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("message", sentence(message));
        body.put("status", status);
        res.status(Status.create(status));
        Responses.sendBytes(req, res, GoJson.write(body));
    }

    public static String defaultMessage(int status) {
        return switch (status) {
            case 401 -> "Missing or invalid authentication.";
            case 403 -> Forbidden.DEFAULT;
            case 404 -> NotFound.DEFAULT;
            case 413 -> TooLarge.DEFAULT;
            case 429 -> "Too Many Requests.";
            default -> GENERIC;
        };
    }

    /** PocketBase's inflector: upper-case first letter, add '.' unless it ends with . ? or !. */
    static String sentence(String message) {
        String s = message == null ? "" : message.trim();
        if (s.isEmpty()) {
            return s;
        }
        s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
        char last = s.charAt(s.length() - 1);
        if (last != '.' && last != '?' && last != '!') {
            s = s + ".";
        }
        return s;
    }

    /** Go maps upstream, so keys are sorted (array indexes too, as strings). */
    static Map<String, Object> tree(Map<String, ErrorNode> errors) {
        Map<String, Object> out = new java.util.TreeMap<>();
        errors.forEach((k, v) -> out.put(k, node(v)));
        return out;
    }

    private static Object node(ErrorNode node) {
        return switch (node) {
            case FieldError f -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("code", f.code() == null || f.code().isEmpty() ? "validation_invalid_value" : f.code());
                m.put("message", f.message() == null || f.message().isEmpty() ? "Invalid value." : sentence(f.message()));
                if (!f.params().isEmpty()) {
                    m.put("params", new java.util.TreeMap<>(f.params()));
                }
                yield m;
            }
            case ErrorGroup g -> tree(g.children());
        };
    }
}
