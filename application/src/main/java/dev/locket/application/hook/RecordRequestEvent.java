package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;

/**
 * Request hook around a whole record use case, after access checks and body resolution. Before
 * {@code next()} the record is the draft (create/update) or the found record (view/delete); after
 * it, the written record. Replacing it before {@code next()} changes what is written; after, what
 * is returned.
 */
public class RecordRequestEvent extends RecordEvent {
    public RecordRequestEvent(Collection collection, Record record, RequestInfo request) {
        super(collection, record, request);
    }
}
