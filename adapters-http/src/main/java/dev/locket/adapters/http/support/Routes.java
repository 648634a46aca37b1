package dev.locket.adapters.http.support;

import dev.locket.domain.error.BadRequest;
import dev.locket.domain.record.RecordInput;
import io.helidon.http.Method;
import io.helidon.http.PathMatchers;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRules;
import java.util.Map;

/** Small routing and body helpers shared by the route classes. */
public final class Routes {
    /** PocketBase's message for a request body it cannot read at all. */

    private Routes() {
    }

    /** A GET route that also answers HEAD (same status and headers, no body). */
    public static void getOrHead(HttpRules rules, String path, Handler handler) {
        rules.route(Method.predicate(Method.GET, Method.HEAD), PathMatchers.create(path), handler);
    }

    /** The body as JSON-shaped values: JSON objects as sent, forms type-inferred, none as empty. */
    public static Map<String, Object> bodyMap(ApiRequest req) {
        return bodyMap(req.body());
    }

    /** As {@link #bodyMap(ApiRequest)} for a body already read. */
    public static Map<String, Object> bodyMap(ApiRequest.Body body) {
        return switch (body) {
            case ApiRequest.Body.Empty e -> Map.of();
            case ApiRequest.Body.Json j -> j.object();
            case ApiRequest.Body.Form f -> RecordInput.fromForm(f.values());
        };
    }

    /** Like {@link #bodyMap} but any unreadable body fails with the route's own message. */
    public static Map<String, Object> bodyMap(ApiRequest req, String unreadableMessage) {
        try {
            return bodyMap(req);
        } catch (BadRequest e) {
            throw new BadRequest(unreadableMessage);
        }
    }
}
