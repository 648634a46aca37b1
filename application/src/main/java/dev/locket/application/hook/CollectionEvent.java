package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Model hook around storing a collection definition (create, update or delete, see {@link #action()}),
 * inside the transaction. {@link #original()} is the stored definition on update and delete.
 */
public non-sealed class CollectionEvent extends ModelSourceEvent implements CollectionScoped {
    private final RecordAction action;
    private final Collection original;
    private Collection collection;

    public CollectionEvent(RecordAction action, Collection original, Collection collection) {
        this.action = action;
        this.original = original;
        this.collection = Objects.requireNonNull(collection);
    }

    public RecordAction action() {
        return action;
    }

    public Optional<Collection> original() {
        return Optional.ofNullable(original);
    }

    @Override
    public Collection collection() {
        return collection;
    }

    public void collection(Collection replacement) {
        this.collection = Objects.requireNonNull(replacement);
    }
}
