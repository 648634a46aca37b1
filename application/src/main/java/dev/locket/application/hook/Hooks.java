package dev.locket.application.hook;

/**
 * Every application hook in one object, created once by the composition root and handed to the
 * services (no static registry). The {@code String...} overloads narrow a hook to collections.
 */
public final class Hooks {
    private final Hook<RecordEvent> recordValidate = new Hook<>();
    private final Hook<RecordCreateEvent> recordCreate = new Hook<>();
    private final Hook<RecordCreateEvent> recordCreateExecute = new Hook<>();
    private final Hook<RecordUpdateEvent> recordUpdateExecute = new Hook<>();
    private final Hook<RecordDeleteEvent> recordDeleteExecute = new Hook<>();
    private final Hook<RecordEnrichEvent> recordEnrich = new Hook<>();
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
    private final CollectionRequestHooks collectionRequests = new CollectionRequestHooks();
    private final AuthRequestHooks authRequests = new AuthRequestHooks();
    private final SettingsHooks settings = new SettingsHooks();
    private final FileHooks files = new FileHooks();
    private final Hook<BatchRequestEvent> batchRequest = new Hook<>();
    private final RealtimeHooks realtime = new RealtimeHooks();
    private final MailerHooks mailer = new MailerHooks();
    private final SystemHooks system = new SystemHooks();
    /** Declared last: its record proxies are bound on the hooks above. */
    private final ModelHooks model = new ModelHooks(this);

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

    /**
     * Record proxy of {@link ModelHooks#onModelValidate}: validates a record being created or updated, inside
     * {@link #onRecordCreate} / {@link #onRecordUpdate} before their execute stage (skipped for the relation
     * updates of a delete cascade, as upstream's {@code SaveNoValidate}). The event is the create or update
     * event itself. The built-in field validation is a handler of this hook at
     * {@link ModelHooks#VALIDATION_PRIORITY}, as upstream's: the handlers before it (priority 0 by default) see
     * the record as submitted, invalid or not, and may fix it; a failure reaches the after-error hooks.
     */
    public Hook<RecordEvent> onRecordValidate() {
        return recordValidate;
    }

    public Hook.Tagged<RecordEvent> onRecordValidate(String... collections) {
        return recordValidate.forCollections(collections);
    }

    /** Model hook: wraps validation, {@link #onRecordCreateExecute} and the insert, inside the transaction. */
    public Hook<RecordCreateEvent> onRecordCreate() {
        return recordCreate;
    }

    public Hook.Tagged<RecordCreateEvent> onRecordCreate(String... collections) {
        return recordCreate.forCollections(collections);
    }

    /** Wraps the insert itself, after a successful validation. */
    public Hook<RecordCreateEvent> onRecordCreateExecute() {
        return recordCreateExecute;
    }

    public Hook.Tagged<RecordCreateEvent> onRecordCreateExecute(String... collections) {
        return recordCreateExecute.forCollections(collections);
    }

    /** Model hook: wraps validation, {@link #onRecordUpdateExecute} and the update, inside the transaction. */
    public Hook<RecordUpdateEvent> onRecordUpdate() {
        return recordUpdate;
    }

    public Hook.Tagged<RecordUpdateEvent> onRecordUpdate(String... collections) {
        return recordUpdate.forCollections(collections);
    }

    /** Wraps the update itself, after a successful validation. */
    public Hook<RecordUpdateEvent> onRecordUpdateExecute() {
        return recordUpdateExecute;
    }

    public Hook.Tagged<RecordUpdateEvent> onRecordUpdateExecute(String... collections) {
        return recordUpdateExecute.forCollections(collections);
    }

    /** Model hook: wraps {@link #onRecordDeleteExecute} (the delete and its cascades), inside the transaction. */
    public Hook<RecordDeleteEvent> onRecordDelete() {
        return recordDelete;
    }

    public Hook.Tagged<RecordDeleteEvent> onRecordDelete(String... collections) {
        return recordDelete.forCollections(collections);
    }

    /** Wraps the delete itself and its relation cascades. */
    public Hook<RecordDeleteEvent> onRecordDeleteExecute() {
        return recordDeleteExecute;
    }

    public Hook.Tagged<RecordDeleteEvent> onRecordDeleteExecute(String... collections) {
        return recordDeleteExecute.forCollections(collections);
    }

    /** After a successful insert; once the transaction committed when the insert is part of one. */
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

    /** After a failed create, or when the transaction holding a successful one rolled back. */
    public Hook<RecordAfterErrorEvent> onRecordAfterCreateError() {
        return recordAfterCreateError;
    }

    public Hook.Tagged<RecordAfterErrorEvent> onRecordAfterCreateError(String... collections) {
        return recordAfterCreateError.forCollections(collections);
    }

    /** After a failed update, or when the transaction holding a successful one rolled back. */
    public Hook<RecordAfterErrorEvent> onRecordAfterUpdateError() {
        return recordAfterUpdateError;
    }

    public Hook.Tagged<RecordAfterErrorEvent> onRecordAfterUpdateError(String... collections) {
        return recordAfterUpdateError.forCollections(collections);
    }

    /** After a failed delete, or when the transaction holding a successful one rolled back. */
    public Hook<RecordAfterErrorEvent> onRecordAfterDeleteError() {
        return recordAfterDeleteError;
    }

    public Hook.Tagged<RecordAfterErrorEvent> onRecordAfterDeleteError(String... collections) {
        return recordAfterDeleteError.forCollections(collections);
    }

    /**
     * Every record sent to a client (responses, auth responses, expanded relations, realtime messages), per
     * requester; see {@link RecordEnrichEvent}.
     */
    public Hook<RecordEnrichEvent> onRecordEnrich() {
        return recordEnrich;
    }

    public Hook.Tagged<RecordEnrichEvent> onRecordEnrich(String... collections) {
        return recordEnrich.forCollections(collections);
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

    /** The model and collection lifecycle hooks ({@code onModel*}, {@code onCollection*}). */
    public ModelHooks model() {
        return model;
    }

    /** The request hooks of the collections API (list, view, create, update, delete, import). */
    public CollectionRequestHooks collectionRequests() {
        return collectionRequests;
    }

    /** The request hooks of the auth flows (password, OAuth2, OTP, refresh, reset, verification, email change). */
    public AuthRequestHooks authRequests() {
        return authRequests;
    }

    /** The settings API's request hooks and the settings reload. */
    public SettingsHooks settings() {
        return settings;
    }

    /** The file download and file token request hooks. */
    public FileHooks files() {
        return files;
    }

    /** {@code POST /api/batch}: may change the sub-requests before they run, or veto the batch. */
    public Hook<BatchRequestEvent> onBatchRequest() {
        return batchRequest;
    }
}
