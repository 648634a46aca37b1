package dev.locket.application.port.in.record;

import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/**
 * {@code POST /api/collections/{collection}/records}: {@code body} holds the submitted values, modifiers
 * and files ({@link RecordBody}); {@code request} says who asks ({@link RequestInfo#system()} for
 * trusted in-process code, which the collection's rules do not restrict).
 */
public interface CreateRecord {

    record Command(String collection, RecordBody body, String expand, RequestInfo request) {
        public Command {
            Objects.requireNonNull(collection);
            body = body == null ? RecordBody.empty() : body;
            expand = expand == null ? "" : expand;
            request = RequestInfo.orGuest(request);
        }
    }

    Record create(Command command);
}
