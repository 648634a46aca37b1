package dev.locket.domain.rule;

import dev.locket.domain.record.Record;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What rules may read as {@code @request.*}: the authenticated record (if any), method, headers
 * (names lower-cased, non-alphanumerics as {@code _}), query, submitted body and context.
 */
public record RequestInfo(Optional<Record> auth, String method, Map<String, String> headers,
                          Map<String, String> query, Map<String, Object> body, String context) {

    public static final String SUPERUSERS = "_superusers";

    public RequestInfo {
        auth = auth == null ? Optional.empty() : auth;
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers == null ? Map.of() : headers));
        query = Collections.unmodifiableMap(new LinkedHashMap<>(query == null ? Map.of() : query));
        body = Collections.unmodifiableMap(new LinkedHashMap<>(body == null ? Map.of() : body));
        context = context == null ? "default" : context;
    }

    /** A guest GET with nothing else: handy for in-process calls and tests. */
    public static RequestInfo guest() {
        return new RequestInfo(Optional.empty(), "GET", Map.of(), Map.of(), Map.of(), "default");
    }

    /** An in-process call with full rights, as the embedding API and CLI use. */
    public static RequestInfo superuser(Record superuser) {
        return new RequestInfo(Optional.of(superuser), "GET", Map.of(), Map.of(), Map.of(), "default");
    }

    public boolean isSuperuser() {
        return auth.map(r -> SUPERUSERS.equals(r.collection().name())).orElse(false);
    }

    public RequestInfo withBody(Map<String, Object> newBody) {
        return new RequestInfo(auth, method, headers, query, newBody, context);
    }

    public RequestInfo withContext(String newContext) {
        return new RequestInfo(auth, method, headers, query, body, newContext);
    }

    public RequestInfo withMethod(String newMethod) {
        return new RequestInfo(auth, newMethod, headers, query, body, context);
    }
}
