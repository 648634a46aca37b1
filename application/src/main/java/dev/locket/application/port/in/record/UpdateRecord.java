package dev.locket.application.port.in.record;

import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Map;

/** {@code PATCH /api/collections/{collection}/records/{id}}; body as in {@link CreateRecord}. */
public interface UpdateRecord {

    record Command(String collection, String id, Map<String, Object> body, String expand, RequestInfo request) {
        public Command {
            body = body == null ? Map.of() : body;
            expand = expand == null ? "" : expand;
        }
    }

    Record update(Command command);
}
