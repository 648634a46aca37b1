package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;

/**
 * Fired once the transaction holding a record write committed (realtime and file cleanup listen
 * here). It cannot veto: the write is durable.
 */
public final class RecordAfterSuccessEvent extends RecordEvent {
    private final RecordAction action;

    public RecordAfterSuccessEvent(RecordAction action, Collection collection, Record record, RequestInfo request) {
        super(collection, record, request);
        this.action = action;
    }

    public RecordAction action() {
        return action;
    }
}
