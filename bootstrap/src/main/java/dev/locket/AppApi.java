package dev.locket;

import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.application.port.in.file.UploadedFile;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.in.settings.UpdateSettings;
import dev.locket.application.port.out.FileStore;
import dev.locket.application.port.out.Mailer;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionType;
import dev.locket.domain.record.Record;
import dev.locket.domain.settings.Settings;
import java.util.List;
import java.util.Map;

/**
 * The app API of PocketBase's {@code core.App} for Java code: find, save and delete collections and records,
 * expand relations, run work in one transaction, send mail, read and save the settings, reach the file store
 * and publish realtime messages. {@link Locket} offers it once bootstrapped or serving, and so does the
 * transaction view handed to {@link #runInTransaction}.
 *
 * <p>Everything here acts as trusted code ({@code RequestInfo.system()}): the collections' API rules do not
 * apply, hidden fields are visible and may be filtered on. Writes are upstream's {@code app.Save} /
 * {@code app.Delete}: field validation in the validate stage (a bad value throws {@code ValidationFailed}, whose
 * PocketBase-shaped 400 a route may pass on), the model hooks ({@code onRecordCreate}, {@code onRecordValidate},
 * ...), file storage, cascades, and after the commit the after-success hooks and the realtime events. The
 * records API's own steps are left out, as upstream leaves them: its request hooks ({@code onRecordCreateRequest},
 * ...) do not fire and its form checks ({@code passwordConfirm}, {@code oldPassword}) do not apply.
 *
 * <p>Lookups that find nothing throw {@code dev.locket.domain.error.NotFound} (upstream answers
 * {@code sql.ErrNoRows}), so a route handler can let them through as PocketBase's 404.
 *
 * <p>Every method is a default delegating to {@link #api()}, which {@code Locket} implements with the open data
 * directory; implementers override them all.
 */
public interface AppApi {

    /** The implementation every default method delegates to. */
    AppApi api();

    // ---- collections ---------------------------------------------------------------------------------

    /** Upstream's {@code FindCollectionByNameOrId}: by id (exact) or name (case-insensitive). */
    default Collection findCollectionByNameOrId(String nameOrId) {
        return api().findCollectionByNameOrId(nameOrId);
    }

    /** Upstream's {@code FindAllCollections}: every collection, or those of the given types, system ones included. */
    default List<Collection> findAllCollections(CollectionType... types) {
        return api().findAllCollections(types);
    }

    /**
     * Upstream's {@code app.Save(collection)} with the typed builder: the collection the draft names (by id, else
     * by name) is updated with the draft's set parts; when there is none the draft is created. Validated and
     * hooked as the collections API; returns the collection as stored.
     */
    default Collection saveCollection(CollectionDraft draft) {
        return api().saveCollection(draft);
    }

    /** Upstream's {@code app.Delete(collection)}: drops the collection, its records and their files. */
    default void deleteCollection(String nameOrId) {
        api().deleteCollection(nameOrId);
    }

    // ---- record reads --------------------------------------------------------------------------------

    /** Upstream's {@code FindRecordById}. */
    default Record findRecordById(String collection, String id) {
        return api().findRecordById(collection, id);
    }

    /** Upstream's {@code FindRecordsByIds}: the records of those ids that exist, in no particular order. */
    default List<Record> findRecordsByIds(String collection, List<String> ids) {
        return api().findRecordsByIds(collection, ids);
    }

    /** {@link #findRecordsByFilter(String, String, String, int, int, Map)} without parameters. */
    default List<Record> findRecordsByFilter(String collection, String filter, String sort, int limit, int offset) {
        return findRecordsByFilter(collection, filter, sort, limit, offset, Map.of());
    }

    /**
     * Upstream's {@code FindRecordsByFilter}: records matching {@code filter} (the rule language; "" for all) in
     * {@code sort} order ("-created,title"; "" for none), {@code limit} 1..1000 from {@code offset}. Values go in
     * as {@code params}, named {@code {:name}} in the filter, and are written into it as quoted literals
     * (upstream's dbx params), never as filter syntax: {@code "title = {:title}", Map.of("title", userInput)}.
     * A filter that does not parse or resolve throws {@code BadRequest}.
     */
    default List<Record> findRecordsByFilter(String collection, String filter, String sort, int limit, int offset,
                                             Map<String, ?> params) {
        return api().findRecordsByFilter(collection, filter, sort, limit, offset, params);
    }

    /** Upstream's {@code FindFirstRecordByFilter}: the first record matching (parameters as above). */
    default Record findFirstRecordByFilter(String collection, String filter, Map<String, ?> params) {
        return api().findFirstRecordByFilter(collection, filter, params);
    }

    /** Upstream's {@code FindFirstRecordByData}: the first record whose field {@code field} equals {@code value}. */
    default Record findFirstRecordByData(String collection, String field, Object value) {
        return api().findFirstRecordByData(collection, field, value);
    }

    /** Upstream's {@code CountRecords}: how many records match {@code filter} ("" for all; parameters as above). */
    default long countRecords(String collection, String filter, Map<String, ?> params) {
        return api().countRecords(collection, filter, params);
    }

    /**
     * Upstream's {@code FindAuthRecordByEmail}: ignoring case when the collection's unique email index is
     * {@code COLLATE NOCASE} (the default). Throws {@code NotFound} for a collection that is not an auth one.
     */
    default Record findAuthRecordByEmail(String collection, String email) {
        return api().findAuthRecordByEmail(collection, email);
    }

    // ---- record writes -------------------------------------------------------------------------------

    /**
     * Creates a record from {@code body}: its values and PocketBase's modifiers ({@code count+},
     * {@code tags-}, {@code +tags}) as {@code RecordBody.builder()} sets them, files as {@link UploadedFile}s
     * ({@link UploadedFile#fromBytes}, {@link UploadedFile#fromPath}, {@link UploadedFile#fromStream}). Returns
     * the record as stored, hidden fields included.
     */
    default Record createRecord(String collection, RecordBody body) {
        return api().createRecord(collection, body);
    }

    /** Applies {@code body} to record {@code id} (modifiers act on the stored values; files as in create). */
    default Record updateRecord(String collection, String id, RecordBody body) {
        return api().updateRecord(collection, id, body);
    }

    /**
     * Upstream's {@code app.Save(record)}: a record whose id is stored is updated with the fields that differ
     * from the stored row (a plain {@code password} value sets a new password); any other record is created with
     * its values (and its id, when it has one).
     */
    default Record saveRecord(Record record) {
        return api().saveRecord(record);
    }

    /** Deletes record {@code id} with its relation cascades and files. */
    default void deleteRecord(String collection, String id) {
        api().deleteRecord(collection, id);
    }

    /** Upstream's {@code app.Delete(record)}. */
    default void deleteRecord(Record record) {
        deleteRecord(record.collection().id(), record.id());
    }

    // ---- expand --------------------------------------------------------------------------------------

    /**
     * Upstream's {@code ExpandRecord}: the record with the relations {@code expand} names filled in
     * ({@code author}, {@code author.team}, {@code comments_via_post}; comma separated, 6 levels at most).
     */
    default Record expandRecord(Record record, String expand) {
        return expandRecords(List.of(record), expand).getFirst();
    }

    /** Upstream's {@code ExpandRecords}: as {@link #expandRecord} for records of one collection. */
    default List<Record> expandRecords(List<Record> records, String expand) {
        return api().expandRecords(records, expand);
    }

    // ---- transactions --------------------------------------------------------------------------------

    /** Work run by {@link #runInTransaction}, with the transaction's view of the app. */
    @FunctionalInterface
    interface Transaction {
        void run(AppApi tx) throws Exception;
    }

    /** A checked exception thrown by a {@link Transaction}'s work, which rolled it back. */
    final class TransactionFailed extends RuntimeException {
        public TransactionFailed(Exception cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * Upstream's {@code RunInTransaction}: everything {@code work} does through {@code tx} (reads see its own
     * writes) is one SQLite transaction. When {@code work} throws, all of it is rolled back (files it stored are
     * removed) and the exception is rethrown (a checked one wrapped in {@link TransactionFailed}). The
     * after-success hooks and realtime events of its writes fire only once it committed. Calls nest: a
     * transaction started inside joins the outer one. Use {@code tx} on the calling thread only: the single
     * writer is held for the whole transaction, so keep it short and never wait in it for another thread's write.
     */
    default void runInTransaction(Transaction work) {
        api().runInTransaction(work);
    }

    // ---- mail, settings, files, realtime ------------------------------------------------------------

    /**
     * The mail client (upstream's {@code NewMailClient}): sends a {@code MailMessage} through the SMTP server of
     * the settings; the sender is usually {@code settings().meta().senderAddress()}. Throws
     * {@code Mailer.MailFailure} when the message could not be handed over.
     */
    default Mailer mailer() {
        return api().mailer();
    }

    /** The settings in force (upstream's {@code app.Settings()}), secrets included. */
    default Settings settings() {
        return api().settings();
    }

    /**
     * Saves {@code change} applied to the current settings (for example {@code s -> s.withSmtp(...)}), validated
     * as the settings API does; invalid settings throw {@code ValidationFailed} and nothing changes.
     */
    default Settings saveSettings(UpdateSettings.Change change) {
        return api().saveSettings(change);
    }

    /**
     * The file store of record files (upstream's {@code NewFilesystem}), local or the settings' S3 bucket: a
     * record's file {@code name} is under the key {@code FileKeys.file(collectionId, recordId, name)}.
     */
    default FileStore fileStore() {
        return api().fileStore();
    }

    /**
     * Sends a custom realtime message (JSON-shaped {@code data}: Map, List, String, Number, Boolean, null) to
     * every client subscribed to {@code topic}, as PocketBase's subscriptions broker lets apps do; returns how
     * many clients it was queued for.
     */
    default int publish(String topic, Object data) {
        return api().publish(topic, data);
    }
}
