package dev.locket.application.hook;

/**
 * Upstream's model and collection lifecycle hooks ({@code OnModel*}, {@code OnCollection*} of
 * {@code core/app.go}); the record ones are on {@link Hooks}. Stages nest as upstream's do:
 * {@code onModelCreate { onModelValidate -> onModelCreateExecute { write } }}, then after the commit
 * {@code onModelAfterCreateSuccess} (or {@code onModelAfterCreateError} when the write failed or its
 * transaction rolled back). The record and collection hooks are proxies bound on the model hooks at priority
 * -99, as upstream binds them: a model handler with a lower priority runs before the record or collection
 * handlers, one with a higher priority (the default 0 included) inside their chain, after them.
 * Model tags are a record's collection name or id and {@code _collections} for collections; collection
 * hook tags are the collection's id or name.
 */
public final class ModelHooks {
    /** Upstream binds its record and collection proxies at this priority. */
    public static final int PROXY_PRIORITY = -99;
    /**
     * Upstream binds the built-in record and collection validations on {@code OnRecordValidate} and
     * {@code OnCollectionValidate} at this priority: handlers with a lower one (the default 0 included) run first
     * and may fix the record or collection it checks.
     */
    public static final int VALIDATION_PRIORITY = 99;

    private final Hook<ModelEvent> modelValidate = new Hook<>();
    private final Hook<ModelEvent> modelCreate = new Hook<>();
    private final Hook<ModelEvent> modelCreateExecute = new Hook<>();
    private final Hook<ModelEvent> modelAfterCreateSuccess = new Hook<>();
    private final Hook<ModelErrorEvent> modelAfterCreateError = new Hook<>();
    private final Hook<ModelEvent> modelUpdate = new Hook<>();
    private final Hook<ModelEvent> modelUpdateExecute = new Hook<>();
    private final Hook<ModelEvent> modelAfterUpdateSuccess = new Hook<>();
    private final Hook<ModelErrorEvent> modelAfterUpdateError = new Hook<>();
    private final Hook<ModelEvent> modelDelete = new Hook<>();
    private final Hook<ModelEvent> modelDeleteExecute = new Hook<>();
    private final Hook<ModelEvent> modelAfterDeleteSuccess = new Hook<>();
    private final Hook<ModelErrorEvent> modelAfterDeleteError = new Hook<>();
    private final Hook<CollectionEvent> collectionValidate = new Hook<>();
    private final Hook<CollectionEvent> collectionCreate = new Hook<>();
    private final Hook<CollectionEvent> collectionCreateExecute = new Hook<>();
    private final Hook<CollectionEvent> collectionAfterCreateSuccess = new Hook<>();
    private final Hook<CollectionErrorEvent> collectionAfterCreateError = new Hook<>();
    private final Hook<CollectionEvent> collectionUpdate = new Hook<>();
    private final Hook<CollectionEvent> collectionUpdateExecute = new Hook<>();
    private final Hook<CollectionEvent> collectionAfterUpdateSuccess = new Hook<>();
    private final Hook<CollectionErrorEvent> collectionAfterUpdateError = new Hook<>();
    private final Hook<CollectionEvent> collectionDelete = new Hook<>();
    private final Hook<CollectionEvent> collectionDeleteExecute = new Hook<>();
    private final Hook<CollectionEvent> collectionAfterDeleteSuccess = new Hook<>();
    private final Hook<CollectionErrorEvent> collectionAfterDeleteError = new Hook<>();
    /** Locket's own: after-commit of every collection change, whichever the action. */
    private final Hook<CollectionEvent> collectionAfterSuccess = new Hook<>();

    private final Lifecycle creates = new Lifecycle(modelCreate, modelCreateExecute, modelAfterCreateSuccess,
            modelAfterCreateError);
    private final Lifecycle updates = new Lifecycle(modelUpdate, modelUpdateExecute, modelAfterUpdateSuccess,
            modelAfterUpdateError);
    private final Lifecycle deletes = new Lifecycle(modelDelete, modelDeleteExecute, modelAfterDeleteSuccess,
            modelAfterDeleteError);

    /**
     * The model hooks of one kind of write, as {@link ModelStages} nests them: {@code write} wraps validation and
     * {@code execute}, the after stages follow the transaction.
     */
    record Lifecycle(Hook<ModelEvent> write, Hook<ModelEvent> execute, Hook<ModelEvent> afterSuccess,
                     Hook<ModelErrorEvent> afterError) {
    }

    ModelHooks(Hooks records) {
        records.onRecordValidate().bind(RecordEvent::validateThenNext, VALIDATION_PRIORITY);
        collectionValidate.bind(CollectionEvent::validateThenNext, VALIDATION_PRIORITY);
        proxy(modelValidate, () -> records.onRecordValidate(), RecordEvent.class, collectionValidate,
                CollectionEvent.class);
        proxy(modelCreate, () -> records.onRecordCreate(), RecordCreateEvent.class, collectionCreate,
                CollectionEvent.class);
        proxy(modelCreateExecute, () -> records.onRecordCreateExecute(), RecordCreateEvent.class,
                collectionCreateExecute, CollectionEvent.class);
        proxy(modelAfterCreateSuccess, () -> records.onRecordAfterCreateSuccess(), RecordAfterSuccessEvent.class,
                collectionAfterCreateSuccess, CollectionEvent.class);
        proxy(modelAfterCreateError, () -> records.onRecordAfterCreateError(), RecordAfterErrorEvent.class,
                collectionAfterCreateError, CollectionErrorEvent.class);
        proxy(modelUpdate, () -> records.onRecordUpdate(), RecordUpdateEvent.class, collectionUpdate,
                CollectionEvent.class);
        proxy(modelUpdateExecute, () -> records.onRecordUpdateExecute(), RecordUpdateEvent.class,
                collectionUpdateExecute, CollectionEvent.class);
        proxy(modelAfterUpdateSuccess, () -> records.onRecordAfterUpdateSuccess(), RecordAfterSuccessEvent.class,
                collectionAfterUpdateSuccess, CollectionEvent.class);
        proxy(modelAfterUpdateError, () -> records.onRecordAfterUpdateError(), RecordAfterErrorEvent.class,
                collectionAfterUpdateError, CollectionErrorEvent.class);
        proxy(modelDelete, () -> records.onRecordDelete(), RecordDeleteEvent.class, collectionDelete,
                CollectionEvent.class);
        proxy(modelDeleteExecute, () -> records.onRecordDeleteExecute(), RecordDeleteEvent.class,
                collectionDeleteExecute, CollectionEvent.class);
        proxy(modelAfterDeleteSuccess, () -> records.onRecordAfterDeleteSuccess(), RecordAfterSuccessEvent.class,
                collectionAfterDeleteSuccess, CollectionEvent.class);
        proxy(modelAfterDeleteError, () -> records.onRecordAfterDeleteError(), RecordAfterErrorEvent.class,
                collectionAfterDeleteError, CollectionErrorEvent.class);
    }

    /**
     * Binds the proxy of one model hook: a record event runs the record hook's chain, a collection event the
     * collection hook's, each ending in the rest of the model chain.
     */
    private static <M extends ModelEvent, R extends RecordEvent, C extends CollectionEvent> void proxy(
            Hook<M> model, java.util.function.Supplier<Hook<R>> records, Class<R> recordType,
            Hook<C> collections, Class<C> collectionType) {
        model.bind(me -> {
            HookEvent source = me.source();
            if (recordType.isInstance(source)) {
                records.get().trigger(recordType.cast(source), r -> me.next());
            } else if (collectionType.isInstance(source)) {
                collections.trigger(collectionType.cast(source), c -> me.next());
            } else {
                me.next();
            }
        }, PROXY_PRIORITY);
    }

    /** The hooks of a create, update or delete; validation is a stage of those, with no lifecycle of its own. */
    Lifecycle lifecycle(ModelEvent.Type type) {
        return switch (type) {
            case CREATE -> creates;
            case UPDATE -> updates;
            case DELETE -> deletes;
            case VALIDATE -> throw new IllegalArgumentException("validation is a stage of a write");
        };
    }

    /** Every model validation (records and collections); inside create/update, before the execute stage. */
    public Hook<ModelEvent> onModelValidate() {
        return modelValidate;
    }

    public Hook.Tagged<ModelEvent> onModelValidate(String... tags) {
        return modelValidate.forCollections(tags);
    }

    /** Wraps the whole create of a model: validation, the execute stage and the write, inside the transaction. */
    public Hook<ModelEvent> onModelCreate() {
        return modelCreate;
    }

    public Hook.Tagged<ModelEvent> onModelCreate(String... tags) {
        return modelCreate.forCollections(tags);
    }

    /** Wraps the create write itself, after a successful validation. */
    public Hook<ModelEvent> onModelCreateExecute() {
        return modelCreateExecute;
    }

    public Hook.Tagged<ModelEvent> onModelCreateExecute(String... tags) {
        return modelCreateExecute.forCollections(tags);
    }

    /** After a successful create; once the transaction committed when the write is part of one. */
    public Hook<ModelEvent> onModelAfterCreateSuccess() {
        return modelAfterCreateSuccess;
    }

    public Hook.Tagged<ModelEvent> onModelAfterCreateSuccess(String... tags) {
        return modelAfterCreateSuccess.forCollections(tags);
    }

    /** After a failed create, or when the transaction holding a successful one rolled back. */
    public Hook<ModelErrorEvent> onModelAfterCreateError() {
        return modelAfterCreateError;
    }

    public Hook.Tagged<ModelErrorEvent> onModelAfterCreateError(String... tags) {
        return modelAfterCreateError.forCollections(tags);
    }

    /** Wraps the whole update of a model: validation, the execute stage and the write, inside the transaction. */
    public Hook<ModelEvent> onModelUpdate() {
        return modelUpdate;
    }

    public Hook.Tagged<ModelEvent> onModelUpdate(String... tags) {
        return modelUpdate.forCollections(tags);
    }

    /** Wraps the update write itself, after a successful validation. */
    public Hook<ModelEvent> onModelUpdateExecute() {
        return modelUpdateExecute;
    }

    public Hook.Tagged<ModelEvent> onModelUpdateExecute(String... tags) {
        return modelUpdateExecute.forCollections(tags);
    }

    /** After a successful update; once the transaction committed when the write is part of one. */
    public Hook<ModelEvent> onModelAfterUpdateSuccess() {
        return modelAfterUpdateSuccess;
    }

    public Hook.Tagged<ModelEvent> onModelAfterUpdateSuccess(String... tags) {
        return modelAfterUpdateSuccess.forCollections(tags);
    }

    /** After a failed update, or when the transaction holding a successful one rolled back. */
    public Hook<ModelErrorEvent> onModelAfterUpdateError() {
        return modelAfterUpdateError;
    }

    public Hook.Tagged<ModelErrorEvent> onModelAfterUpdateError(String... tags) {
        return modelAfterUpdateError.forCollections(tags);
    }

    /** Wraps the whole delete of a model: the execute stage and the write, inside the transaction. */
    public Hook<ModelEvent> onModelDelete() {
        return modelDelete;
    }

    public Hook.Tagged<ModelEvent> onModelDelete(String... tags) {
        return modelDelete.forCollections(tags);
    }

    /** Wraps the delete write itself. */
    public Hook<ModelEvent> onModelDeleteExecute() {
        return modelDeleteExecute;
    }

    public Hook.Tagged<ModelEvent> onModelDeleteExecute(String... tags) {
        return modelDeleteExecute.forCollections(tags);
    }

    /** After a successful delete; once the transaction committed when the write is part of one. */
    public Hook<ModelEvent> onModelAfterDeleteSuccess() {
        return modelAfterDeleteSuccess;
    }

    public Hook.Tagged<ModelEvent> onModelAfterDeleteSuccess(String... tags) {
        return modelAfterDeleteSuccess.forCollections(tags);
    }

    /** After a failed delete, or when the transaction holding a successful one rolled back. */
    public Hook<ModelErrorEvent> onModelAfterDeleteError() {
        return modelAfterDeleteError;
    }

    public Hook.Tagged<ModelErrorEvent> onModelAfterDeleteError(String... tags) {
        return modelAfterDeleteError.forCollections(tags);
    }

    /** Collection proxy of {@link #onModelValidate}; the event's action tells which save is validated. */
    public Hook<CollectionEvent> onCollectionValidate() {
        return collectionValidate;
    }

    public Hook.Tagged<CollectionEvent> onCollectionValidate(String... tags) {
        return collectionValidate.forCollections(tags);
    }

    /** Collection proxy of {@link #onModelCreate}. */
    public Hook<CollectionEvent> onCollectionCreate() {
        return collectionCreate;
    }

    public Hook.Tagged<CollectionEvent> onCollectionCreate(String... tags) {
        return collectionCreate.forCollections(tags);
    }

    /** Collection proxy of {@link #onModelCreateExecute}. */
    public Hook<CollectionEvent> onCollectionCreateExecute() {
        return collectionCreateExecute;
    }

    public Hook.Tagged<CollectionEvent> onCollectionCreateExecute(String... tags) {
        return collectionCreateExecute.forCollections(tags);
    }

    /** Collection proxy of {@link #onModelAfterCreateSuccess}. */
    public Hook<CollectionEvent> onCollectionAfterCreateSuccess() {
        return collectionAfterCreateSuccess;
    }

    public Hook.Tagged<CollectionEvent> onCollectionAfterCreateSuccess(String... tags) {
        return collectionAfterCreateSuccess.forCollections(tags);
    }

    /** Collection proxy of {@link #onModelAfterCreateError}. */
    public Hook<CollectionErrorEvent> onCollectionAfterCreateError() {
        return collectionAfterCreateError;
    }

    public Hook.Tagged<CollectionErrorEvent> onCollectionAfterCreateError(String... tags) {
        return collectionAfterCreateError.forCollections(tags);
    }

    /** Collection proxy of {@link #onModelUpdate}. */
    public Hook<CollectionEvent> onCollectionUpdate() {
        return collectionUpdate;
    }

    public Hook.Tagged<CollectionEvent> onCollectionUpdate(String... tags) {
        return collectionUpdate.forCollections(tags);
    }

    /** Collection proxy of {@link #onModelUpdateExecute}. */
    public Hook<CollectionEvent> onCollectionUpdateExecute() {
        return collectionUpdateExecute;
    }

    public Hook.Tagged<CollectionEvent> onCollectionUpdateExecute(String... tags) {
        return collectionUpdateExecute.forCollections(tags);
    }

    /** Collection proxy of {@link #onModelAfterUpdateSuccess}. */
    public Hook<CollectionEvent> onCollectionAfterUpdateSuccess() {
        return collectionAfterUpdateSuccess;
    }

    public Hook.Tagged<CollectionEvent> onCollectionAfterUpdateSuccess(String... tags) {
        return collectionAfterUpdateSuccess.forCollections(tags);
    }

    /** Collection proxy of {@link #onModelAfterUpdateError}. */
    public Hook<CollectionErrorEvent> onCollectionAfterUpdateError() {
        return collectionAfterUpdateError;
    }

    public Hook.Tagged<CollectionErrorEvent> onCollectionAfterUpdateError(String... tags) {
        return collectionAfterUpdateError.forCollections(tags);
    }

    /** Collection proxy of {@link #onModelDelete}. */
    public Hook<CollectionEvent> onCollectionDelete() {
        return collectionDelete;
    }

    public Hook.Tagged<CollectionEvent> onCollectionDelete(String... tags) {
        return collectionDelete.forCollections(tags);
    }

    /** Collection proxy of {@link #onModelDeleteExecute}. */
    public Hook<CollectionEvent> onCollectionDeleteExecute() {
        return collectionDeleteExecute;
    }

    public Hook.Tagged<CollectionEvent> onCollectionDeleteExecute(String... tags) {
        return collectionDeleteExecute.forCollections(tags);
    }

    /** Collection proxy of {@link #onModelAfterDeleteSuccess}. */
    public Hook<CollectionEvent> onCollectionAfterDeleteSuccess() {
        return collectionAfterDeleteSuccess;
    }

    public Hook.Tagged<CollectionEvent> onCollectionAfterDeleteSuccess(String... tags) {
        return collectionAfterDeleteSuccess.forCollections(tags);
    }

    /** Collection proxy of {@link #onModelAfterDeleteError}. */
    public Hook<CollectionErrorEvent> onCollectionAfterDeleteError() {
        return collectionAfterDeleteError;
    }

    public Hook.Tagged<CollectionErrorEvent> onCollectionAfterDeleteError(String... tags) {
        return collectionAfterDeleteError.forCollections(tags);
    }

    /** After-commit hook of every collection change ({@link CollectionEvent#action()} tells which). */
    public Hook<CollectionEvent> onCollectionAfterSuccess() {
        return collectionAfterSuccess;
    }
}
