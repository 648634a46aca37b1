package dev.locket;

import dev.locket.application.hook.Hook;
import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.CollectionErrorEvent;
import dev.locket.application.hook.CollectionEvent;
import dev.locket.application.hook.ModelErrorEvent;
import dev.locket.application.hook.ModelEvent;
import dev.locket.application.hook.RecordAfterErrorEvent;
import dev.locket.application.hook.RecordAfterSuccessEvent;
import dev.locket.application.hook.RecordCreateEvent;
import dev.locket.application.hook.RecordDeleteEvent;
import dev.locket.application.hook.RecordEnrichEvent;
import dev.locket.application.hook.RecordEvent;
import dev.locket.application.hook.RecordUpdateEvent;

/**
 * Upstream's model, record and collection lifecycle hooks ({@code core/app.go}) on the app, under upstream's
 * names: {@code app.onRecordCreate("posts").bind(e -> { ...; e.next(); })}. No tags means every record (or
 * model, or collection); record and collection tags are collection ids or names, model tags a record's
 * collection name or id, {@code _collections}, {@code _params} (the settings) or {@code _logs} (log entries).
 * Writes the app makes by itself (OTPs, MFA sessions, login origins, provider links, the expired-entry cleanups)
 * fire the record hooks of their system collection, as upstream's {@code app.Save}. Handlers run by priority
 * then registration order, continue with {@code e.next()}, and veto by throwing a {@code dev.locket.domain.error}
 * API error, which becomes the PocketBase error answer. Stages nest as upstream's:
 * {@code onRecordCreate { onRecordValidate -> onRecordCreateExecute { insert } }}, then
 * {@code onRecordAfterCreateSuccess} once the transaction committed or {@code onRecordAfterCreateError}; the
 * record and collection hooks run inside the model hooks.
 */
public interface DataHooks {
    /** The registry every hook lives in. */
    Hooks hooks();

    /**
     * Upstream {@code OnModelValidate}: every record and collection validation, inside create/update before the
     * execute stage.
     */
    default Hook.Tagged<ModelEvent> onModelValidate(String... tags) {
        return hooks().model().onModelValidate(tags);
    }

    /** Upstream {@code OnModelCreate}: wraps the whole create of a record or collection, inside the transaction. */
    default Hook.Tagged<ModelEvent> onModelCreate(String... tags) {
        return hooks().model().onModelCreate(tags);
    }

    /** Upstream {@code OnModelCreateExecute}: wraps the create write itself. */
    default Hook.Tagged<ModelEvent> onModelCreateExecute(String... tags) {
        return hooks().model().onModelCreateExecute(tags);
    }

    /** Upstream {@code OnModelAfterCreateSuccess}: after a successful create, once its transaction committed. */
    default Hook.Tagged<ModelEvent> onModelAfterCreateSuccess(String... tags) {
        return hooks().model().onModelAfterCreateSuccess(tags);
    }

    /** Upstream {@code OnModelAfterCreateError}: after a failed create, or when its transaction rolled back. */
    default Hook.Tagged<ModelErrorEvent> onModelAfterCreateError(String... tags) {
        return hooks().model().onModelAfterCreateError(tags);
    }

    /** Upstream {@code OnModelUpdate}: wraps the whole update of a record or collection, inside the transaction. */
    default Hook.Tagged<ModelEvent> onModelUpdate(String... tags) {
        return hooks().model().onModelUpdate(tags);
    }

    /** Upstream {@code OnModelUpdateExecute}: wraps the update write itself. */
    default Hook.Tagged<ModelEvent> onModelUpdateExecute(String... tags) {
        return hooks().model().onModelUpdateExecute(tags);
    }

    /** Upstream {@code OnModelAfterUpdateSuccess}: after a successful update, once its transaction committed. */
    default Hook.Tagged<ModelEvent> onModelAfterUpdateSuccess(String... tags) {
        return hooks().model().onModelAfterUpdateSuccess(tags);
    }

    /** Upstream {@code OnModelAfterUpdateError}: after a failed update, or when its transaction rolled back. */
    default Hook.Tagged<ModelErrorEvent> onModelAfterUpdateError(String... tags) {
        return hooks().model().onModelAfterUpdateError(tags);
    }

    /** Upstream {@code OnModelDelete}: wraps the whole delete of a record or collection, inside the transaction. */
    default Hook.Tagged<ModelEvent> onModelDelete(String... tags) {
        return hooks().model().onModelDelete(tags);
    }

    /** Upstream {@code OnModelDeleteExecute}: wraps the delete write itself. */
    default Hook.Tagged<ModelEvent> onModelDeleteExecute(String... tags) {
        return hooks().model().onModelDeleteExecute(tags);
    }

    /** Upstream {@code OnModelAfterDeleteSuccess}: after a successful delete, once its transaction committed. */
    default Hook.Tagged<ModelEvent> onModelAfterDeleteSuccess(String... tags) {
        return hooks().model().onModelAfterDeleteSuccess(tags);
    }

    /** Upstream {@code OnModelAfterDeleteError}: after a failed delete, or when its transaction rolled back. */
    default Hook.Tagged<ModelErrorEvent> onModelAfterDeleteError(String... tags) {
        return hooks().model().onModelAfterDeleteError(tags);
    }

    /**
     * Upstream {@code OnRecordEnrich}: every record sent to a client, per requester; hide, unhide or add what it
     * shows.
     */
    default Hook.Tagged<RecordEnrichEvent> onRecordEnrich(String... tags) {
        return hooks().onRecordEnrich(tags);
    }

    /**
     * Upstream {@code OnRecordValidate}: a record being created or updated is validated (the event is the create or
     * update event).
     */
    default Hook.Tagged<RecordEvent> onRecordValidate(String... tags) {
        return hooks().onRecordValidate(tags);
    }

    /**
     * Upstream {@code OnRecordCreate}: wraps the whole create of a record, inside the transaction; change {@code
     * e.record(...)} before {@code e.next()}.
     */
    default Hook.Tagged<RecordCreateEvent> onRecordCreate(String... tags) {
        return hooks().onRecordCreate(tags);
    }

    /** Upstream {@code OnRecordCreateExecute}: wraps the create write itself. */
    default Hook.Tagged<RecordCreateEvent> onRecordCreateExecute(String... tags) {
        return hooks().onRecordCreateExecute(tags);
    }

    /** Upstream {@code OnRecordAfterCreateSuccess}: after a successful create, once its transaction committed. */
    default Hook.Tagged<RecordAfterSuccessEvent> onRecordAfterCreateSuccess(String... tags) {
        return hooks().onRecordAfterCreateSuccess(tags);
    }

    /** Upstream {@code OnRecordAfterCreateError}: after a failed create, or when its transaction rolled back. */
    default Hook.Tagged<RecordAfterErrorEvent> onRecordAfterCreateError(String... tags) {
        return hooks().onRecordAfterCreateError(tags);
    }

    /**
     * Upstream {@code OnRecordUpdate}: wraps the whole update of a record, inside the transaction; change {@code
     * e.record(...)} before {@code e.next()}.
     */
    default Hook.Tagged<RecordUpdateEvent> onRecordUpdate(String... tags) {
        return hooks().onRecordUpdate(tags);
    }

    /** Upstream {@code OnRecordUpdateExecute}: wraps the update write itself. */
    default Hook.Tagged<RecordUpdateEvent> onRecordUpdateExecute(String... tags) {
        return hooks().onRecordUpdateExecute(tags);
    }

    /** Upstream {@code OnRecordAfterUpdateSuccess}: after a successful update, once its transaction committed. */
    default Hook.Tagged<RecordAfterSuccessEvent> onRecordAfterUpdateSuccess(String... tags) {
        return hooks().onRecordAfterUpdateSuccess(tags);
    }

    /** Upstream {@code OnRecordAfterUpdateError}: after a failed update, or when its transaction rolled back. */
    default Hook.Tagged<RecordAfterErrorEvent> onRecordAfterUpdateError(String... tags) {
        return hooks().onRecordAfterUpdateError(tags);
    }

    /**
     * Upstream {@code OnRecordDelete}: wraps the whole delete of a record, inside the transaction; change {@code
     * e.record(...)} before {@code e.next()}.
     */
    default Hook.Tagged<RecordDeleteEvent> onRecordDelete(String... tags) {
        return hooks().onRecordDelete(tags);
    }

    /** Upstream {@code OnRecordDeleteExecute}: wraps the delete write itself. */
    default Hook.Tagged<RecordDeleteEvent> onRecordDeleteExecute(String... tags) {
        return hooks().onRecordDeleteExecute(tags);
    }

    /** Upstream {@code OnRecordAfterDeleteSuccess}: after a successful delete, once its transaction committed. */
    default Hook.Tagged<RecordAfterSuccessEvent> onRecordAfterDeleteSuccess(String... tags) {
        return hooks().onRecordAfterDeleteSuccess(tags);
    }

    /** Upstream {@code OnRecordAfterDeleteError}: after a failed delete, or when its transaction rolled back. */
    default Hook.Tagged<RecordAfterErrorEvent> onRecordAfterDeleteError(String... tags) {
        return hooks().onRecordAfterDeleteError(tags);
    }

    /** Upstream {@code OnCollectionValidate}: a collection being created or updated is validated. */
    default Hook.Tagged<CollectionEvent> onCollectionValidate(String... tags) {
        return hooks().model().onCollectionValidate(tags);
    }

    /** Upstream {@code OnCollectionCreate}: wraps the whole create of a collection, inside the transaction. */
    default Hook.Tagged<CollectionEvent> onCollectionCreate(String... tags) {
        return hooks().model().onCollectionCreate(tags);
    }

    /** Upstream {@code OnCollectionCreateExecute}: wraps the create write itself. */
    default Hook.Tagged<CollectionEvent> onCollectionCreateExecute(String... tags) {
        return hooks().model().onCollectionCreateExecute(tags);
    }

    /** Upstream {@code OnCollectionAfterCreateSuccess}: after a successful create, once its transaction committed. */
    default Hook.Tagged<CollectionEvent> onCollectionAfterCreateSuccess(String... tags) {
        return hooks().model().onCollectionAfterCreateSuccess(tags);
    }

    /** Upstream {@code OnCollectionAfterCreateError}: after a failed create, or when its transaction rolled back. */
    default Hook.Tagged<CollectionErrorEvent> onCollectionAfterCreateError(String... tags) {
        return hooks().model().onCollectionAfterCreateError(tags);
    }

    /** Upstream {@code OnCollectionUpdate}: wraps the whole update of a collection, inside the transaction. */
    default Hook.Tagged<CollectionEvent> onCollectionUpdate(String... tags) {
        return hooks().model().onCollectionUpdate(tags);
    }

    /** Upstream {@code OnCollectionUpdateExecute}: wraps the update write itself. */
    default Hook.Tagged<CollectionEvent> onCollectionUpdateExecute(String... tags) {
        return hooks().model().onCollectionUpdateExecute(tags);
    }

    /** Upstream {@code OnCollectionAfterUpdateSuccess}: after a successful update, once its transaction committed. */
    default Hook.Tagged<CollectionEvent> onCollectionAfterUpdateSuccess(String... tags) {
        return hooks().model().onCollectionAfterUpdateSuccess(tags);
    }

    /** Upstream {@code OnCollectionAfterUpdateError}: after a failed update, or when its transaction rolled back. */
    default Hook.Tagged<CollectionErrorEvent> onCollectionAfterUpdateError(String... tags) {
        return hooks().model().onCollectionAfterUpdateError(tags);
    }

    /** Upstream {@code OnCollectionDelete}: wraps the whole delete of a collection, inside the transaction. */
    default Hook.Tagged<CollectionEvent> onCollectionDelete(String... tags) {
        return hooks().model().onCollectionDelete(tags);
    }

    /** Upstream {@code OnCollectionDeleteExecute}: wraps the delete write itself. */
    default Hook.Tagged<CollectionEvent> onCollectionDeleteExecute(String... tags) {
        return hooks().model().onCollectionDeleteExecute(tags);
    }

    /** Upstream {@code OnCollectionAfterDeleteSuccess}: after a successful delete, once its transaction committed. */
    default Hook.Tagged<CollectionEvent> onCollectionAfterDeleteSuccess(String... tags) {
        return hooks().model().onCollectionAfterDeleteSuccess(tags);
    }

    /** Upstream {@code OnCollectionAfterDeleteError}: after a failed delete, or when its transaction rolled back. */
    default Hook.Tagged<CollectionErrorEvent> onCollectionAfterDeleteError(String... tags) {
        return hooks().model().onCollectionAfterDeleteError(tags);
    }
}
