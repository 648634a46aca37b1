package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.List;

/** Request hook of {@code PATCH …/records/{id}}; {@link #original()} is the stored record. */
public final class RecordUpdateRequestEvent extends RecordRequestEvent {
    private final Record original;

    public RecordUpdateRequestEvent(Collection collection, Record original, Record record, RequestInfo request) {
        this(collection, original, record, request, List.of());
    }

    /** With the files uploaded by this update request. */
    public RecordUpdateRequestEvent(Collection collection, Record original, Record record, RequestInfo request,
                                    List<UnsavedFile> uploads) {
        super(collection, record, request, uploads);
        this.original = original;
    }

    public Record original() {
        return original;
    }
}
