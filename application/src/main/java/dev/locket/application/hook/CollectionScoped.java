package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;

/** An event about one collection, so that collection-narrowed handlers can pick it. */
public interface CollectionScoped {
    Collection collection();
}
