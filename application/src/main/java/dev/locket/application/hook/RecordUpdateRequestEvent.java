package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;

/** Request hook of {@code PATCH …/records/{id}}; {@link #original()} is the stored record. */
public final class RecordUpdateRequestEvent extends RecordRequestEvent {
    private final Record original;

    public RecordUpdateRequestEvent(Collection collection, Record original, Record record, RequestInfo request) {
        super(collection, record, request);
        this.original = original;
    }

    public Record original() {
        return original;
    }
}
