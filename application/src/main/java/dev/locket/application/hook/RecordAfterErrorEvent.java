package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;

/** Fired when a record write failed and its transaction rolled back; observes only. */
public final class RecordAfterErrorEvent extends RecordEvent {
    private final RecordAction action;
    private final RuntimeException error;

    public RecordAfterErrorEvent(RecordAction action, Collection collection, Record record, RequestInfo request,
                                 RuntimeException error) {
        super(collection, record, request);
        this.action = action;
        this.error = error;
    }

    public RecordAction action() {
        return action;
    }

    public RuntimeException error() {
        return error;
    }
}
