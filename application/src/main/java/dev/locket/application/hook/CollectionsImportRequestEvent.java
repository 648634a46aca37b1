package dev.locket.application.hook;

import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.domain.rule.RequestInfo;
import java.util.List;

/**
 * Request hook of {@code PUT /api/collections/import}, after the form was validated: the submitted
 * collections (upstream's {@code CollectionsData}) and {@code deleteMissing}; both may be changed before
 * {@code next()}, which imports them.
 */
public final class CollectionsImportRequestEvent extends RequestHookEvent {
    private List<CollectionDraft> collections;
    private boolean deleteMissing;

    public CollectionsImportRequestEvent(List<CollectionDraft> collections, boolean deleteMissing,
                                         RequestInfo request) {
        super(request);
        this.collections = List.copyOf(collections);
        this.deleteMissing = deleteMissing;
    }

    public List<CollectionDraft> collections() {
        return collections;
    }

    public void collections(List<CollectionDraft> replacement) {
        this.collections = List.copyOf(replacement);
    }

    public boolean deleteMissing() {
        return deleteMissing;
    }

    public void deleteMissing(boolean value) {
        this.deleteMissing = value;
    }
}
