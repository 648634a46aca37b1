package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/**
 * Base of the record events: the collection, the record (which a handler may replace before
 * {@code next()} to change what is written or returned) and the request it came from.
 */
public abstract non-sealed class RecordEvent extends ModelSourceEvent implements CollectionScoped {
    private final Collection collection;
    private final RequestInfo request;
    private Record record;

    protected RecordEvent(Collection collection, Record record, RequestInfo request) {
        this.collection = Objects.requireNonNull(collection);
        this.record = record;
        this.request = RequestInfo.orGuest(request);
    }

    @Override
    public Collection collection() {
        return collection;
    }

    public Record record() {
        return record;
    }

    public void record(Record replacement) {
        this.record = Objects.requireNonNull(replacement);
    }

    public RequestInfo request() {
        return request;
    }
}
