package dev.locket.domain.rule;

import dev.locket.domain.record.Record;
import dev.locket.domain.types.FrozenMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What rules may read as {@code @request.*}: the authenticated record (if any), method, headers
 * (names lower-cased, non-alphanumerics as {@code _}), query, submitted body and context; and who is
 * asking ({@link #caller()}): a guest, an auth record, a superuser, or trusted in-process code.
 */
public record RequestInfo(Optional<Record> auth, String method, Map<String, String> headers,
                          Map<String, String> query, Map<String, Object> body, String context, boolean fromSystem) {

    public static final String SUPERUSERS = "_superusers";

    /** Who is asking, as access checks see it. */
    public enum Caller {
        /** No auth record. */
        GUEST,
        /** A record of a regular auth collection. */
        RECORD,
        /** A record of {@code _superusers}. */
        SUPERUSER,
        /**
         * Trusted in-process code (the embedding API, the CLI): superuser rights without an auth record,
         * as PocketBase's own app methods skip the API rules.
         */
        SYSTEM
    }

    public RequestInfo {
        auth = auth == null ? Optional.empty() : auth;
        if (fromSystem && auth.isPresent()) {
            throw new IllegalArgumentException("a system request acts without an auth record");
        }
        headers = FrozenMap.copyOf(headers);
        query = FrozenMap.copyOf(query);
        body = FrozenMap.copyOf(body);
        context = context == null ? "default" : context;
    }

    /** A request from outside: a guest when {@code auth} is empty. */
    public RequestInfo(Optional<Record> auth, String method, Map<String, String> headers, Map<String, String> query,
                       Map<String, Object> body, String context) {
        this(auth, method, headers, query, body, context, false);
    }

    /**
     * How rules name a request header ({@code @request.headers.x_forwarded_for}): lower case, every character but
     * a-z and 0-9 an underscore. Made for every header of every request, so without a regex.
     */
    public static String headerKey(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        char[] out = null;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) {
                if (out == null) {
                    out = lower.toCharArray();
                }
                out[i] = '_';
            }
        }
        return out == null ? lower : new String(out);
    }

    /** A guest GET with nothing else: handy for in-process calls and tests. */
    public static RequestInfo guest() {
        return new RequestInfo(Optional.empty(), "GET", Map.of(), Map.of(), Map.of(), "default");
    }

    /**
     * {@code request}, or a {@link #guest()}'s when there is none: an embedding caller who passes no request is
     * decided on as a guest, never as the system.
     */
    public static RequestInfo orGuest(RequestInfo request) {
        return request == null ? guest() : request;
    }

    /** A superuser's GET with nothing else. */
    public static RequestInfo superuser(Record superuser) {
        return new RequestInfo(Optional.of(superuser), "GET", Map.of(), Map.of(), Map.of(), "default");
    }

    /** Trusted in-process code ({@link Caller#SYSTEM}): what the embedding API and the CLI act as. */
    public static RequestInfo system() {
        return new RequestInfo(Optional.empty(), "GET", Map.of(), Map.of(), Map.of(), "default", true);
    }

    public Caller caller() {
        if (fromSystem) {
            return Caller.SYSTEM;
        }
        if (auth.isEmpty()) {
            return Caller.GUEST;
        }
        return SUPERUSERS.equals(auth.get().collection().name()) ? Caller.SUPERUSER : Caller.RECORD;
    }

    /**
     * Whether the request has superuser rights: a {@code _superusers} record or the {@link Caller#SYSTEM}
     * caller. API rules do not apply to either.
     */
    public boolean isSuperuser() {
        Caller c = caller();
        return c == Caller.SUPERUSER || c == Caller.SYSTEM;
    }

    public RequestInfo withBody(Map<String, Object> newBody) {
        return new RequestInfo(auth, method, headers, query, newBody, context, fromSystem);
    }

    public RequestInfo withContext(String newContext) {
        return new RequestInfo(auth, method, headers, query, body, newContext, fromSystem);
    }

    public RequestInfo withMethod(String newMethod) {
        return new RequestInfo(auth, newMethod, headers, query, body, context, fromSystem);
    }
}
