package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;

/** Model hook around deleting a record (relation cascades included), inside the transaction. */
public final class RecordDeleteEvent extends RecordEvent {
    public RecordDeleteEvent(Collection collection, Record record, RequestInfo request) {
        super(collection, record, request);
    }
}
