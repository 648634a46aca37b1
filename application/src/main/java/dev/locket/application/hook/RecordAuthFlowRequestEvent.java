package dev.locket.application.hook;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;
import java.util.Optional;

/**
 * Request hook of one auth flow of an auth collection (tagged by it): auth refresh, request and confirm
 * password reset, request and confirm verification; the other flows extend it with their own fields. Fires
 * after the request was validated and the record looked up; the record may be replaced before {@code next()}
 * (it is then the one the flow works on) and, where upstream allows a missing one, may be empty.
 */
public class RecordAuthFlowRequestEvent extends RequestHookEvent implements CollectionScoped {
    private final AuthCollection collection;
    private Record record;

    public RecordAuthFlowRequestEvent(AuthCollection collection, Record record, RequestInfo request) {
        super(request);
        this.collection = Objects.requireNonNull(collection);
        this.record = record;
    }

    @Override
    public Collection collection() {
        return collection;
    }

    public AuthCollection authCollection() {
        return collection;
    }

    /** The record of the flow; empty only where upstream's may be nil (no identity matched). */
    public Optional<Record> record() {
        return Optional.ofNullable(record);
    }

    public void record(Record replacement) {
        this.record = replacement;
    }
}
