package dev.locket.application.port.in.record;

import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/** {@code PATCH /api/collections/{collection}/records/{id}}; body and caller as in {@link CreateRecord}. */
public interface UpdateRecord {

    record Command(String collection, String id, RecordBody body, String expand, RequestInfo request) {
        public Command {
            Objects.requireNonNull(collection);
            Objects.requireNonNull(id);
            body = body == null ? RecordBody.empty() : body;
            expand = expand == null ? "" : expand;
            request = RequestInfo.orGuest(request);
        }
    }

    Record update(Command command);
}
