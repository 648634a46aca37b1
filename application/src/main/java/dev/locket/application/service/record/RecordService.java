package dev.locket.application.service.record;

import dev.locket.application.hook.Hook;
import dev.locket.application.hook.HookResponse;
import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.RecordListRequestEvent;
import dev.locket.application.hook.RecordRequestEvent;
import dev.locket.application.hook.RequestHookEvent;
import dev.locket.application.hook.RecordUpdateRequestEvent;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.ListRecords;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.record.ViewRecord;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.FileStore;
import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.PasswordHasher;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.filter.AccessRule;
import dev.locket.domain.filter.BoundFilter;
import dev.locket.domain.filter.Lookup;
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.text.CommaList;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The records API use cases (records-api §4–§6, §10): collection lookup, API rules, body
 * handling, writes inside a transaction with the model hooks, delete cascades, expand, and the
 * output projection for the requester.
 */
public final class RecordService implements ListRecords, ViewRecord, CreateRecord, UpdateRecord, DeleteRecord {
    static final String MISSING_COLLECTION = "Missing collection context.";
    static final String CREATE_FAILED = "Failed to create record.";
    static final String UPDATE_FAILED = "Failed to update record.";

    private final CollectionStore collections;
    private final RecordStore records;
    private final Hooks hooks;
    private final RecordDrafts drafts;
    private final RecordWrites writes;
    private final RecordExpander expander;
    private final RecordProjection projection;
    private final FileUploads files;
    private final ClientFilters clientFilters = new ClientFilters();
    private final ListTimingThrottle listTiming;

    public RecordService(CollectionStore collections, RecordStore records, Transactions transactions,
                         PasswordHasher hasher, Hooks hooks, Clock clock, RandomGenerator random) {
        this(collections, records, transactions, hasher, hooks, clock, random, FileUploads.NO_STORE);
    }

    /** With file storage: multipart uploads are stored, replaced and deleted files removed (files.md). */
    public RecordService(CollectionStore collections, RecordStore records, Transactions transactions,
                         PasswordHasher hasher, Hooks hooks, Clock clock, RandomGenerator random, FileStore fileStore) {
        this.collections = collections;
        this.records = records;
        this.hooks = hooks;
        this.files = new FileUploads(fileStore, transactions, random);
        this.drafts = new RecordDrafts(collections, records, hasher, clock, random);
        this.writes = new RecordWrites(collections, records, transactions, hooks, clock, files, random);
        this.expander = new RecordExpander(collections, records, clock);
        this.projection = new RecordProjection(collections, records, clock, hooks);
        this.listTiming = new ListTimingThrottle(clock, random);
    }

    ListTimingThrottle listTiming() {
        return listTiming;
    }

    /** The writer with model hooks and cascades, for other services (auth flows, collections). */
    public RecordWrites writes() {
        return writes;
    }

    @Override
    public Page<Record> list(ListRecords.Query q) {
        Collection c = collection(q.collection());
        RequestInfo request = q.request();
        boolean superuser = request.isSuperuser();
        AccessRule rule = c.rules().list();
        requireUnlocked(rule, superuser);
        if (!superuser) {
            // Upstream's plain substring check, quotes included, filter before sort.
            for (String param : List.of(q.filter(), q.sort())) {
                for (String forbidden : List.of("@collection.", "@request.")) {
                    if (param.contains(forbidden)) {
                        throw new Forbidden("Only superusers can filter by " + forbidden);
                    }
                }
            }
        }
        // Upstream splits sort on every comma and fails on an empty item ("a," / "a,,b" -> 400), so keep them.
        List<String> sort = q.sort().isBlank() ? List.of() : clientQuery(() -> CommaList.splitStrict(q.sort()));
        RecordListRequestEvent event = new RecordListRequestEvent(c, request);
        fire(hooks.onRecordsListRequest(), event, Via.RECORDS_API, e -> {
            // bound where the store used to parse them, so a bad filter still fails after the hooks ran
            Page<Record> page = clientQuery(() -> records.list(c, new RecordQuery(
                    superuser ? BoundFilter.ALL : filterOf(rule), clientFilters.bind(q.filter(), superuser), sort,
                    q.page(), q.perPage(), q.skipTotal(), request)));
            List<Record> items = projection.projectAll(expander.expand(c, page.items(), q.expand(), request), request);
            e.page(new Page<>(page.page(), page.perPage(), page.totalItems(), page.totalPages(), items));
            if (!superuser && rule instanceof AccessRule.Filter && !q.filter().isEmpty() && items.isEmpty()) {
                listTiming.emptyFilteredList(c.id(), q.clientIp());
            }
        });
        return event.page();
    }

    /**
     * records-api §4: a filter or sort that does not parse or resolve is a 400 with the generic message;
     * the parser's reason (kept as the cause) is never shown to the client.
     */
    private static <T> T clientQuery(java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (BadRequest e) {
            throw new BadRequest(BadRequest.GENERIC, e);
        }
    }

    @Override
    public Record view(ViewRecord.Query q) {
        Collection c = collection(q.collection());
        RequestInfo request = q.request();
        Record found = findWithRule(c, q.id(), c.rules().view(), request);
        RecordRequestEvent event = new RecordRequestEvent(c, found, request);
        fire(hooks.onRecordViewRequest(), event, Via.RECORDS_API,
                e -> e.record(present(c, e.record(), q.expand(), request)));
        return event.record();
    }

    /**
     * Which hooks a write fires. The records API runs its request hooks ({@code onRecordCreateRequest}, …)
     * around the model hooks; the app API's writes from Java code are upstream's {@code app.Save} /
     * {@code app.Delete}, which fire the model hooks only.
     */
    public enum Via { RECORDS_API, APP }

    @Override
    public Record create(CreateRecord.Command cmd) {
        return create(cmd, Via.RECORDS_API);
    }

    /** {@link #create(CreateRecord.Command)} with the request hooks or without them ({@link Via}). */
    public Record create(CreateRecord.Command cmd, Via via) {
        Collection c = collection(cmd.collection());
        requireWritable(c);
        RequestInfo request = cmd.request();
        boolean superuser = request.isSuperuser();
        AccessRule rule = c.rules().create();
        requireUnlocked(rule, superuser);
        Map<String, Object> zero = drafts.zeroValues(c);
        FileUploads.Plan plan = files.plan(c, cmd.body());
        RecordDrafts.Input input = drafts.read(c, zero, plan.body(), superuser);
        Map<String, Object> values = new LinkedHashMap<>(zero);
        values.putAll(input.resolved());
        values = drafts.withId(c, values);
        RequestInfo ruleRequest = request.withBody(input.ruleBody());
        Record virtual = drafts.virtualRow(c, values);
        if (!superuser && rule instanceof AccessRule.Filter f
                && !records.draftMatches(c, virtual, f.bound(), ruleRequest)) {
            throw new BadRequest(CREATE_FAILED);
        }
        boolean manager = superuser || (c instanceof AuthCollection a
                && a.auth().manageRule() instanceof AccessRule.Filter m
                && records.draftMatches(c, virtual, m.bound(), ruleRequest));
        // As upstream's form submit in the default action: the auth form checks (the records API's only; app.Save
        // has none), then app.Save, whose validate stage checks the fields of the record the hooks left (handlers
        // see and may veto every upload first).
        RecordRequestEvent event = new RecordRequestEvent(c, new Record(c, values), request, FileUploads.unsaved(plan));
        fire(hooks.onRecordCreateRequest(), event, via, e -> {
            if (via == Via.RECORDS_API) {
                drafts.checkAuthCreate(c, input, e.record().values(), manager, CREATE_FAILED);
            }
            Record draft = new Record(c, drafts.autogenerated(c, e.record().values()));
            Record saved = writes.insert(c, draft, request, CREATE_FAILED, new RecordWrites.Steps(
                    r -> FileUploads.withFileErrors(files.check(c, plan, zero, r.values()), CREATE_FAILED,
                            () -> drafts.completeCreate(c, r.values(), input, CREATE_FAILED)),
                    (r, write) -> files.write(c, plan, r, null, write)));
            e.record(via == Via.APP ? projection.projectUnenriched(saved, request)
                    : present(c, saved, cmd.expand(), request));
        });
        return event.record();
    }

    @Override
    public Record update(UpdateRecord.Command cmd) {
        return update(cmd, Via.RECORDS_API);
    }

    /** {@link #update(UpdateRecord.Command)} with the request hooks or without them ({@link Via}). */
    public Record update(UpdateRecord.Command cmd, Via via) {
        Collection c = collection(cmd.collection());
        requireWritable(c);
        RequestInfo request = cmd.request();
        boolean superuser = request.isSuperuser();
        AccessRule rule = c.rules().update();
        requireUnlocked(rule, superuser);
        // Looked up without the rule first so that modifiers resolve, then again with it (as upstream).
        Record existing = records.find(c, cmd.id()).orElseThrow(NotFound::new);
        FileUploads.Plan plan = files.plan(c, cmd.body());
        RecordDrafts.Input input = drafts.read(c, existing.values(), plan.body(), superuser);
        RequestInfo ruleRequest = request.withBody(input.ruleBody());
        if (!superuser && rule instanceof AccessRule.Filter f
                && records.findMatching(c, existing.id(), f.bound(), ruleRequest).isEmpty()) {
            throw new NotFound();
        }
        Map<String, Object> values = new LinkedHashMap<>(existing.values());
        values.putAll(input.resolved());
        boolean manager = c instanceof AuthCollection a && projection.canManage(a, existing, ruleRequest);
        RecordUpdateRequestEvent event = new RecordUpdateRequestEvent(c, existing, existing.withValues(values), request,
                FileUploads.unsaved(plan));
        fire(hooks.onRecordUpdateRequest(), event, via, e -> {
            if (via == Via.RECORDS_API) {
                drafts.checkAuthUpdate(c, input, existing, e.record().values(), manager, UPDATE_FAILED);
            }
            Record saved = writes.update(c, existing, e.record(), request, UPDATE_FAILED,
                    r -> drafts.rebaseModifiers(c, input, plan.body(), superuser, r, UPDATE_FAILED),
                    new RecordWrites.Steps(
                            r -> FileUploads.withFileErrors(files.check(c, plan, existing.values(), r.values()),
                                    UPDATE_FAILED, () -> drafts.completeUpdate(c, existing, r.values(), input,
                                            UPDATE_FAILED)),
                            (r, write) -> files.write(c, plan, r, existing, write)));
            e.record(via == Via.APP ? projection.projectUnenriched(saved, request)
                    : present(c, saved, cmd.expand(), request));
        });
        return event.record();
    }

    @Override
    public void delete(DeleteRecord.Command cmd) {
        delete(cmd, Via.RECORDS_API);
    }

    /** {@link #delete(DeleteRecord.Command)} with the request hooks or without them ({@link Via}). */
    public void delete(DeleteRecord.Command cmd, Via via) {
        Collection c = collection(cmd.collection());
        requireWritable(c);
        Record found = findWithRule(c, cmd.id(), c.rules().delete(), cmd.request());
        RecordRequestEvent event = new RecordRequestEvent(c, found, cmd.request());
        fire(hooks.onRecordDeleteRequest(), event, via, e -> writes.delete(c, e.record(), cmd.request()));
    }

    /**
     * Runs {@code action} through {@code hook} ({@link Via#RECORDS_API}) or alone ({@link Via#APP}). Through the
     * hook, as upstream's request events: a handler's own answer ({@code e.json}, {@code e.noContent}) is sent
     * instead of the default one, and a chain stopped before the action without answering sends nothing, which
     * Go writes as an empty 200.
     */
    private static <E extends RequestHookEvent> void fire(Hook<E> hook, E event, Via via, Hook.Handler<E> action) {
        switch (via) {
            case APP -> action.handle(event);
            case RECORDS_API -> {
                boolean[] ran = {false};
                hook.trigger(event, e -> {
                    ran[0] = true;
                    action.handle(e);
                });
                event.throwIfAnswered();
                if (!ran[0]) {
                    throw HookResponse.nothingWritten();
                }
            }
        }
    }

    /** Expands then strips a record for the requester. */
    Record present(Collection c, Record record, String expand, RequestInfo request) {
        List<Record> expanded = expander.expand(c, List.of(record), expand, request);
        return projection.project(expanded.get(0), request);
    }

    /**
     * PocketBase's {@code FindRecordsByFilter} for embedding code: the filter and sort in the rule language,
     * no API rules (the caller is trusted, hidden fields may be filtered), no expand. {@code limit} 1..1000.
     */
    public List<Record> findByFilter(String collection, String filter, String sort, int limit, int offset) {
        if (limit < 1 || limit > 1000 || offset < 0) {
            throw new IllegalArgumentException("limit must be 1..1000 and offset >= 0");
        }
        Collection c = collection(collection);
        RequestInfo trusted = RequestInfo.system();
        List<String> sortItems = sort == null || sort.isBlank() ? List.of() : CommaList.splitStrict(sort);
        // store pages are aligned to perPage = limit: [offset, offset + limit) spans at most two of them
        int first = offset / limit + 1;
        BoundFilter bound = clientFilters.bind(filter, trusted.isSuperuser());
        List<Record> items = new ArrayList<>(records.list(c,
                new RecordQuery(BoundFilter.ALL, bound, sortItems, first, limit, true, trusted)).items());
        int from = offset % limit;
        if (from > 0 && items.size() == limit) {
            items.addAll(records.list(c, new RecordQuery(BoundFilter.ALL, bound, sortItems, first + 1, limit, true,
                    trusted)).items());
        }
        from = Math.min(from, items.size());
        return List.copyOf(items.subList(from, Math.min(items.size(), from + limit)));
    }

    /**
     * PocketBase's {@code CountRecords} for embedding code: how many records of {@code collection} match
     * {@code filter} (the rule language, "" for all), as the trusted caller sees them.
     */
    public long countByFilter(String collection, String filter) {
        Collection c = collection(collection);
        BoundFilter bound = clientFilters.bind(filter == null ? "" : filter, true);
        return records.list(c, new RecordQuery(BoundFilter.ALL, bound, List.of(), 1, 1, false,
                RequestInfo.system())).totalItems();
    }

    /**
     * PocketBase's {@code ExpandRecords} for embedding code: {@code items} (all of one collection) with the
     * relations {@code expand} names (upstream's syntax: {@code author,comments_via_post.user}) filled in, as
     * the trusted caller sees them; paths that do not resolve are skipped as upstream skips them.
     */
    public List<Record> expand(List<Record> items, String expand) {
        if (items.isEmpty() || expand == null || expand.isBlank()) {
            return List.copyOf(items);
        }
        return expander.expand(items.getFirst().collection(), List.copyOf(items), expand, RequestInfo.system());
    }

    /**
     * The first {@code limit} stored records the typed lookup finds, as the system sees them: no API rules,
     * no hooks, no expand (embedders and console commands looking a row up by id or field).
     */
    public List<Record> findByLookup(String collection, Lookup lookup, int limit) {
        if (limit < 1 || limit > 1000) {
            throw new IllegalArgumentException("limit must be 1..1000");
        }
        return records.list(collection(collection), RecordQuery.lookup(lookup, List.of(), limit)).items();
    }

    private Record findWithRule(Collection c, String id, AccessRule rule, RequestInfo request) {
        boolean superuser = request.isSuperuser();
        requireUnlocked(rule, superuser);
        if (superuser || rule instanceof AccessRule.Public) {
            return records.find(c, id).orElseThrow(NotFound::new);
        }
        return records.findMatching(c, id, filterOf(rule), request).orElseThrow(NotFound::new);
    }

    private Collection collection(String idOrName) {
        return collections.find(idOrName).orElseThrow(() -> new NotFound(MISSING_COLLECTION));
    }

    /** A locked rule ({@code null} upstream) lets superusers only through, with upstream's 403. */
    private static void requireUnlocked(AccessRule rule, boolean superuser) {
        if (!superuser && rule instanceof AccessRule.Locked) {
            throw new Forbidden(Forbidden.SUPERUSERS_ONLY);
        }
    }

    private static void requireWritable(Collection c) {
        if (c.isView()) {
            throw new BadRequest("Unsupported collection type.");
        }
    }

    /** The rule's expression, or {@code ""} for a public rule (locked rules are handled by callers). */
    static BoundFilter filterOf(AccessRule rule) {
        return rule instanceof AccessRule.Filter f ? f.bound() : BoundFilter.ALL;
    }
}
