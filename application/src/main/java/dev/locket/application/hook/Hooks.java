package dev.locket.application.hook;

/**
 * Every application hook in one object, created once by the composition root and handed to the
 * services (no static registry). The {@code String...} overloads narrow a hook to collections.
 */
public final class Hooks {
    private final Hook<RecordCreateEvent> recordCreate = new Hook<>();
    private final Hook<RecordUpdateEvent> recordUpdate = new Hook<>();
    private final Hook<RecordDeleteEvent> recordDelete = new Hook<>();
    private final Hook<RecordAfterSuccessEvent> recordAfterCreateSuccess = new Hook<>();
    private final Hook<RecordAfterSuccessEvent> recordAfterUpdateSuccess = new Hook<>();
    private final Hook<RecordAfterSuccessEvent> recordAfterDeleteSuccess = new Hook<>();
    private final Hook<RecordAfterErrorEvent> recordAfterCreateError = new Hook<>();
    private final Hook<RecordAfterErrorEvent> recordAfterUpdateError = new Hook<>();
    private final Hook<RecordAfterErrorEvent> recordAfterDeleteError = new Hook<>();
    private final Hook<RecordListRequestEvent> recordsListRequest = new Hook<>();
    private final Hook<RecordRequestEvent> recordViewRequest = new Hook<>();
    private final Hook<RecordRequestEvent> recordCreateRequest = new Hook<>();
    private final Hook<RecordUpdateRequestEvent> recordUpdateRequest = new Hook<>();
    private final Hook<RecordRequestEvent> recordDeleteRequest = new Hook<>();
    private final Hook<RecordAuthRequestEvent> recordAuthRequest = new Hook<>();
    private final Hook<CollectionEvent> collectionCreate = new Hook<>();
    private final Hook<CollectionEvent> collectionUpdate = new Hook<>();
    private final Hook<CollectionEvent> collectionDelete = new Hook<>();
    private final Hook<CollectionEvent> collectionAfterSuccess = new Hook<>();
    private final RealtimeHooks realtime = new RealtimeHooks();
    private final MailerHooks mailer = new MailerHooks();
    private final SystemHooks system = new SystemHooks();

    /** Realtime connect, subscribe and message-send hooks. */
    public RealtimeHooks realtime() {
        return realtime;
    }

    /** The mailer hooks: every mail, and each auth mail kind. */
    public MailerHooks mailer() {
        return mailer;
    }

    /** Bootstrap, terminate, backup create and restore. */
    public SystemHooks system() {
        return system;
    }

    /** Model hook: wraps the insert inside the transaction. */
    public Hook<RecordCreateEvent> onRecordCreate() {
        return recordCreate;
    }

    public Hook.Tagged<RecordCreateEvent> onRecordCreate(String... collections) {
        return recordCreate.forCollections(collections);
    }

    /** Model hook: wraps the update inside the transaction. */
    public Hook<RecordUpdateEvent> onRecordUpdate() {
        return recordUpdate;
    }

    public Hook.Tagged<RecordUpdateEvent> onRecordUpdate(String... collections) {
        return recordUpdate.forCollections(collections);
    }

    /** Model hook: wraps the delete (and its cascades) inside the transaction. */
    public Hook<RecordDeleteEvent> onRecordDelete() {
        return recordDelete;
    }

    public Hook.Tagged<RecordDeleteEvent> onRecordDelete(String... collections) {
        return recordDelete.forCollections(collections);
    }

    public Hook<RecordAfterSuccessEvent> onRecordAfterCreateSuccess() {
        return recordAfterCreateSuccess;
    }

    public Hook.Tagged<RecordAfterSuccessEvent> onRecordAfterCreateSuccess(String... collections) {
        return recordAfterCreateSuccess.forCollections(collections);
    }

    public Hook<RecordAfterSuccessEvent> onRecordAfterUpdateSuccess() {
        return recordAfterUpdateSuccess;
    }

    public Hook.Tagged<RecordAfterSuccessEvent> onRecordAfterUpdateSuccess(String... collections) {
        return recordAfterUpdateSuccess.forCollections(collections);
    }

    public Hook<RecordAfterSuccessEvent> onRecordAfterDeleteSuccess() {
        return recordAfterDeleteSuccess;
    }

    public Hook.Tagged<RecordAfterSuccessEvent> onRecordAfterDeleteSuccess(String... collections) {
        return recordAfterDeleteSuccess.forCollections(collections);
    }

    public Hook<RecordAfterErrorEvent> onRecordAfterCreateError() {
        return recordAfterCreateError;
    }

    public Hook<RecordAfterErrorEvent> onRecordAfterUpdateError() {
        return recordAfterUpdateError;
    }

    public Hook<RecordAfterErrorEvent> onRecordAfterDeleteError() {
        return recordAfterDeleteError;
    }

    public Hook<RecordListRequestEvent> onRecordsListRequest() {
        return recordsListRequest;
    }

    public Hook.Tagged<RecordListRequestEvent> onRecordsListRequest(String... collections) {
        return recordsListRequest.forCollections(collections);
    }

    public Hook<RecordRequestEvent> onRecordViewRequest() {
        return recordViewRequest;
    }

    public Hook.Tagged<RecordRequestEvent> onRecordViewRequest(String... collections) {
        return recordViewRequest.forCollections(collections);
    }

    public Hook<RecordRequestEvent> onRecordCreateRequest() {
        return recordCreateRequest;
    }

    public Hook.Tagged<RecordRequestEvent> onRecordCreateRequest(String... collections) {
        return recordCreateRequest.forCollections(collections);
    }

    public Hook<RecordUpdateRequestEvent> onRecordUpdateRequest() {
        return recordUpdateRequest;
    }

    public Hook.Tagged<RecordUpdateRequestEvent> onRecordUpdateRequest(String... collections) {
        return recordUpdateRequest.forCollections(collections);
    }

    public Hook<RecordRequestEvent> onRecordDeleteRequest() {
        return recordDeleteRequest;
    }

    public Hook.Tagged<RecordRequestEvent> onRecordDeleteRequest(String... collections) {
        return recordDeleteRequest.forCollections(collections);
    }

    /** Fired by every successful authentication before the auth response is returned. */
    public Hook<RecordAuthRequestEvent> onRecordAuthRequest() {
        return recordAuthRequest;
    }

    public Hook.Tagged<RecordAuthRequestEvent> onRecordAuthRequest(String... collections) {
        return recordAuthRequest.forCollections(collections);
    }

    /** Model hook: wraps storing a new collection inside the transaction. */
    public Hook<CollectionEvent> onCollectionCreate() {
        return collectionCreate;
    }

    public Hook<CollectionEvent> onCollectionUpdate() {
        return collectionUpdate;
    }

    public Hook<CollectionEvent> onCollectionDelete() {
        return collectionDelete;
    }

    /** After-commit hook of every collection change ({@link CollectionEvent#action()} tells which). */
    public Hook<CollectionEvent> onCollectionAfterSuccess() {
        return collectionAfterSuccess;
    }
}
