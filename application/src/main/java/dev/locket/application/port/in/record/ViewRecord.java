package dev.locket.application.port.in.record;

import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;

/** {@code GET /api/collections/{collection}/records/{id}}: 404 when missing or hidden by the view rule. */
public interface ViewRecord {

    record Query(String collection, String id, String expand, RequestInfo request) {
        public Query {
            expand = expand == null ? "" : expand;
        }
    }

    Record view(Query query);
}
