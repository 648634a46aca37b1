package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;

/** Model hook around inserting a validated record, inside the transaction. */
public final class RecordCreateEvent extends RecordEvent {
    public RecordCreateEvent(Collection collection, Record record, RequestInfo request) {
        super(collection, record, request);
    }
}
