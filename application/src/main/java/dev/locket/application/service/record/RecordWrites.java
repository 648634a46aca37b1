package dev.locket.application.service.record;

import dev.locket.application.hook.Hook;
import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.RecordAction;
import dev.locket.application.hook.RecordAfterErrorEvent;
import dev.locket.application.hook.RecordAfterSuccessEvent;
import dev.locket.application.hook.RecordCreateEvent;
import dev.locket.application.hook.RecordDeleteEvent;
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
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.types.DateTimes;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Record writes as every caller must do them: inside a transaction, through the model hooks,
 * with after-commit/after-error hooks, and for deletes with PocketBase's relation cascades.
 */
public final class RecordWrites {
    static final String DELETE_REFERENCED =
            "Failed to delete record. Make sure that the record is not part of a required relation reference.";
    /** Helper collections whose records belong to an auth record through recordRef/collectionRef. */
    private static final List<String> AUTH_HELPERS = List.of("_mfas", "_otps", "_externalAuths", "_authOrigins");

    private final CollectionStore collections;
    private final RecordStore records;
    private final Transactions tx;
    private final Hooks hooks;
    private final Clock clock;
    private final FileUploads files;

    RecordWrites(CollectionStore collections, RecordStore records, Transactions tx, Hooks hooks, Clock clock) {
        this(collections, records, tx, hooks, clock, null);
    }

    /** {@code files} (may be null) removes a deleted record's file folder once the delete committed. */
    public RecordWrites(CollectionStore collections, RecordStore records, Transactions tx, Hooks hooks, Clock clock,
                 FileUploads files) {
        this.collections = collections;
        this.records = records;
        this.tx = tx;
        this.hooks = hooks;
        this.clock = clock;
        this.files = files;
    }

    /** Inserts through {@code onRecordCreate}; a store uniqueness failure gets {@code failMessage}. */
    public Record insert(Collection c, Record record, RequestInfo request, String failMessage) {
        RecordCreateEvent event = new RecordCreateEvent(c, record, request);
        return save(RecordAction.CREATE, c, request, failMessage, event::record,
                () -> hooks.onRecordCreate().trigger(event, e -> {
                    records.insert(c, e.record());
                    dropInstaller(c, e.record(), request);
                }),
                hooks.onRecordAfterCreateSuccess());
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
            deleteInTx(c, r, request, new HashSet<>());
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
        return save(RecordAction.UPDATE, c, request, failMessage, event::record,
                () -> hooks.onRecordUpdate().trigger(withRecord(event, inTransaction), e -> {
                    records.update(c, e.record());
                    if (c instanceof AuthCollection && !original.text("password").equals(e.record().text("password"))) {
                        // upstream forgets the known devices whenever an auth record's password hash changes
                        deleteHelpers(List.of("_authOrigins"), c, e.record().id(), request, new HashSet<>());
                    }
                }),
                hooks.onRecordAfterUpdateSuccess());
    }

    /**
     * Runs a create or update hook chain in a transaction, then its after-success hook once committed;
     * any failure goes through the after-error hook (a validation failure with {@code failMessage}).
     */
    private Record save(RecordAction action, Collection c, RequestInfo request, String failMessage,
                        Supplier<Record> current, Runnable chain, Hook<RecordAfterSuccessEvent> success) {
        try {
            tx.inTransaction(() -> {
                chain.run();
                tx.afterCommit(() -> success.trigger(
                        new RecordAfterSuccessEvent(action, c, current.get(), request)));
            });
        } catch (ValidationFailed ex) {
            throw failed(action, c, current.get(), request, ex.withMessage(failMessage));
        } catch (RuntimeException ex) {
            throw failed(action, c, current.get(), request, ex);
        }
        return current.get();
    }

    private static RecordUpdateEvent withRecord(RecordUpdateEvent event, UnaryOperator<Record> change) {
        event.record(change.apply(event.record()));
        return event;
    }

    /** Deletes with cascades (records-api §6.7), all in one transaction. */
    public void delete(Collection c, Record record, RequestInfo request) {
        try {
            tx.inTransaction(() -> deleteInTx(c, record, request, new HashSet<>()));
        } catch (RuntimeException ex) {
            throw failed(RecordAction.DELETE, c, record, request, ex);
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
                        deleteInTx(c, r, request, seen);
                        progress = true;
                    }
                }
                if (!progress) {
                    return; // what is left was kept by a delete hook that did not call next()
                }
            }
        });
    }

    private void deleteInTx(Collection c, Record record, RequestInfo request, Set<String> deleting) {
        if (c instanceof AuthCollection a && a.isSuperusers() && records.list(c,
                RecordQuery.all(1, 2, request)).items().size() < 2) {
            throw new BadRequest("You can't delete the only existing superuser.");
        }
        deleting.add(key(c, record.id()));
        RecordDeleteEvent event = new RecordDeleteEvent(c, record, request);
        hooks.onRecordDelete().trigger(event, e -> {
            cascade(c, e.record(), request, deleting);
            records.delete(c, e.record().id());
        });
        if (files != null && FileUploads.hasFileField(c)) {
            tx.afterCommit(() -> files.deleteRecordFolder(c, event.record().id()));
        }
        tx.afterCommit(() -> hooks.onRecordAfterDeleteSuccess().trigger(
                new RecordAfterSuccessEvent(RecordAction.DELETE, c, event.record(), request)));
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
                        deleteInTx(other, ref, request, deleting);
                    } else if (remaining.isEmpty() && rel.required()) {
                        throw new BadRequest(DELETE_REFERENCED);
                    } else {
                        Record changed = ref.with(rel.name(), rel.multiple() ? List.copyOf(remaining)
                                : remaining.isEmpty() ? "" : remaining.get(remaining.size() - 1));
                        changed = touch(other, changed);
                        RecordUpdateEvent event = new RecordUpdateEvent(other, ref, changed, request);
                        hooks.onRecordUpdate().trigger(event, e -> records.update(other, e.record()));
                        tx.afterCommit(() -> hooks.onRecordAfterUpdateSuccess().trigger(
                                new RecordAfterSuccessEvent(RecordAction.UPDATE, other, event.record(), request)));
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

    /** Deletes the records of the {@code names} helper collections that belong to auth record {@code id}. */
    private void deleteHelpers(List<String> names, Collection c, String id, RequestInfo request, Set<String> deleting) {
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
                    deleteInTx(helper, r, request, deleting);
                }
            }
        }
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

    private RuntimeException failed(RecordAction action, Collection c, Record record, RequestInfo request,
                                    RuntimeException error) {
        var event = new RecordAfterErrorEvent(action, c, record, request, error);
        switch (action) {
            case CREATE -> hooks.onRecordAfterCreateError().trigger(event);
            case UPDATE -> hooks.onRecordAfterUpdateError().trigger(event);
            case DELETE -> hooks.onRecordAfterDeleteError().trigger(event);
        }
        return error;
    }

    private static String key(Collection c, String id) {
        return c.id() + "/" + id;
    }
}
