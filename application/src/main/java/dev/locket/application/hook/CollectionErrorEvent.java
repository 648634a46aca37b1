package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;

/**
 * Fired when a collection write failed, or when the transaction holding it rolled back later (upstream's
 * {@code CollectionErrorEvent}); observes only.
 */
public final class CollectionErrorEvent extends CollectionEvent {
    private final RuntimeException error;

    public CollectionErrorEvent(RecordAction action, Collection original, Collection collection,
                                RuntimeException error) {
        super(action, original, collection);
        this.error = error;
    }

    public RuntimeException error() {
        return error;
    }
}
