package dev.locket.adapters.http.wire;

import dev.locket.adapters.http.json.GoJson;
import dev.locket.adapters.http.support.ApiErrors;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import io.helidon.webserver.http.DirectHandlers;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers requests Helidon rejects before routing (unparsable prologue or headers, an oversized
 * request line or header block, a body beyond the transport's limits) with PocketBase's JSON
 * error envelope instead of Helidon's plain-text page, so clients always get {@code {data, message, status}}.
 */
public final class TransportErrors implements DirectHandler {

    /** Go's default {@code MaxHeaderBytes} (1 MiB) plus the 4 KiB slack its server reads beyond it. */
    public static final int MAX_PROLOGUE_AND_HEADERS = (1 << 20) + 4096;

    public static DirectHandlers handlers() {
        TransportErrors handler = new TransportErrors();
        DirectHandlers.Builder b = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            b.addHandler(type, handler);
        }
        return b.build();
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status status,
                                    ServerResponseHeaders headers, String message) {
        int code = status.code();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", Map.of());
        body.put("message", ApiErrors.defaultMessage(code));
        body.put("status", code);
        headers.set(HeaderNames.CONTENT_TYPE, "application/json");
        return TransportResponse.builder()
                .status(status)
                .headers(headers)
                .keepAlive(eventType.keepAlive())
                .entity(GoJson.write(body))
                .build();
    }
}
