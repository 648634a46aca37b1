package dev.locket.application.service.collection;

import dev.locket.application.hook.CollectionEvent;
import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.RecordAction;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.error.ValidationFailed;

/**
 * Writes a collection definition through the collection hooks, inside the caller's transaction; the
 * after-success hooks fire once it commits.
 */
final class CollectionSaves {
    private final CollectionStore collections;
    private final Transactions tx;
    private final Hooks hooks;

    CollectionSaves(CollectionStore collections, Transactions tx, Hooks hooks) {
        this.collections = collections;
        this.tx = tx;
        this.hooks = hooks;
    }

    /**
     * Saves through the hooks. Store-level validation failures (an index SQLite rejects) take the
     * use case's message; other store failures are reported like upstream's raw database errors.
     */
    Collection store(RecordAction action, Collection original, Collection collection, String message) {
        try {
            return storeWithHooks(action, original, collection);
        } catch (ValidationFailed e) {
            throw e.withMessage(message);
        } catch (LocketException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadRequest(message + " Raw error: \n" + e.getMessage(), e);
        }
    }

    /** Saves through the hooks; whatever the store throws propagates unchanged. */
    Collection storeWithHooks(RecordAction action, Collection original, Collection collection) {
        CollectionEvent event = new CollectionEvent(action, original, collection);
        var hook = switch (action) {
            case CREATE -> hooks.onCollectionCreate();
            case UPDATE -> hooks.onCollectionUpdate();
            case DELETE -> hooks.onCollectionDelete();
        };
        hook.trigger(event, e -> {
            switch (action) {
                case CREATE -> collections.create(e.collection());
                case UPDATE -> collections.update(original, e.collection());
                case DELETE -> collections.delete(e.collection());
            }
        });
        tx.afterCommit(() -> hooks.onCollectionAfterSuccess().trigger(
                new CollectionEvent(action, original, event.collection())));
        return event.collection();
    }
}
