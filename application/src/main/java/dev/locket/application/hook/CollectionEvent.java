package dev.locket.application.hook;

import dev.locket.domain.collection.Collection;
import java.util.Objects;
import java.util.Optional;

/**
 * Model hook around storing a collection definition (create, update or delete, see {@link #action()}),
 * inside the transaction. {@link #original()} is the stored definition on update and delete.
 */
public class CollectionEvent extends HookEvent implements CollectionScoped {
    private final RecordAction action;
    private final Collection original;
    private Collection collection;
    /** The built-in check of the validate stage in progress ({@link ModelStages}), run by its system handler. */
    private Runnable validation;

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

    /** Set by {@link ModelStages} for the duration of a validate stage; {@code null} clears it. */
    final void validation(Runnable check) {
        this.validation = check;
    }

    /**
     * Upstream's system handler of {@code OnCollectionValidate} (priority {@link ModelHooks#VALIDATION_PRIORITY}):
     * checks the collection as the handlers before it left it, then runs the rest of the chain.
     */
    final void validateThenNext() {
        Runnable check = validation;
        if (check != null) {
            check.run();
        }
        next();
    }
}
