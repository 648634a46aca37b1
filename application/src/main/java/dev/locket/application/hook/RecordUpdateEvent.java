package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;

/** Model hook around writing a changed record, inside the transaction; {@link #original()} is the stored one. */
public final class RecordUpdateEvent extends RecordEvent {
    private final Record original;

    public RecordUpdateEvent(Collection collection, Record original, Record record, RequestInfo request) {
        super(collection, record, request);
        this.original = original;
    }

    public Record original() {
        return original;
    }
}
