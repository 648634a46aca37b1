package dev.locket.application.service.collection;

import dev.locket.application.hook.CollectionRequestEvent;
import dev.locket.application.hook.CollectionRequestHooks;
import dev.locket.application.hook.CollectionsImportRequestEvent;
import dev.locket.application.hook.CollectionsListRequestEvent;
import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.RecordAction;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.FileStore;
import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.application.service.record.FileUploads;
import dev.locket.application.service.record.RecordWrites;
import dev.locket.application.service.support.AdminAccess;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.rule.RequestInfo;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The collections API (collections-and-fields §10): checks access, opens the transaction and hands each
 * use case to its part — drafting ({@link CollectionDrafts}), validation ({@link CollectionValidation}),
 * view fields ({@link CollectionViews}), saving through the hooks ({@link CollectionSaves}), import
 * ({@link CollectionImport}), deletion and truncation ({@link CollectionRemoval}), scaffolds.
 */
public final class CollectionService implements ManageCollections {
    static final String CREATE_FAILED = "Failed to create collection.";
    static final String UPDATE_FAILED = "Failed to update collection.";

    private final CollectionStore collections;
    private final Transactions tx;
    private final RandomGenerator random;
    private final CollectionListing listing;
    private final CollectionDrafts drafts;
    private final CollectionViews views;
    private final CollectionValidation validation;
    private final CollectionRuleChecks rules;
    private final CollectionSaves saves;
    private final CollectionImport imports;
    private final CollectionRemoval removal;
    private final CollectionRequestHooks requestHooks;

    public CollectionService(CollectionStore collections, RecordStore records, Transactions transactions, Hooks hooks,
                             Clock clock, RandomGenerator random) {
        this(collections, records, transactions, hooks, clock, random, FileUploads.NO_STORE);
    }

    /** With file storage: deleting or truncating a collection removes its files (files.md §8). */
    public CollectionService(CollectionStore collections, RecordStore records, Transactions transactions, Hooks hooks,
                             Clock clock, RandomGenerator random, FileStore fileStore) {
        this.collections = collections;
        this.requestHooks = hooks.collectionRequests();
        this.tx = transactions;
        this.random = random;
        this.listing = new CollectionListing(clock);
        this.drafts = new CollectionDrafts(clock, random);
        this.views = new CollectionViews(collections, random);
        this.validation = new CollectionValidation(collections);
        this.rules = new CollectionRuleChecks(records);
        this.saves = new CollectionSaves(collections, transactions, hooks, validation);
        this.imports = new CollectionImport(collections, transactions, drafts, views, validation, rules, saves);
        FileUploads files = new FileUploads(fileStore, transactions, random);
        this.removal = new CollectionRemoval(collections, transactions, saves,
                new RecordWrites(collections, records, transactions, hooks, clock, files, random), files);
    }

    /**
     * In-memory list: {@code filter} and {@code sort} may use id, name, type, system, created and updated
     * (see {@link CollectionListing}).
     */
    @Override
    public Page<Collection> list(ListQuery query) {
        AdminAccess.requireSuperuser(query.request());
        List<Collection> matching = listing.select(collections.all(), query.filter(), query.sort(), query.request());
        int perPage = Math.max(1, query.perPage());
        int page = Math.max(1, query.page());
        int from = Math.min(matching.size(), (page - 1) * perPage);
        int to = Math.min(matching.size(), from + perPage);
        long total = query.skipTotal() ? -1 : matching.size();
        long pages = query.skipTotal() ? -1 : (matching.size() + perPage - 1) / perPage;
        CollectionsListRequestEvent event = new CollectionsListRequestEvent(
                new Page<>(page, perPage, total, pages, matching.subList(from, to)), query.request());
        requestHooks.onCollectionsListRequest().trigger(event);
        event.throwIfAnswered();
        return event.page();
    }

    @Override
    public Collection view(String idOrName, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        CollectionRequestEvent event = new CollectionRequestEvent(find(idOrName), request);
        requestHooks.onCollectionViewRequest().trigger(event);
        event.throwIfAnswered();
        return event.collection();
    }

    @Override
    public Collection create(CollectionDraft draft, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        // Prepared inside the transaction: a view's query is resolved against the same schema it is saved in.
        // The request hook sees the built collection (upstream's scaffold merged with the body) before it is
        // validated and saved, so a handler may change it; its own answer is sent once the transaction ended.
        CollectionRequestEvent event = tx.inTransaction(() -> {
            List<Collection> all = collections.all();
            CollectionRequestEvent e = new CollectionRequestEvent(drafts.build(draft, all, CREATE_FAILED), request);
            requestHooks.onCollectionCreateRequest().trigger(e, x -> {
                Map<String, ErrorNode> errors = new LinkedHashMap<>();
                Collection created = x.collection();
                if (created instanceof ViewCollection v) {
                    created = views.withViewFields(v, null, errors);
                }
                // checked in the validate stage, by onCollectionValidate's system handler (upstream's priority 99)
                Collection saved = saves.store(RecordAction.CREATE, null, created, CREATE_FAILED, errors);
                rules.checkRulesResolve(saved, CREATE_FAILED);
                x.collection(saved);
            });
            return e;
        });
        event.throwIfAnswered();
        return event.collection();
    }

    @Override
    public Collection update(String idOrName, CollectionDraft draft, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        Collection stored = find(idOrName);
        CollectionRequestEvent event = tx.inTransaction(() -> {
            Map<String, ErrorNode> errors = new LinkedHashMap<>();
            CollectionRequestEvent e = new CollectionRequestEvent(drafts.merge(stored, draft, UPDATE_FAILED, errors),
                    request);
            requestHooks.onCollectionUpdateRequest().trigger(e, x -> {
                Collection changed = x.collection();
                if (changed instanceof ViewCollection v) {
                    changed = views.withViewFields(v, stored, errors);
                }
                Collection saved = saves.store(RecordAction.UPDATE, stored, changed, UPDATE_FAILED, errors);
                rules.checkRulesResolve(saved, UPDATE_FAILED);
                x.collection(saved);
            });
            return e;
        });
        event.throwIfAnswered();
        return event.collection();
    }

    @Override
    public void delete(String idOrName, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        CollectionRequestEvent event = new CollectionRequestEvent(find(idOrName), request);
        requestHooks.onCollectionDeleteRequest().trigger(event, e -> removal.delete(e.collection()));
        event.throwIfAnswered();
    }

    @Override
    public void truncate(String idOrName, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        removal.truncate(find(idOrName), request);
    }

    @Override
    public void importCollections(Import command, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        if (command.collections().isEmpty()) {
            // Upstream refuses an empty list rather than deleting every collection.
            throw ValidationFailed.of(ValidationFailed.FORM_INVALID, "collections", FieldError.required());
        }
        CollectionsImportRequestEvent event = new CollectionsImportRequestEvent(command.collections(),
                command.deleteMissing(), request);
        requestHooks.onCollectionsImportRequest().trigger(event,
                e -> imports.run(new Import(e.collections(), e.deleteMissing())));
        event.throwIfAnswered();
    }

    @Override
    public Scaffolds scaffolds(RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        return CollectionScaffolds.of(random);
    }

    @Override
    public ViewPreview dryRunView(String query, RequestInfo request) {
        AdminAccess.requireSuperuser(request);
        return views.preview(query);
    }

    private Collection find(String idOrName) {
        return collections.find(idOrName).orElseThrow(NotFound::new);
    }
}
