package dev.locket.application.service;

import dev.locket.application.hook.CollectionEvent;
import dev.locket.application.hook.Hooks;
import dev.locket.application.hook.RecordAction;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.FileStore;
import dev.locket.application.port.out.Page;
import dev.locket.application.port.out.RecordQuery;
import dev.locket.application.port.out.RecordStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.AuthOptions;
import dev.locket.domain.collection.BaseCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.CollectionCodec;
import dev.locket.domain.collection.CollectionRules;
import dev.locket.domain.collection.IndexDefinition;
import dev.locket.domain.collection.SystemCollections;
import dev.locket.domain.collection.TokenConfig;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.LocketException;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.record.DateTimes;
import dev.locket.domain.record.Ids;
import dev.locket.domain.rule.AccessRule;
import dev.locket.domain.rule.RequestInfo;
import dev.locket.domain.rule.RuleParser;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The superuser-only collections API (collections-and-fields §10): list/view, create with type
 * defaults and generated ids, update by merging onto the stored definition, delete with reference
 * protection, truncate with cascades, import and scaffolds. Definitions are validated with
 * PocketBase's error codes; rule syntax is left to the store, which compiles rules when it builds
 * queries.
 */
public final class CollectionService implements ManageCollections {
    static final String CREATE_FAILED = "Failed to create collection.";
    static final String UPDATE_FAILED = "Failed to update collection.";
    static final String IMPORT_FAILED = "Failed to import collections.";
    static final String FORM_INVALID = "An error occurred while validating the submitted data.";
    static final int MAX_VIEW_QUERY = 5000;
    private static final Set<String> INTERNAL_TABLES = Set.of("_collections", "_params", "_migrations", "_logs",
            "sqlite_master", "sqlite_sequence", "sqlite_schema");
    /** Filter literals and the record's dynamic keys: upstream's exact (case-sensitive) NotIn list. */
    private static final Set<String> EXCLUDED_FIELD_NAMES = Set.of("null", "true", "false", "_rowid_",
            "collectionId", "collectionName", "expand");
    /** Request keys of auth records that no auth collection field may take. */
    private static final Set<String> RESERVED_AUTH_KEYS = Set.of("passwordConfirm", "oldPassword");
    private static final String NAME_PATTERN = "^\\w+$";

    private final CollectionStore collections;
    private final Transactions tx;
    private final Hooks hooks;
    private final Clock clock;
    private final RandomGenerator random;
    private final RecordWrites writes;
    private final RecordStore records;
    private final CollectionListing listing;
    private final FileUploads files;

    public CollectionService(CollectionStore collections, RecordStore records, Transactions transactions, Hooks hooks,
                             Clock clock, RandomGenerator random) {
        this(collections, records, transactions, hooks, clock, random, FileUploads.NO_STORE);
    }

    /** With file storage: deleting or truncating a collection removes its files (files.md §8). */
    public CollectionService(CollectionStore collections, RecordStore records, Transactions transactions, Hooks hooks,
                             Clock clock, RandomGenerator random, FileStore fileStore) {
        this.collections = collections;
        this.tx = transactions;
        this.hooks = hooks;
        this.clock = clock;
        this.random = random;
        this.files = new FileUploads(fileStore, transactions, random);
        this.writes = new RecordWrites(collections, records, transactions, hooks, clock, files);
        this.records = records;
        this.listing = new CollectionListing(clock);
    }

    /**
     * In-memory list: {@code filter} and {@code sort} may use id, name, type, system, created and updated
     * (see {@link CollectionListing}).
     */
    @Override
    public Page<Collection> list(ListQuery query) {
        requireSuperuser(query.request());
        List<Collection> matching = listing.select(collections.all(), query.filter(), query.sort(), query.request());
        int perPage = Math.max(1, query.perPage());
        int page = Math.max(1, query.page());
        int from = Math.min(matching.size(), (page - 1) * perPage);
        int to = Math.min(matching.size(), from + perPage);
        long total = query.skipTotal() ? -1 : matching.size();
        long pages = query.skipTotal() ? -1 : (matching.size() + perPage - 1) / perPage;
        return new Page<>(page, perPage, total, pages, matching.subList(from, to));
    }

    @Override
    public Collection view(String idOrName, RequestInfo request) {
        requireSuperuser(request);
        return find(idOrName);
    }

    @Override
    public Collection create(Map<String, Object> body, RequestInfo request) {
        requireSuperuser(request);
        // Prepared inside the transaction: a view's query is resolved against the same schema it is saved in.
        return tx.inTransaction(() -> {
            Collection created = prepareNew(body, collections.all(), CREATE_FAILED);
            Collection saved = store(RecordAction.CREATE, null, created, CREATE_FAILED);
            checkRulesResolve(saved, CREATE_FAILED);
            return saved;
        });
    }

    @Override
    public Collection update(String idOrName, Map<String, Object> body, RequestInfo request) {
        requireSuperuser(request);
        Collection stored = find(idOrName);
        return tx.inTransaction(() -> {
            Collection changed = prepareUpdate(stored, body, collections.all(), UPDATE_FAILED);
            Collection saved = store(RecordAction.UPDATE, stored, changed, UPDATE_FAILED);
            checkRulesResolve(saved, UPDATE_FAILED);
            return saved;
        });
    }

    @Override
    public void delete(String idOrName, RequestInfo request) {
        requireSuperuser(request);
        Collection stored = find(idOrName);
        tx.inTransaction(() -> {
            deleteCollection(stored, collections.all());
            if (FileUploads.hasFileField(stored)) {
                tx.afterCommit(() -> files.deleteCollectionFolder(stored));
            }
        });
    }

    @Override
    public void truncate(String idOrName, RequestInfo request) {
        requireSuperuser(request);
        Collection stored = find(idOrName);
        if (stored.isView()) {
            throw new BadRequest("View collections cannot be truncated!");
        }
        try {
            writes.deleteAll(stored, request);
            if (FileUploads.hasFileField(stored)) {
                files.deleteCollectionFolder(stored);
            }
        } catch (BadRequest e) {
            throw new BadRequest("Failed to truncate collection (most likely due to required cascade delete record references).");
        }
    }

    /**
     * PocketBase's import: every item is matched by id or name and merged onto the stored collection
     * (or created), missing non-system collections are dropped first when {@code deleteMissing}, all
     * items are saved (views last, as their queries may read the others) and only then validated, so
     * items may refer to each other. Everything happens in one transaction.
     */
    @Override
    public void importCollections(List<Map<String, Object>> items, boolean deleteMissing, RequestInfo request) {
        requireSuperuser(request);
        if (items.isEmpty()) {
            // Upstream refuses an empty list rather than deleting every collection.
            throw ValidationFailed.of(FORM_INVALID, "collections", FieldError.required());
        }
        try {
            tx.inTransaction(() -> {
                List<Collection> before = collections.all();
                List<Collection> prepared = new ArrayList<>();
                Map<String, Collection> originals = new LinkedHashMap<>();
                for (Map<String, Object> item : items) {
                    List<Collection> known = new ArrayList<>(before);
                    known.addAll(prepared);
                    Optional<Collection> existing = matchImported(item, before);
                    Collection c;
                    if (existing.isPresent()) {
                        c = mergeImported(existing.get(), item, deleteMissing);
                        originals.put(c.id(), existing.get());
                    } else {
                        c = build(item, known, IMPORT_FAILED, new LinkedHashMap<>());
                    }
                    prepared.add(c);
                }
                // Stable: views after the collections their queries may select from.
                prepared.sort(Comparator.comparingInt(c -> c.isView() ? 1 : 0));
                Set<String> importedIds = new LinkedHashSet<>();
                prepared.forEach(c -> importedIds.add(c.id()));
                if (deleteMissing) {
                    for (Collection c : before) {
                        if (!c.system() && !importedIds.contains(c.id())) {
                            store(RecordAction.DELETE, c, c, IMPORT_FAILED);
                        }
                    }
                }
                List<Collection> saved = new ArrayList<>();
                for (Collection c : prepared) {
                    Collection original = originals.get(c.id());
                    Collection toSave = c;
                    if (c instanceof ViewCollection v) {
                        Map<String, ErrorNode> errors = new LinkedHashMap<>();
                        toSave = withViewFields(v, original, errors);
                        if (!errors.isEmpty()) {
                            throw importFailure(c, new ValidationFailed(IMPORT_FAILED, errors));
                        }
                    }
                    try {
                        saved.add(original == null ? store(RecordAction.CREATE, null, toSave, IMPORT_FAILED)
                                : store(RecordAction.UPDATE, original, toSave, IMPORT_FAILED));
                    } catch (ValidationFailed e) {
                        throw importFailure(c, e);
                    }
                }
                for (Collection c : saved) {
                    Collection original = originals.getOrDefault(c.id(), c);
                    try {
                        validate(c, original, collections.all(), IMPORT_FAILED, new LinkedHashMap<>());
                        checkRulesResolve(c, IMPORT_FAILED);
                    } catch (ValidationFailed e) {
                        throw importFailure(c, e);
                    }
                }
            });
        } catch (ImportFailure e) {
            throw e.error;
        } catch (RuntimeException e) {
            // Database-level failures (upstream's "generic/db failure") are reported, not turned into a 500.
            throw rawImportFailure(e.getMessage());
        }
    }

    /** Carries a finished import error out of the transaction (which it rolls back). */
    private static final class ImportFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient ValidationFailed error;

        ImportFailure(ValidationFailed error) {
            super(error.getMessage(), null, false, false);
            this.error = error;
        }
    }

    private static ImportFailure importFailure(Collection c, ValidationFailed e) {
        return new ImportFailure(ValidationFailed.of(IMPORT_FAILED, "collections", FieldError.of(
                "validation_collections_import_failure", "Data validations failed for collection \""
                        + c.name() + "\" (" + c.id() + "):\n" + ErrorJson.indented(e.errors()))));
    }

    private static ValidationFailed rawImportFailure(String raw) {
        return ValidationFailed.of(IMPORT_FAILED, "collections", FieldError.of("validation_collections_import_failure",
                "Failed to import the collections configuration. Raw error:\n" + raw));
    }

    /**
     * An imported item on top of a stored collection: the item's keys replace the stored ones. Stored
     * fields the item lacks are kept (only system ones with {@code deleteMissing}); one the item
     * redefines under the same name and type keeps its stored definition, so its column survives.
     */
    private Collection mergeImported(Collection existing, Map<String, Object> item, boolean deleteMissing) {
        Map<String, Object> data = new LinkedHashMap<>(item);
        if (data.get("fields") == null && deleteMissing) {
            data.put("fields", List.of());
        }
        Map<String, ErrorNode> ignored = new LinkedHashMap<>();
        Collection merged = merge(existing, data, IMPORT_FAILED, ignored);
        List<Field> fields = new ArrayList<>(merged.fields());
        for (Field f : existing.fields()) {
            if (!f.system() && deleteMissing) {
                continue;
            }
            if (fields.stream().anyMatch(x -> x.id().equals(f.id()))) {
                continue;
            }
            int sameName = -1;
            for (int i = 0; i < fields.size(); i++) {
                if (fields.get(i).name().equals(f.name()) && fields.get(i).type().equals(f.type())) {
                    sameName = i;
                    break;
                }
            }
            if (sameName >= 0) {
                fields.set(sameName, f);
            } else {
                fields.add(f);
            }
        }
        return withFields(merged, fields);
    }

    /** The same collection with another field list. */
    static Collection withFields(Collection c, List<Field> fields) {
        return switch (c) {
            case BaseCollection b -> new BaseCollection(b.id(), b.name(), b.system(), fields, b.rules(), b.indexes(),
                    b.created(), b.updated());
            case AuthCollection a -> new AuthCollection(a.id(), a.name(), a.system(), fields, a.rules(), a.indexes(),
                    a.created(), a.updated(), a.auth());
            case ViewCollection v -> new ViewCollection(v.id(), v.name(), v.system(), fields, v.rules(), v.indexes(),
                    v.created(), v.updated(), v.viewQuery());
        };
    }

    @Override
    public ViewPreview dryRunView(String query, RequestInfo request) {
        requireSuperuser(request);
        String q = query == null ? "" : query;
        if (q.isBlank()) {
            throw ValidationFailed.of(FORM_INVALID, "query", FieldError.required());
        }
        if (q.codePointCount(0, q.length()) > MAX_VIEW_QUERY) {
            throw ValidationFailed.of(FORM_INVALID, "query", FieldError.of("validation_length_too_long",
                    "The length must be no more than " + MAX_VIEW_QUERY + ".", "max", MAX_VIEW_QUERY));
        }
        try {
            String normalized = ViewSchema.normalize(q);
            List<Field> fields = viewFieldIds(ViewSchema.infer(normalized, collections.viewColumns(normalized),
                    collections::find, random), null);
            ViewCollection preview = new ViewCollection("", "", false, fields, CollectionRules.locked(), List.of(),
                    "", "", normalized);
            List<dev.locket.domain.record.Record> sample = collections.viewSample(preview, 10);
            Set<String> ids = new LinkedHashSet<>();
            for (dev.locket.domain.record.Record r : sample) {
                String id = r.values().get("id") instanceof String s ? s : "";
                if (id.isEmpty()) {
                    throw new ViewSchema.InvalidViewQuery("the view query returns records with missing or empty id");
                }
                if (!ids.add(id)) {
                    throw new ViewSchema.InvalidViewQuery("the view query returns records with duplicated id \""
                            + id + "\"");
                }
            }
            return new ViewPreview(fields, sample);
        } catch (ViewSchema.InvalidViewQuery | BadRequest e) {
            throw new BadRequest("Failed to run the view query. Raw error: \n" + e.getMessage() + ".");
        }
    }

    @Override
    public Map<String, Collection> scaffolds(RequestInfo request) {
        requireSuperuser(request);
        Map<String, Collection> out = new LinkedHashMap<>();
        CollectionRules locked = CollectionRules.locked();
        out.put("base", new BaseCollection("", "", false, List.of(SystemCollections.idField()), locked, List.of(), "", ""));
        out.put("auth", new AuthCollection("", "", false, SystemCollections.authDefaultFields(), locked,
                SystemCollections.authIndexes("", ""), "", "", SystemCollections.defaultAuthOptions(random)));
        out.put("view", new ViewCollection("", "", false, List.of(), locked, List.of(), "", "", ""));
        return out;
    }

    /**
     * Saves through the hooks. Store-level validation failures (an index SQLite rejects) take the
     * use case's message; other store failures are reported like upstream's raw database errors.
     */
    private Collection store(RecordAction action, Collection original, Collection collection, String message) {
        try {
            return storeWithHooks(action, original, collection);
        } catch (ValidationFailed e) {
            throw e.withMessage(message);
        } catch (LocketException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new BadRequest(message + " Raw error: \n" + e.getMessage(), e);
        }
    }

    private Collection storeWithHooks(RecordAction action, Collection original, Collection collection) {
        CollectionEvent event = new CollectionEvent(action, original, collection);
        var hook = switch (action) {
            case CREATE -> hooks.onCollectionCreate();
            case UPDATE -> hooks.onCollectionUpdate();
            case DELETE -> hooks.onCollectionDelete();
        };
        hook.trigger(event, e -> {
            switch (action) {
                case CREATE -> collections.create(e.collection());
                case UPDATE -> collections.update(original, e.collection());
                case DELETE -> collections.delete(e.collection());
            }
        });
        tx.afterCommit(() -> hooks.onCollectionAfterSuccess().trigger(
                new CollectionEvent(action, original, event.collection())));
        return event.collection();
    }

    private void deleteCollection(Collection stored, List<Collection> all) {
        if (stored.system()) {
            throw new BadRequest("Failed to delete collection.");
        }
        List<String> referencing = new ArrayList<>();
        for (Collection other : all) {
            if (other.id().equals(stored.id())) {
                continue;
            }
            for (Field f : other.fields()) {
                if (f instanceof RelationField rel && rel.collectionId().equals(stored.id())
                        && !referencing.contains(other.name())) {
                    referencing.add(other.name());
                }
            }
        }
        if (!referencing.isEmpty()) {
            throw new BadRequest("Failed to delete collection probably due to existing reference in "
                    + String.join(", ", referencing) + ".");
        }
        storeWithHooks(RecordAction.DELETE, stored, stored);
    }

    /** A new, validated collection from an API body (view fields inferred from its query). */
    Collection prepareNew(Map<String, Object> body, List<Collection> all, String message) {
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        Collection collection = build(body, all, message, errors);
        if (collection instanceof ViewCollection v) {
            collection = withViewFields(v, null, errors);
        }
        validate(collection, null, all, message, errors);
        return collection;
    }

    /** A new collection from an API body: type defaults, default fields and indexes, generated ids. */
    private Collection build(Map<String, Object> body, List<Collection> all, String message,
                             Map<String, ErrorNode> errors) {
        String type = body.get("type") instanceof String t && !t.isEmpty() ? t : "base";
        if (!List.of("base", "auth", "view").contains(type)) {
            throw ValidationFailed.of(message, "type", FieldError.of("validation_in_invalid", "Must be a valid value."));
        }
        String name = body.get("name") instanceof String n ? n : "";
        String now = DateTimes.format(clock.instant());
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("listRule", null);
        map.put("viewRule", null);
        map.put("createRule", null);
        map.put("updateRule", null);
        map.put("deleteRule", null);
        Collection defaults = null;
        if (type.equals("auth")) {
            defaults = new AuthCollection("", name, false, List.of(), CollectionRules.locked(), List.of(), "", "",
                    SystemCollections.defaultAuthOptions(random));
            map.putAll(CollectionCodec.toApi(defaults));
        }
        map.putAll(body);
        map.put("type", type);
        map.put("system", false);
        map.put("created", now);
        map.put("updated", now);
        String id = body.get("id") instanceof String s ? s : "";
        if (id.isEmpty()) {
            id = Ids.collectionId(type, name);
            int suffix = 2;
            String base = id;
            while (idTaken(id, all)) {
                id = base + suffix++;
            }
        }
        map.put("id", id);
        // A view's fields come from its query; whatever was submitted is ignored.
        List<Map<String, Object>> fields = type.equals("view") ? new ArrayList<>() : fieldMaps(body.get("fields"), message);
        addDefaultFields(type, fields);
        assignFieldIds(fields);
        map.put("fields", fields);
        if (type.equals("auth")) {
            List<String> indexes = new ArrayList<>(stringList(map.get("indexes")));
            for (String index : SystemCollections.authIndexes(id, name)) {
                String column = index.contains("`tokenKey`") ? "tokenKey" : "email";
                boolean has = indexes.stream().anyMatch(i -> new BaseCollection("", name, false, List.of(), CollectionRules.locked(), List.of(i), "", "")
                        .hasUniqueIndex(column));
                if (!has) {
                    indexes.add(index);
                }
            }
            map.put("indexes", indexes);
        }
        Collection collection = decode(map, message);
        if (collection instanceof AuthCollection auth && defaults instanceof AuthCollection d) {
            collection = withSecrets(auth, d.auth());
        }
        return collection;
    }

    /**
     * Upstream's default fields of the type (id; the auth fields): one the list lacks by name is added (id first,
     * the others after the submitted fields); one it has with the default's type keeps its options but gets the
     * system flags the default must have (a submitted {@code tokenKey} stays required, an {@code id} stays the
     * primary key). A same-named field of another type is left for validation to refuse.
     */
    private static void addDefaultFields(String type, List<Map<String, Object>> fields) {
        if (type.equals("view")) {
            return;
        }
        List<Field> required = type.equals("auth") ? SystemCollections.authDefaultFields()
                : List.of(SystemCollections.idField());
        for (Field f : required) {
            Optional<Map<String, Object>> present = fields.stream().filter(m -> f.name().equals(m.get("name")))
                    .findFirst();
            if (present.isEmpty()) {
                fields.add(f.name().equals("id") ? 0 : fields.size(), CollectionCodec.fieldToMap(f));
            } else if (f.type().equals(present.get().get("type"))) {
                enforceSystemDefaults(f.name(), present.get());
            }
        }
    }

    private static void enforceSystemDefaults(String name, Map<String, Object> field) {
        field.put("system", true);
        switch (name) {
            case "id" -> {
                field.put("required", true);
                field.put("primaryKey", true);
                field.put("hidden", false);
                if (!(field.get("pattern") instanceof String p) || p.isEmpty()) {
                    field.put("pattern", SystemCollections.ID_PATTERN);
                }
            }
            case "password", "tokenKey" -> {
                field.put("hidden", true);
                field.put("required", true);
            }
            case "email" -> field.put("hidden", false); // visibility is the emailVisibility flag's business
            default -> {
                // emailVisibility, verified: only the system flag
            }
        }
    }

    /**
     * The stored collection with the body merged on top, validated; a submitted {@code fields} list
     * replaces the old one (default fields it lacks are added back, as new fields).
     */
    Collection prepareUpdate(Collection stored, Map<String, Object> body, List<Collection> all, String message) {
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        Collection changed = merge(stored, body, message, errors);
        if (changed instanceof ViewCollection v) {
            changed = withViewFields(v, stored, errors);
        }
        validate(changed, stored, all, message, errors);
        return changed;
    }

    private Collection merge(Collection stored, Map<String, Object> body, String message,
                             Map<String, ErrorNode> errors) {
        Map<String, Object> map = new LinkedHashMap<>(CollectionCodec.toApi(stored));
        for (Map.Entry<String, Object> e : body.entrySet()) {
            String key = e.getKey();
            if (key.equals("id") || key.equals("created") || key.equals("updated") || key.equals("system")) {
                continue;
            }
            map.put(key, e.getValue());
        }
        if (body.containsKey("type") && !stored.type().wire().equals(body.get("type"))) {
            errors.put("type", FieldError.of("validation_collection_type_change", "Collection type cannot be changed."));
        }
        map.put("type", stored.type().wire());
        if (stored.isView()) {
            // Inferred again from the (possibly new) query.
            map.put("fields", List.of());
        } else if (body.containsKey("fields")) {
            List<Map<String, Object>> fields = fieldMaps(body.get("fields"), message);
            addDefaultFields(stored.type().wire(), fields);
            assignFieldIds(fields);
            map.put("fields", fields);
        }
        map.put("updated", DateTimes.format(clock.instant()));
        Collection changed = decode(map, message);
        if (changed instanceof AuthCollection auth && stored instanceof AuthCollection old) {
            changed = withSecrets(auth, old.auth());
            if (!java.util.Objects.equals(auth.auth().authRule().raw(), old.auth().authRule().raw())) {
                // auth.md §1: a changed authRule invalidates every auth token of the collection.
                AuthOptions o = ((AuthCollection) changed).auth();
                changed = withOptions((AuthCollection) changed, new AuthOptions(o.authRule(), o.manageRule(),
                        o.passwordAuth(), new TokenConfig(newSecret(), o.authToken().duration()), o.passwordResetToken(),
                        o.emailChangeToken(), o.verificationToken(), o.fileToken(), o.extra()));
            }
        }
        return changed;
    }

    /**
     * The view with fields inferred from its query; ids of fields that keep their name and type are
     * kept. A query that cannot back a view is a {@code viewQuery} error (the fields stay empty).
     */
    private ViewCollection withViewFields(ViewCollection v, Collection stored, Map<String, ErrorNode> errors) {
        if (v.viewQuery().isBlank()) {
            errors.put("viewQuery", FieldError.required());
            return v;
        }
        try {
            String query = ViewSchema.normalize(v.viewQuery());
            List<Field> fields = ViewSchema.infer(query, collections.viewColumns(query), collections::find, random);
            return (ViewCollection) withFields(v, viewFieldIds(fields, stored));
        } catch (ViewSchema.InvalidViewQuery | BadRequest e) {
            errors.put("viewQuery", FieldError.of("validation_invalid_view_query", "Invalid query - " + e.getMessage()
                    + "."));
            return v;
        }
    }

    /** Keeps the stored id of a field with the same name and type, so repeated saves do not churn ids. */
    private static List<Field> viewFieldIds(List<Field> fields, Collection stored) {
        if (stored == null) {
            return fields;
        }
        List<Field> out = new ArrayList<>();
        for (Field f : fields) {
            Optional<Field> old = stored.fields().stream()
                    .filter(o -> o.name().equals(f.name()) && o.type().equals(f.type())).findFirst();
            out.add(old.isPresent() && out.stream().noneMatch(x -> x.id().equals(old.get().id()))
                    ? ViewSchema.copy(f, old.get().id(), f.name()) : f);
        }
        return out;
    }

    /**
     * Checks a collection about to be saved; {@code errors} may already hold problems found while it
     * was built. {@code original} is the stored version (null for a new collection).
     */
    private void validate(Collection c, Collection original, List<Collection> all, String message,
                          Map<String, ErrorNode> errors) {
        if (original == null) {
            if (!c.id().matches(NAME_PATTERN) || c.id().length() > 100) {
                errors.put("id", FieldError.of("validation_match_invalid", "Must be in a valid format."));
            } else if (idTaken(c.id(), all)) {
                errors.put("id", FieldError.of("validation_invalid_or_existing_id", "The model id is invalid or already exists."));
            }
        }
        nameError(c, original, all).ifPresent(e -> errors.put("name", e));
        fieldsError(c, original).ifPresent(e -> errors.put("fields", e));
        for (Map.Entry<String, AccessRule> rule : rulesByKey(c).entrySet()) {
            if (rule.getValue() instanceof AccessRule.Filter f) {
                try {
                    RuleParser.parseRule(f.expression());
                } catch (BadRequest e) {
                    errors.put(rule.getKey(), invalidRule(e));
                }
            }
        }
        if (original != null && original.system()) {
            String[][] rules = {
                {"listRule", c.rules().list().raw(), original.rules().list().raw()},
                {"viewRule", c.rules().view().raw(), original.rules().view().raw()},
                {"createRule", c.rules().create().raw(), original.rules().create().raw()},
                {"updateRule", c.rules().update().raw(), original.rules().update().raw()},
                {"deleteRule", c.rules().delete().raw(), original.rules().delete().raw()}};
            for (String[] r : rules) {
                if (!java.util.Objects.equals(r[1], r[2])) {
                    errors.put(r[0], FieldError.of("validation_collection_system_rule_change",
                            "System collection API rule cannot be changed."));
                }
            }
        }
        if (c instanceof ViewCollection) {
            for (String[] r : new String[][] {{"createRule", c.rules().create().raw()},
                    {"updateRule", c.rules().update().raw()}, {"deleteRule", c.rules().delete().raw()}}) {
                if (r[1] != null) {
                    errors.put(r[0], FieldError.of("validation_nil_invalid", "Must be blank."));
                }
            }
            if (!c.indexes().isEmpty()) {
                errors.put("indexes", FieldError.of("validation_indexes_not_supported",
                        "View collections don't support indexes."));
            }
        } else {
            indexesError(c, original, all).ifPresent(e -> errors.put("indexes", e));
        }
        if (c instanceof AuthCollection auth && !errors.containsKey("indexes")) {
            authIndexesError(auth).ifPresent(e -> errors.put("indexes", e));
        }
        if (c instanceof AuthCollection auth) {
            identityFieldsError(auth).ifPresent(e -> errors.put("passwordAuth", e));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(message, errors);
        }
    }

    /**
     * Lets the store compile every rule against the stored definition (unknown fields, bad relation
     * hops, …), as upstream resolves rules on save; a failure rolls the transaction back.
     */
    private void checkRulesResolve(Collection c, String message) {
        Map<String, ErrorNode> errors = new LinkedHashMap<>();
        for (Map.Entry<String, AccessRule> rule : rulesByKey(c).entrySet()) {
            if (rule.getValue() instanceof AccessRule.Filter f) {
                try {
                    records.list(c, new RecordQuery(f.expression(), "", List.of(), 1, 1, true, RequestInfo.guest()));
                } catch (BadRequest e) {
                    errors.put(rule.getKey(), invalidRule(e));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(message, errors);
        }
    }

    private static Map<String, AccessRule> rulesByKey(Collection c) {
        Map<String, AccessRule> out = new LinkedHashMap<>();
        out.put("listRule", c.rules().list());
        out.put("viewRule", c.rules().view());
        out.put("createRule", c.rules().create());
        out.put("updateRule", c.rules().update());
        out.put("deleteRule", c.rules().delete());
        if (c instanceof AuthCollection a) {
            out.put("authRule", a.auth().authRule());
            out.put("manageRule", a.auth().manageRule());
        }
        return out;
    }

    /** Rule errors name the offending character, so the author of a long rule can find it. */
    private static FieldError invalidRule(BadRequest e) {
        String where = e.position() >= 0 ? " (at character " + (e.position() + 1) + ")" : "";
        return FieldError.of("validation_invalid_rule", "Invalid rule. Raw error: " + e.getMessage() + where + ".");
    }

    private Optional<FieldError> nameError(Collection c, Collection original, List<Collection> all) {
        String name = c.name();
        if (name.isEmpty()) {
            return Optional.of(FieldError.required());
        }
        if (name.length() > 255) {
            return Optional.of(lengthError(1, 255));
        }
        if (name.toLowerCase(java.util.Locale.ROOT).contains("_via_")) {
            return Optional.of(FieldError.of("validation_invalid_name", "The name of the collection cannot contain '_via_'."));
        }
        if (!name.matches(NAME_PATTERN)) {
            return Optional.of(FieldError.of("validation_match_invalid", "Must be in a valid format."));
        }
        if (original != null && original.system() && !name.equals(original.name())) {
            return Optional.of(FieldError.of("validation_collection_system_name_change",
                    "System collection name cannot be changed."));
        }
        for (Collection other : all) {
            if (original != null && other.id().equals(original.id())) {
                continue;
            }
            if (other.name().equalsIgnoreCase(name)) {
                return Optional.of(FieldError.of("validation_collection_name_exists",
                        "Collection name must be unique (case insensitive)."));
            }
            if (other.id().equals(name)) {
                return Optional.of(FieldError.of("validation_collection_name_id_duplicate",
                        "The name must not match an existing collection id."));
            }
        }
        if ((original == null || !original.name().equals(name))
                && (INTERNAL_TABLES.contains(name.toLowerCase(java.util.Locale.ROOT)) || name.startsWith("sqlite_"))) {
            return Optional.of(FieldError.of("validation_collection_name_invalid",
                    "The name shouldn't match with an existing internal table."));
        }
        return Optional.empty();
    }

    private Optional<ErrorNode> fieldsError(Collection c, Collection original) {
        List<Field> fields = c.fields();
        if (!c.isView()) {
            Optional<Field> id = c.field("id");
            if (id.isEmpty() || !(id.get() instanceof dev.locket.domain.field.TextField t) || !t.primaryKey()) {
                return Optional.of(FieldError.of("validation_missing_primary_key", "Missing or invalid \"id\" PK field."));
            }
        }
        if (original != null && !c.isView()) {
            for (Field old : original.fields()) {
                if (!old.system()) {
                    continue;
                }
                Optional<Field> now = fields.stream().filter(f -> f.id().equals(old.id())).findFirst();
                if (now.isEmpty() || !now.get().name().equals(old.name())) {
                    return Optional.of(FieldError.of("validation_system_field_change",
                            "System fields cannot be deleted or renamed."));
                }
            }
        }
        Map<String, ErrorNode> perField = new LinkedHashMap<>();
        if (c.isAuth()) {
            // checked before the fields' own rules; when it fails, only these names are reported (as upstream)
            for (int i = 0; i < fields.size(); i++) {
                if (RESERVED_AUTH_KEYS.contains(fields.get(i).name())) {
                    perField.put(String.valueOf(i), group("name", FieldError.of("validation_reserved_field_name",
                            "The field name is reserved and cannot be used.")));
                }
            }
            if (!perField.isEmpty()) {
                return Optional.of(new dev.locket.domain.error.ErrorGroup(perField));
            }
        }
        Set<String> ids = new LinkedHashSet<>();
        Set<String> names = new LinkedHashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            Field f = fields.get(i);
            String key = String.valueOf(i);
            if (!ids.add(f.id())) {
                perField.put(key, group("id", FieldError.of("validation_duplicated_field_id",
                        "Duplicated or invalid field id \"" + f.id() + "\".")));
                break;
            }
            if (!names.add(f.name().toLowerCase(java.util.Locale.ROOT))) {
                perField.put(key, group("name", new FieldError("validation_duplicated_field_name",
                        "Duplicated or invalid field name " + f.name() + ".", Map.of("fieldName", f.name()))));
                break;
            }
            Optional<FieldError> nameError = fieldNameError(c, f);
            if (nameError.isPresent()) {
                perField.put(key, group("name", nameError.get()));
                continue;
            }
            if (original != null) {
                Optional<Field> old = original.fields().stream().filter(o -> o.id().equals(f.id())).findFirst();
                if (old.isPresent() && !old.get().type().equals(f.type())) {
                    perField.put(key, group("type", FieldError.of("validation_field_type_change",
                            "Field type cannot be changed.")));
                    continue;
                }
                if (old.isPresent() && old.get() instanceof RelationField o && f instanceof RelationField n
                        && !o.collectionId().equals(n.collectionId())) {
                    perField.put(key, group("collectionId", FieldError.of("validation_field_relation_change",
                            "The relation collection cannot be changed.")));
                    continue;
                }
            }
            if (f instanceof RelationField rel) {
                Optional<Collection> target = rel.collectionId().equals(c.id()) ? Optional.of(c)
                        : collections.find(rel.collectionId()).filter(t -> t.id().equals(rel.collectionId()));
                if (target.isEmpty()) {
                    perField.put(key, group("collectionId", FieldError.of("validation_missing_rel_collection",
                            "Relation connection is missing or cannot be accessed.")));
                } else if (!c.isView() && target.get().isView()) {
                    perField.put(key, group("collectionId", FieldError.of("validation_relation_view_collection",
                            "Non view collections are not allowed to have a view relation.")));
                }
            }
        }
        return perField.isEmpty() ? Optional.empty() : Optional.of(new dev.locket.domain.error.ErrorGroup(perField));
    }

    private static Optional<FieldError> fieldNameError(Collection c, Field f) {
        String name = f.name();
        if (name.isEmpty()) {
            return Optional.of(FieldError.required());
        }
        if (name.length() > 100) {
            return Optional.of(lengthError(1, 100));
        }
        if (!name.matches(NAME_PATTERN)) {
            return Optional.of(FieldError.of("validation_match_invalid", "Must be in a valid format."));
        }
        if (EXCLUDED_FIELD_NAMES.contains(name)) {
            return Optional.of(FieldError.of("validation_not_in_invalid", "Must be a valid value."));
        }
        if (name.toLowerCase(java.util.Locale.ROOT).contains("_via_")) {
            return Optional.of(FieldError.of("validation_found_via", "The value cannot contain \"_via_\"."));
        }
        return Optional.empty();
    }

    private static ErrorNode group(String key, FieldError error) {
        return new dev.locket.domain.error.ErrorGroup(Map.of(key, error));
    }

    /**
     * PocketBase's index checks (§9), reported for the first offending index as {@code indexes.<i>}:
     * a statement that is not a CREATE INDEX, a name repeated in the list or used by another
     * collection's index, and a definition repeated under another name. Whether the columns exist is
     * only known when the store creates the index.
     */
    private static Optional<ErrorNode> indexesError(Collection c, Collection original, List<Collection> all) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> signatures = new LinkedHashSet<>();
        List<String> indexes = c.indexes();
        for (int i = 0; i < indexes.size(); i++) {
            Optional<IndexDefinition> parsed = IndexDefinition.parse(indexes.get(i));
            FieldError error = null;
            if (parsed.isEmpty()) {
                error = FieldError.of("validation_invalid_index_expression", "Invalid CREATE INDEX expression.");
            } else {
                IndexDefinition ix = parsed.get();
                String lower = ix.name().toLowerCase(java.util.Locale.ROOT);
                Optional<String> usedBy = indexOwner(lower, c, original, all);
                if (!names.add(lower)) {
                    error = FieldError.of("validation_duplicated_index_name", "The index name already exists.");
                } else if (usedBy.isPresent()) {
                    error = FieldError.of("validation_existing_index_name",
                            "The index name is already used in " + usedBy.get() + " collection.",
                            "usedTableName", usedBy.get());
                } else if (!signatures.add(ix.signature())) {
                    error = FieldError.of("validation_duplicated_index_definition",
                            "The index definition already exists.");
                }
            }
            if (error != null) {
                return Optional.of(new dev.locket.domain.error.ErrorGroup(Map.of(String.valueOf(i), error)));
            }
        }
        if (original != null) {
            for (String index : original.indexes()) {
                Optional<IndexDefinition> old = IndexDefinition.parse(index);
                if (old.isEmpty() || !old.get().unique() || old.get().columns().size() != 1) {
                    continue;
                }
                String column = old.get().columns().get(0);
                boolean systemField = original.fields().stream()
                        .anyMatch(f -> f.system() && f.name().equalsIgnoreCase(column));
                // Lookups and logins rely on these, so they may not be dropped or altered.
                if (systemField && !signatures.contains(old.get().signature())) {
                    return Optional.of(FieldError.of("validation_invalid_unique_system_field_index",
                            "Unique index definition on system fields (\"" + column + "\") is invalid or missing.",
                            "fieldName", column));
                }
            }
        }
        return Optional.empty();
    }

    /** Auth collections look records up by token key and email, so both need a single-column UNIQUE index. */
    private static Optional<ErrorNode> authIndexesError(AuthCollection c) {
        for (String column : List.of("tokenKey", "email")) {
            if (!c.hasUniqueIndex(column)) {
                return Optional.of(FieldError.of("validation_missing_required_unique_index",
                        "Missing required unique index for the \"" + column + "\" field.", "field", column));
            }
        }
        return Optional.empty();
    }

    /**
     * An identity field must exist and be unique, or a login could match several records (upstream's messages,
     * their {@code fieldName} parameter filled in).
     */
    private static Optional<ErrorNode> identityFieldsError(AuthCollection c) {
        for (String name : c.auth().passwordAuth().identityFields()) {
            if (c.field(name).isEmpty()) {
                return Optional.of(group("identityFields", FieldError.of("validation_missing_field",
                        "Invalid or missing field " + name, "fieldName", name)));
            }
            if (!c.hasUniqueIndex(name)) {
                return Optional.of(group("identityFields", FieldError.of("validation_missing_unique_constraint",
                        "The field " + name + " doesn't have a UNIQUE constraint.", "fieldName", name)));
            }
        }
        return Optional.empty();
    }

    /** The collection (other than this one) that already has an index with this lower-cased name. */
    private static Optional<String> indexOwner(String lowerName, Collection c, Collection original,
                                               List<Collection> all) {
        for (Collection other : all) {
            if (other.id().equals(c.id()) || (original != null && other.id().equals(original.id()))) {
                continue;
            }
            for (String index : other.indexes()) {
                Optional<IndexDefinition> ix = IndexDefinition.parse(index);
                if (ix.isPresent() && ix.get().name().toLowerCase(java.util.Locale.ROOT).equals(lowerName)) {
                    return Optional.of(other.name());
                }
            }
        }
        return Optional.empty();
    }

    private static FieldError lengthError(int min, int max) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("min", min);
        params.put("max", max);
        return new FieldError("validation_length_out_of_range",
                "The length must be between " + min + " and " + max + ".", params);
    }

    /**
     * Field ids: missing ones become {@code type + crc32(name)} (suffixed on collision); an id-less
     * field named like an earlier field of the same list replaces it in place and takes its id.
     */
    static void assignFieldIds(List<Map<String, Object>> fields) {
        for (int i = 0; i < fields.size(); i++) {
            Map<String, Object> f = fields.get(i);
            if (f.get("id") instanceof String s && !s.isEmpty()) {
                continue;
            }
            String name = f.get("name") instanceof String n ? n : "";
            for (int j = 0; j < i; j++) {
                if (name.equals(fields.get(j).get("name"))) {
                    f.put("id", fields.get(j).get("id"));
                    fields.set(j, f);
                    fields.remove(i);
                    i--;
                    break;
                }
            }
            if (f.get("id") instanceof String s && !s.isEmpty()) {
                continue;
            }
            String type = f.get("type") instanceof String t ? t : "";
            String id = Ids.fieldId(type, name);
            String base = id;
            int suffix = 2;
            while (idUsed(fields, id)) {
                id = base + suffix++;
            }
            f.put("id", id);
        }
    }

    private static boolean idUsed(List<Map<String, Object>> fields, String id) {
        return fields.stream().anyMatch(m -> id.equals(m.get("id")));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> fieldMaps(Object raw, String message) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof List<?> list)) {
            throw ValidationFailed.of(message, "fields", FieldError.of("validation_unsupported_value_type",
                    "Invalid or unsupported value type."));
        }
        for (Object item : list) {
            if (!(item instanceof Map<?, ?> m)) {
                throw ValidationFailed.of(message, "fields", FieldError.of("validation_unsupported_value_type",
                        "Invalid or unsupported value type."));
            }
            out.add(new LinkedHashMap<>((Map<String, Object>) m));
        }
        return out;
    }

    private static List<String> stringList(Object raw) {
        List<String> out = new ArrayList<>();
        if (raw instanceof List<?> list) {
            for (Object o : list) {
                if (o instanceof String s) {
                    out.add(s);
                }
            }
        }
        return out;
    }

    private static Collection decode(Map<String, Object> map, String message) {
        try {
            return CollectionCodec.fromApi(map);
        } catch (LocketException e) {
            // The codec's own message ("Failed to load the submitted data due to invalid formatting.") is upstream's.
            throw e;
        } catch (RuntimeException e) {
            // The codec rejects shapes it cannot read; upstream appends the raw reason to the message.
            throw new BadRequest(message.substring(0, message.length() - 1) + ": " + e.getMessage(), e);
        }
    }

    /** Secrets an API round trip dropped come back from {@code previous}; still-empty ones are generated. */
    private AuthCollection withSecrets(AuthCollection c, AuthOptions previous) {
        AuthOptions o = CollectionCodec.keepSecrets(c.auth(), previous);
        return withOptions(c, new AuthOptions(o.authRule(), o.manageRule(), o.passwordAuth(),
                fresh(o.authToken()), fresh(o.passwordResetToken()), fresh(o.emailChangeToken()),
                fresh(o.verificationToken()), fresh(o.fileToken()), o.extra()));
    }

    private TokenConfig fresh(TokenConfig config) {
        return config.secret() == null || config.secret().isEmpty()
                ? new TokenConfig(newSecret(), config.duration()) : config;
    }

    private static AuthCollection withOptions(AuthCollection c, AuthOptions options) {
        return new AuthCollection(c.id(), c.name(), c.system(), c.fields(), c.rules(), c.indexes(), c.created(),
                c.updated(), options);
    }

    private String newSecret() {
        return SystemCollections.newSecret(random);
    }

    private static boolean idTaken(String id, List<Collection> all) {
        return all.stream().anyMatch(c -> c.id().equals(id));
    }

    private static Optional<Collection> matchImported(Map<String, Object> item, List<Collection> all) {
        if (item.get("id") instanceof String id && !id.isEmpty()) {
            Optional<Collection> byId = all.stream().filter(c -> c.id().equals(id)).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        if (item.get("name") instanceof String name && !name.isEmpty()) {
            return all.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
        }
        return Optional.empty();
    }

    private Collection find(String idOrName) {
        return collections.find(idOrName).orElseThrow(NotFound::new);
    }

    private static void requireSuperuser(RequestInfo request) {
        if (request == null || request.auth().isEmpty()) {
            throw new Unauthorized();
        }
        if (!request.isSuperuser()) {
            throw new Forbidden(Forbidden.NOT_ALLOWED);
        }
    }
}
