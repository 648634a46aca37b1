package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import java.util.List;

/**
 * Request hook around a whole record use case, after access checks and body resolution. Before
 * {@code next()} the record is the draft (create/update) or the found record (view/delete); after
 * it, the written record. Replacing it before {@code next()} changes what is written; after, what
 * is returned. A create/update draft is validated in {@code next()}, as upstream's form submit is, so a
 * handler sees (and may veto or drop) uploads the field's own limits would refuse. As upstream's
 * {@code RecordRequestEvent} (a request event, not a model event), a handler may answer the request itself
 * with {@link #json} or {@link #noContent}.
 */
public class RecordRequestEvent extends RecordHoldingRequestEvent {
    private final List<UnsavedFile> uploads;

    public RecordRequestEvent(Collection collection, Record record, RequestInfo request) {
        this(collection, record, request, List.of());
    }

    /** With the files uploaded by this create/update request. */
    public RecordRequestEvent(Collection collection, Record record, RequestInfo request, List<UnsavedFile> uploads) {
        super(collection, record, request);
        this.uploads = List.copyOf(uploads);
    }

    /**
     * The files uploaded with this request that the record still holds (a handler drops one by replacing the
     * record without its name), in upload order; empty for view, delete and JSON bodies.
     */
    public List<UnsavedFile> unsavedFiles() {
        return uploads.stream().filter(this::held).toList();
    }

    /** {@link #unsavedFiles()} of one file field, as upstream's {@code record.GetUnsavedFiles(field)}. */
    public List<UnsavedFile> unsavedFiles(String field) {
        return unsavedFiles().stream().filter(f -> f.field().equals(field)).toList();
    }

    private boolean held(UnsavedFile f) {
        Record record = record();
        Object value = record == null ? null : record.get(f.field());
        return value instanceof List<?> names ? names.contains(f.name()) : f.name().equals(value);
    }
}
