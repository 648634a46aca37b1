package dev.locket.application.service.record;

import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.ModelStages;
import dev.locket.application.hook.RecordAction;
import dev.locket.application.hook.RecordAfterErrorEvent;
import dev.locket.application.hook.RecordAfterSuccessEvent;
import dev.locket.application.hook.RecordCreateEvent;
import dev.locket.application.hook.RecordDeleteEvent;
import dev.locket.application.hook.RecordEvent;
import dev.locket.application.hook.RecordUpdateEvent;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.PasswordField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.types.DateTimes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.random.RandomGenerator;

/**
 * Record writes as every caller must do them: inside a transaction, through upstream's model stages
 * ({@link ModelStages}: create/update wrap validation and the execute stage, delete wraps its execute stage),
 * with after-success hooks once committed and after-error hooks when the write or its transaction failed, and
 * for deletes with PocketBase's relation cascades.
 */
public final class RecordWrites {
    static final String DELETE_REFERENCED =
            "Failed to delete record. Make sure that the record is not part of a required relation reference.";
    /** Helper collections whose records belong to an auth record through recordRef/collectionRef. */
    private static final List<String> AUTH_HELPERS = List.of("_mfas", "_otps", "_externalAuths", "_authOrigins");

    private final CollectionStore collections;
    private final RecordStore records;
    private final Transactions tx;
    private final ModelStages stages;
    private final Clock clock;
    private final FileUploads files;
    private final RandomGenerator random;

    /**
     * {@code files} (may be null) removes a deleted record's file folder once the delete committed;
     * {@code random} makes new token keys.
     */
    public RecordWrites(CollectionStore collections, RecordStore records, Transactions tx, Hooks hooks, Clock clock,
                        FileUploads files, RandomGenerator random) {
        this.collections = collections;
        this.records = records;
        this.tx = tx;
        this.stages = new ModelStages(hooks);
        this.clock = clock;
        this.files = files;
        this.random = random;
    }

    /**
     * Inserts through {@code onRecordCreate}; a validation or store uniqueness failure gets {@code failMessage}.
     * {@code record} is taken as validated: the validate stage checks again what the hooks changed in it.
     */
    public Record insert(Collection c, Record record, RequestInfo request, String failMessage) {
        RecordCreateEvent event = new RecordCreateEvent(c, record, request);
        return save(RecordAction.CREATE, event, failMessage, () -> stages.create(event,
                () -> revalidate(event, record), () -> {
                    records.insert(c, event.record());
                    dropInstaller(c, event.record(), request);
                }));
    }

    /**
     * The first real superuser ends the installer: upstream deletes the temporary installer superuser as
     * soon as any other superuser is created, whichever way (dashboard, API, command line).
     */
    private void dropInstaller(Collection c, Record created, RequestInfo request) {
        if (!(c instanceof AuthCollection a) || !a.isSuperusers()
                || SystemCollections.INSTALLER_EMAIL.equals(created.text("email"))) {
            return;
        }
        Page<Record> installer = records.list(c, new RecordQuery(
                BoundFilter.of(Lookup.byField("email", SystemCollections.INSTALLER_EMAIL)), BoundFilter.ALL, List.of(),
                1, 1, true, request));
        for (Record r : installer.items()) {
            deleteInTx(c, r, request, new HashSet<>(), new boolean[1]);
        }
    }

    public Record update(Collection c, Record original, Record record, RequestInfo request, String failMessage) {
        return update(c, original, record, request, failMessage, UnaryOperator.identity());
    }

    /**
     * As {@link #update(Collection, Record, Record, RequestInfo, String)}, first passing the record through
     * {@code inTransaction} once the write transaction is open (to re-apply modifiers to the stored row).
     */
    public Record update(Collection c, Record original, Record record, RequestInfo request, String failMessage,
                  UnaryOperator<Record> inTransaction) {
        RecordUpdateEvent event = new RecordUpdateEvent(c, original, record, request);
        return save(RecordAction.UPDATE, event, failMessage, () -> {
            Record checked = withRecord(event, inTransaction).record();
            stages.update(event, () -> revalidate(event, checked), () -> writeUpdate(event));
        });
    }

    /** The execute stage's write of an update, with upstream's side effects on auth records. */
    private void writeUpdate(RecordUpdateEvent e) {
        Collection c = e.collection();
        Record original = e.original();
        if (verifiedUpgrade(c, original, e.record())
                && deleteHelpers(List.of(SystemCollections.EXTERNAL_AUTHS), c, e.record().id(), e.request(),
                        new HashSet<>())) {
            // Upstream, on every save that turns verified on: provider links made before the mailbox
            // was proven are dropped and every token issued so far is revoked.
            e.record(e.record().with("tokenKey", RecordDrafts.newTokenKey(c, random)));
        }
        records.update(c, e.record());
        if (c instanceof AuthCollection && !original.text("password").equals(e.record().text("password"))) {
            // upstream forgets the known devices whenever an auth record's password hash changes
            deleteHelpers(List.of("_authOrigins"), c, e.record().id(), e.request(), new HashSet<>());
        }
    }

    /**
     * Runs a create or update in a transaction, its after-success stage once committed; a failure goes through
     * the after-error stage (a validation failure with {@code failMessage}), as does a transaction that rolls
     * back after the write succeeded in it.
     */
    private Record save(RecordAction action, RecordEvent event, String failMessage, Runnable stagesRun) {
        boolean[] reported = {false};
        try {
            tx.inTransaction(() -> {
                stagesRun.run();
                afterWrite(action, event, reported);
            });
        } catch (ValidationFailed ex) {
            throw failed(action, event, ex.withMessage(failMessage), reported);
        } catch (RuntimeException ex) {
            throw failed(action, event, ex, reported);
        }
        return event.record();
    }

    /**
     * Upstream's transaction completion of a write: after-success once the transaction committed, after-error
     * with the transaction's failure if it did not (reported once per write).
     */
    private void afterWrite(RecordAction action, RecordEvent event, boolean[] reported) {
        Record written = event.record();
        tx.afterCommit(() -> stages.succeeded(
                new RecordAfterSuccessEvent(action, event.collection(), written, event.request())));
        tx.afterFailure(error -> failed(action, event, error, reported));
    }

    /**
     * The built-in check of the validate stage: the record handed to the writer was validated by its caller, so
     * only values the hooks changed since are checked again (password hashes and autodates are the writer's).
     */
    private static void revalidate(RecordEvent event, Record checked) {
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        for (Field f : event.collection().fields()) {
            Object value = event.record().get(f.name());
            if (f instanceof PasswordField || f instanceof AutodateField
                    || Objects.equals(value, checked.get(f.name()))) {
                continue;
            }
            f.validate(value).ifPresent(e -> errors.put(f.name(), e));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(BadRequest.GENERIC, errors);
        }
    }

    private static RecordUpdateEvent withRecord(RecordUpdateEvent event, UnaryOperator<Record> change) {
        event.record(change.apply(event.record()));
        return event;
    }

    /** Deletes with cascades (records-api §6.7), all in one transaction. */
    public void delete(Collection c, Record record, RequestInfo request) {
        boolean[] reported = {false};
        try {
            tx.inTransaction(() -> deleteInTx(c, record, request, new HashSet<>(), reported));
        } catch (RuntimeException ex) {
            throw failed(RecordAction.DELETE, new RecordDeleteEvent(c, record, request), ex, reported);
        }
    }

    /** Deletes every record of a collection, applying the same cascades as single deletes. */
    public void deleteAll(Collection c, RequestInfo request) {
        tx.inTransaction(() -> {
            if (!isReferenced(c) && !(c instanceof AuthCollection)) {
                records.deleteAll(c);
                return;
            }
            Set<String> seen = new HashSet<>();
            while (true) {
                Page<Record> page = records.list(c, RecordQuery.all(1, 500, request));
                if (page.items().isEmpty()) {
                    return;
                }
                boolean progress = false;
                for (Record r : page.items()) {
                    if (!seen.contains(key(c, r.id()))) {
                        deleteInTx(c, r, request, seen, new boolean[1]);
                        progress = true;
                    }
                }
                if (!progress) {
                    return; // what is left was kept by a delete hook that did not call next()
                }
            }
        });
    }

    private void deleteInTx(Collection c, Record record, RequestInfo request, Set<String> deleting,
                            boolean[] reported) {
        if (c instanceof AuthCollection a && a.isSuperusers() && records.list(c,
                RecordQuery.all(1, 2, request)).items().size() < 2) {
            throw new BadRequest("You can't delete the only existing superuser.");
        }
        deleting.add(key(c, record.id()));
        RecordDeleteEvent event = new RecordDeleteEvent(c, record, request);
        stages.delete(event, () -> {
            cascade(c, event.record(), request, deleting);
            records.delete(c, event.record().id());
        });
        if (files != null && FileUploads.hasFileField(c)) {
            tx.afterCommit(() -> files.deleteRecordFolder(c, event.record().id()));
        }
        afterWrite(RecordAction.DELETE, event, reported);
    }

    private void cascade(Collection c, Record deleted, RequestInfo request, Set<String> deleting) {
        String id = deleted.id();
        for (Collection other : collections.all()) {
            if (other.isView()) {
                continue;
            }
            for (Field f : other.fields()) {
                if (!(f instanceof RelationField rel) || !rel.collectionId().equals(c.id())) {
                    continue;
                }
                for (Record ref : records.findReferencing(other, rel.name(), id)) {
                    if (deleting.contains(key(other, ref.id()))) {
                        continue;
                    }
                    List<String> remaining = new ArrayList<>(RecordExpander.idsOf(ref.get(rel.name())));
                    remaining.remove(id);
                    if (remaining.isEmpty() && rel.cascadeDelete()) {
                        deleteInTx(other, ref, request, deleting, new boolean[1]);
                    } else if (remaining.isEmpty() && rel.required()) {
                        throw new BadRequest(DELETE_REFERENCED);
                    } else {
                        Record changed = ref.with(rel.name(), rel.multiple() ? List.copyOf(remaining)
                                : remaining.isEmpty() ? "" : remaining.get(remaining.size() - 1));
                        changed = touch(other, changed);
                        // upstream saves the reference with SaveNoValidate: no validate stage
                        RecordUpdateEvent event = new RecordUpdateEvent(other, ref, changed, request);
                        stages.update(event, null, () -> records.update(other, event.record()));
                        afterWrite(RecordAction.UPDATE, event, new boolean[1]);
                    }
                }
            }
        }
        if (c instanceof AuthCollection) {
            deleteAuthHelpers(c, id, request, deleting);
        }
    }

    /** Upstream deletes an auth record's MFA, OTP, external auth and auth origin records with it. */
    private void deleteAuthHelpers(Collection c, String id, RequestInfo request, Set<String> deleting) {
        deleteHelpers(AUTH_HELPERS, c, id, request, deleting);
    }

    private static boolean verifiedUpgrade(Collection c, Record original, Record saved) {
        return c instanceof AuthCollection && !Boolean.TRUE.equals(original.get("verified"))
                && Boolean.TRUE.equals(saved.get("verified"));
    }

    /**
     * Deletes the records of the {@code names} helper collections that belong to auth record {@code id};
     * true when there were any.
     */
    private boolean deleteHelpers(List<String> names, Collection c, String id, RequestInfo request,
                                  Set<String> deleting) {
        boolean any = false;
        for (String name : names) {
            Collection helper = collections.find(name).filter(h -> h.name().equals(name)).orElse(null);
            if (helper == null || helper.field("recordRef").isEmpty() || helper.field("collectionRef").isEmpty()) {
                continue;
            }
            Lookup owned = Lookup.byField("recordRef", id).and("collectionRef", c.id());
            Page<Record> page = records.list(helper, new RecordQuery(BoundFilter.of(owned), BoundFilter.ALL, List.of(),
                    1, 1000, true, request));
            for (Record r : page.items()) {
                if (!deleting.contains(key(helper, r.id()))) {
                    deleteInTx(helper, r, request, deleting, new boolean[1]);
                    any = true;
                }
            }
        }
        return any;
    }

    private Record touch(Collection c, Record r) {
        Record out = r;
        String now = DateTimes.format(clock.instant());
        for (Field f : c.fields()) {
            if (f instanceof AutodateField a && a.onUpdate()) {
                out = out.with(f.name(), now);
            }
        }
        return out;
    }

    private boolean isReferenced(Collection c) {
        for (Collection other : collections.all()) {
            for (Field f : other.fields()) {
                if (f instanceof RelationField rel && rel.collectionId().equals(c.id())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Fires the after-error stage once per write (a failed commit is seen by the transaction and the caller). */
    private RuntimeException failed(RecordAction action, RecordEvent event, RuntimeException error,
                                    boolean[] reported) {
        if (!reported[0]) {
            reported[0] = true;
            stages.failed(new RecordAfterErrorEvent(action, event.collection(), event.record(), event.request(),
                    error));
        }
        return error;
    }

    private static String key(Collection c, String id) {
        return c.id() + "/" + id;
    }
}
