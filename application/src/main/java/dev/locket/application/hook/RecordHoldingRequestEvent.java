package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/**
 * What the request events about one record of a collection share ({@link RecordRequestEvent},
 * {@link RecordAuthRequestEvent}), as upstream's embed the collection and a {@code Record} a handler may replace
 * before {@code next()}.
 */
abstract class RecordHoldingRequestEvent extends RequestHookEvent implements CollectionScoped {
    private final Collection collection;
    private Record record;

    RecordHoldingRequestEvent(Collection collection, Record record, RequestInfo request) {
        super(request);
        this.collection = Objects.requireNonNull(collection);
        this.record = record;
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
}
