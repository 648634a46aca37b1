package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;

/** An event about one collection, so that collection-narrowed handlers (tags: its id or name) can pick it. */
public interface CollectionScoped extends TagScoped {
    Collection collection();

    @Override
    default boolean answersTo(String tag) {
        return collection().answersTo(tag);
    }
}
