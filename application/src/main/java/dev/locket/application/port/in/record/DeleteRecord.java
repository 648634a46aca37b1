package dev.locket.application.port.in.record;

import dev.locket.domain.rule.RequestInfo;

/** {@code DELETE /api/collections/{collection}/records/{id}}, with relation cascades. */
public interface DeleteRecord {

    record Command(String collection, String id, RequestInfo request) {
    }

    void delete(Command command);
}
