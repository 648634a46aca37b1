package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/**
 * Base of the record events: the collection, the record (which a handler may replace before
 * {@code next()} to change what is written or returned) and the request it came from.
 */
public abstract class RecordEvent extends HookEvent implements CollectionScoped {
    private final Collection collection;
    private final RequestInfo request;
    private Record record;
    /** The built-in check of the validate stage in progress ({@link ModelStages}), run by its system handler. */
    private Runnable validation;

    protected RecordEvent(Collection collection, Record record, RequestInfo request) {
        this.collection = Objects.requireNonNull(collection);
        this.record = record;
        this.request = request == null ? RequestInfo.guest() : request;
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

    /** Set by {@link ModelStages} for the duration of a validate stage; {@code null} clears it. */
    final void validation(Runnable check) {
        this.validation = check;
    }

    /**
     * Upstream's system handler of {@code OnRecordValidate} (priority {@link ModelHooks#VALIDATION_PRIORITY}): runs
     * the built-in check of the record as the handlers before it left it, then the rest of the chain.
     */
    final void validateThenNext() {
        Runnable check = validation;
        if (check != null) {
            check.run();
        }
        next();
    }
}
