package dev.locket.application.port.in.record;

import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Map;

/**
 * {@code POST /api/collections/{collection}/records}. {@code body} holds JSON-shaped values (String,
 * Number, Boolean, List, Map, null) keyed by field name or modifier ({@code tags+}, {@code +tags},
 * {@code views-}); multipart bodies arrive already type-inferred.
 */
public interface CreateRecord {

    record Command(String collection, Map<String, Object> body, String expand, RequestInfo request) {
        public Command {
            body = body == null ? Map.of() : body;
            expand = expand == null ? "" : expand;
        }
    }

    Record create(Command command);
}
