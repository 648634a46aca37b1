package dev.locket;

import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.RecordBody;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.settings.UpdateSettings;
import dev.locket.application.port.out.FileStore;
import dev.locket.application.port.out.Mailer;
import dev.locket.application.service.auth.AuthRecords;
import dev.locket.application.service.record.RecordService.Via;
import dev.locket.bootstrap.Assembly;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionType;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.Field;
import dev.locket.domain.filter.FilterParams;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.settings.Settings;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * {@link AppApi} over one open data directory: the services of its {@link Assembly}, called as the trusted
 * system caller. The app and the transaction view are both one of these: the transaction joins whatever runs
 * on its thread, so the view needs no state of its own.
 */
final class DataAccess implements AppApi {
    private static final String MISSING_COLLECTION = "Missing collection context.";

    private final Assembly assembly;

    DataAccess(Assembly assembly) {
        this.assembly = Objects.requireNonNull(assembly);
    }

    @Override
    public AppApi api() {
        return this;
    }

    // ---- collections ---------------------------------------------------------------------------------

    @Override
    public Collection findCollectionByNameOrId(String nameOrId) {
        return assembly.sqlite().collectionStore().find(nameOrId).orElseThrow(() -> new NotFound(MISSING_COLLECTION));
    }

    @Override
    public List<Collection> findAllCollections(CollectionType... types) {
        Set<CollectionType> wanted = Set.copyOf(Arrays.asList(types));
        return assembly.sqlite().collectionStore().all().stream()
                .filter(c -> wanted.isEmpty() || wanted.contains(c.type())).toList();
    }

    @Override
    public Collection saveCollection(CollectionDraft draft) {
        var store = assembly.sqlite().collectionStore();
        Optional<Collection> existing = draft.id().flatMap(id -> store.find(id).filter(c -> c.id().equals(id)))
                .or(() -> draft.name().flatMap(store::find));
        return existing.isPresent()
                ? assembly.collections().update(existing.get().id(), draft, RequestInfo.system())
                : assembly.collections().create(draft, RequestInfo.system());
    }

    @Override
    public void deleteCollection(String nameOrId) {
        assembly.collections().delete(nameOrId, RequestInfo.system());
    }

    // ---- record reads --------------------------------------------------------------------------------

    @Override
    public Record findRecordById(String collection, String id) {
        return first(assembly.records().findByLookup(collection, Lookup.byId(id), 1));
    }

    @Override
    public List<Record> findRecordsByIds(String collection, List<String> ids) {
        return ids.isEmpty() ? List.of()
                : assembly.sqlite().recordStore().findByIds(findCollectionByNameOrId(collection), List.copyOf(ids));
    }

    @Override
    public List<Record> findRecordsByFilter(String collection, String filter, String sort, int limit, int offset,
                                            Map<String, ?> params) {
        return assembly.records().findByFilter(collection, FilterParams.substitute(text(filter), params), sort,
                limit, offset);
    }

    @Override
    public Record findFirstRecordByFilter(String collection, String filter, Map<String, ?> params) {
        return first(findRecordsByFilter(collection, filter, "", 1, 0, params));
    }

    @Override
    public Record findFirstRecordByData(String collection, String field, Object value) {
        Collection c = findCollectionByNameOrId(collection);
        if (c.field(field).isEmpty()) {
            throw new IllegalArgumentException("invalid or missing field " + field);
        }
        Map<String, Object> params = new HashMap<>();
        params.put("value", value);
        return findFirstRecordByFilter(c.id(), field + " = {:value}", params);
    }

    @Override
    public long countRecords(String collection, String filter, Map<String, ?> params) {
        return assembly.records().countByFilter(collection, FilterParams.substitute(text(filter), params));
    }

    @Override
    public Record findAuthRecordByEmail(String collection, String email) {
        if (!(findCollectionByNameOrId(collection) instanceof AuthCollection auth)) {
            throw new NotFound("Missing or invalid auth collection context.");
        }
        return first(assembly.records().findByLookup(auth.id(), AuthRecords.identityLookup(auth, "email",
                Objects.requireNonNull(email)), 1));
    }

    private static Record first(List<Record> found) {
        if (found.isEmpty()) {
            throw new NotFound();
        }
        return found.getFirst();
    }

    private static String text(String filter) {
        return filter == null ? "" : filter;
    }

    // ---- record writes -------------------------------------------------------------------------------

    // Upstream's app.Save / app.Delete fire the model hooks only: the record request hooks belong to the API.

    @Override
    public Record createRecord(String collection, RecordBody body) {
        return assembly.records().create(new CreateRecord.Command(collection, body, "",
                RequestInfo.system().withMethod("POST")), Via.APP);
    }

    @Override
    public Record updateRecord(String collection, String id, RecordBody body) {
        return assembly.records().update(new UpdateRecord.Command(collection, id, body, "",
                RequestInfo.system().withMethod("PATCH")), Via.APP);
    }

    @Override
    public Record saveRecord(Record record) {
        Collection c = record.collection();
        List<Record> stored = record.id().isEmpty() ? List.of()
                : assembly.records().findByLookup(c.id(), Lookup.byId(record.id()), 1);
        RecordBody.Builder body = RecordBody.builder();
        if (stored.isEmpty()) {
            for (Field f : c.fields()) {
                Object value = record.get(f.name());
                if (value != null && !(f instanceof AutodateField)) {
                    body.set(f.name(), value);
                }
            }
            return createRecord(c.id(), body.build());
        }
        Record before = stored.getFirst();
        for (Field f : c.fields()) {
            if (record.values().containsKey(f.name()) && !Objects.equals(before.get(f.name()), record.get(f.name()))) {
                body.set(f.name(), record.get(f.name()));
            }
        }
        return updateRecord(c.id(), record.id(), body.build());
    }

    @Override
    public void deleteRecord(String collection, String id) {
        assembly.records().delete(new DeleteRecord.Command(collection, id, RequestInfo.system().withMethod("DELETE")),
                Via.APP);
    }

    @Override
    public List<Record> expandRecords(List<Record> records, String expand) {
        return assembly.records().expand(records, expand);
    }

    // ---- transactions --------------------------------------------------------------------------------

    @Override
    public void runInTransaction(Transaction work) {
        Objects.requireNonNull(work);
        assembly.sqlite().transactions().inTransaction(() -> {
            try {
                work.run(this);
            } catch (RuntimeException unchecked) {
                throw unchecked;
            } catch (Exception checked) {
                throw new TransactionFailed(checked);
            }
        });
    }

    // ---- mail, settings, files, realtime ------------------------------------------------------------

    @Override
    public Mailer mailer() {
        return assembly.mailer();
    }

    @Override
    public Settings settings() {
        return assembly.admin().settings().current();
    }

    @Override
    public Settings saveSettings(UpdateSettings.Change change) {
        return assembly.admin().settings().update(change, RequestInfo.system());
    }

    @Override
    public FileStore fileStore() {
        return assembly.storage().fileStore();
    }

    @Override
    public int publish(String topic, Object data) {
        return assembly.realtime().publish(topic, data);
    }
}
