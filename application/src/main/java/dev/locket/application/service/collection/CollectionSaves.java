package dev.locket.application.service.collection;

import dev.locket.application.hook.CollectionErrorEvent;
import dev.locket.application.hook.CollectionEvent;
import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.ModelStages;
import dev.locket.application.hook.RecordAction;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.error.ValidationFailed;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a collection definition through upstream's model stages ({@link ModelStages}: create and update wrap
 * the validate stage and the execute stage), inside the caller's transaction; the after-success stage fires once
 * it commits, the after-error stage when the write or its transaction failed.
 */
final class CollectionSaves {
    private final CollectionStore collections;
    private final Transactions tx;
    private final ModelStages stages;
    private final CollectionValidation validation;

    CollectionSaves(CollectionStore collections, Transactions tx, Hooks hooks, CollectionValidation validation) {
        this.collections = collections;
        this.tx = tx;
        this.stages = new ModelStages(hooks);
        this.validation = validation;
    }

    /**
     * Saves through the hooks. Store-level validation failures (an index SQLite rejects) take the
     * use case's message; other store failures are reported like upstream's raw database errors.
     */
    Collection store(RecordAction action, Collection original, Collection collection, String message) {
        return store(action, original, collection, message, null);
    }

    /**
     * As {@link #store(RecordAction, Collection, Collection, String)} for a collection not validated yet: the
     * validate stage checks the collection the hooks before its system handler left, with {@code draftErrors}
     * (what reading the request body found) on top.
     */
    Collection store(RecordAction action, Collection original, Collection collection, String message,
                     Map<String, ErrorNode> draftErrors) {
        try {
            return storeWithHooks(action, original, collection, message, draftErrors);
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
        return storeWithHooks(action, original, collection, BadRequest.GENERIC, null);
    }

    private Collection storeWithHooks(RecordAction action, Collection original, Collection collection,
                                      String message, Map<String, ErrorNode> draftErrors) {
        CollectionEvent event = new CollectionEvent(action, original, collection);
        boolean[] reported = {false};
        try {
            stages.save(event, () -> revalidate(event, collection, message, draftErrors), () -> {
                switch (action) {
                    case CREATE -> collections.create(event.collection());
                    case UPDATE -> collections.update(original, event.collection());
                    case DELETE -> collections.delete(event.collection());
                }
            });
        } catch (RuntimeException e) {
            failed(event, e, reported);
            throw e;
        }
        Collection saved = event.collection();
        tx.afterCommit(() -> stages.succeeded(new CollectionEvent(action, original, saved)));
        tx.afterFailure(e -> failed(event, e, reported));
        return saved;
    }

    /**
     * The validate stage's built-in check. With {@code draftErrors} null the caller validated {@code checked}: only a
     * hook's replacement is checked again.
     */
    private void revalidate(CollectionEvent event, Collection checked, String message,
                            Map<String, ErrorNode> draftErrors) {
        if (draftErrors != null || event.collection() != checked) {
            validation.validate(event.collection(), event.original().orElse(null), collections.all(), message,
                    draftErrors == null ? new LinkedHashMap<>() : new LinkedHashMap<>(draftErrors));
        }
    }

    private void failed(CollectionEvent event, RuntimeException error, boolean[] reported) {
        if (!reported[0]) {
            reported[0] = true;
            stages.failed(new CollectionErrorEvent(event.action(), event.original().orElse(null), event.collection(),
                    error));
        }
    }
}
