package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.rule.RequestInfo;
import java.util.Objects;

/**
 * Request hook of a collection view, create, update or delete. Before {@code next()} the collection is the
 * stored one (view, delete) or the one about to be saved (create, update: the submitted changes applied);
 * replacing it then changes what is saved or deleted. After {@code next()} it is the saved collection, which
 * the response shows.
 */
public final class CollectionRequestEvent extends RequestHookEvent {
    private Collection collection;

    public CollectionRequestEvent(Collection collection, RequestInfo request) {
        super(request);
        this.collection = Objects.requireNonNull(collection);
    }

    public Collection collection() {
        return collection;
    }

    public void collection(Collection replacement) {
        this.collection = Objects.requireNonNull(replacement);
    }
}
