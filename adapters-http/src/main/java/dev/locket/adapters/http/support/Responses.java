package dev.locket.adapters.http.support;

import dev.locket.adapters.http.json.GoJson;
import dev.locket.domain.json.FieldsPicker;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes successful JSON responses, applying the {@code fields} picker to every 2xx body. */
public final class Responses {

    private Responses() {
    }

    public static void json(ServerRequest req, ServerResponse res, int status, Object tree) {
        Object body = tree;
        FieldsPicker picker = picker(req);
        if (picker != null) {
            body = sorted(picker.pick(tree));
        }
        res.status(Status.create(status));
        sendBytes(req, res, GoJson.write(body));
    }

    /** A list envelope: the picker narrows each item, the envelope keys stay. */
    public static void list(ServerRequest req, ServerResponse res, Map<String, Object> envelope) {
        Object body = envelope;
        FieldsPicker picker = picker(req);
        if (picker != null) {
            body = sorted(picker.pickItems(envelope));
        }
        res.status(Status.OK_200);
        sendBytes(req, res, GoJson.write(body));
    }

    public static void noContent(ServerResponse res) {
        res.status(Status.NO_CONTENT_204);
        res.send();
    }

    static void sendBytes(ServerRequest req, ServerResponse res, byte[] bytes) {
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        if (HeadAsGet.isHead(req) || req.prologue().method().equals(Method.HEAD)) {
            // HEAD answers like GET without a body.
            res.header(HeaderNames.CONTENT_LENGTH, String.valueOf(bytes.length));
            res.send();
            return;
        }
        res.send(bytes);
    }

    /**
     * Upstream picks on a decoded copy of the response (Go maps), so a picked body comes out with
     * every object's keys sorted.
     */
    public static Object sorted(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new TreeMap<>();
            map.forEach((k, v) -> out.put(String.valueOf(k), sorted(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(v -> out.add(sorted(v)));
            return out;
        }
        return value;
    }

    private static FieldsPicker picker(ServerRequest req) {
        var q = req.query();
        if (!q.contains("fields")) {
            return null;
        }
        List<String> all = q.all("fields");
        if (all.isEmpty() || all.getFirst().isEmpty()) {
            return null;
        }
        FieldsPicker picker = FieldsPicker.parse(all.getFirst());
        return picker.isEmpty() ? null : picker;
    }
}
