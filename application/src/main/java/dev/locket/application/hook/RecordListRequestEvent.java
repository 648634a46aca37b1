package dev.locket.application.hook;

import dev.locket.application.port.out.Page;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/**
 * Request hook of the records list; the page is set by the default action and may be replaced after
 * {@code next()}, or the request answered with {@link #json} / {@link #noContent}.
 */
public final class RecordListRequestEvent extends RequestHookEvent implements CollectionScoped {
    private final Collection collection;
    private Page<Record> page;

    public RecordListRequestEvent(Collection collection, RequestInfo request) {
        super(request);
        this.collection = Objects.requireNonNull(collection);
    }

    @Override
    public Collection collection() {
        return collection;
    }

    public Page<Record> page() {
        return page;
    }

    public void page(Page<Record> replacement) {
        this.page = replacement;
    }
}
