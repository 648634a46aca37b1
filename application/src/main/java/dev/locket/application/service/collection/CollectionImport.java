package dev.locket.application.service.collection;

import dev.locket.application.hook.RecordAction;
import dev.locket.application.port.in.collection.CollectionDraft;
import dev.locket.application.port.in.collection.ManageCollections.Import;
import dev.locket.application.port.out.CollectionStore;
import dev.locket.application.port.out.Transactions;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.Field;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PocketBase's collections import: every draft is matched by id or name and merged onto the stored
 * collection (or created), missing non-system collections are dropped first when {@code deleteMissing},
 * all items are saved (views last, as their queries may read the others) and only then validated, so
 * items may refer to each other. Everything happens in one transaction.
 */
final class CollectionImport {
    static final String IMPORT_FAILED = "Failed to import collections.";

    private final CollectionStore collections;
    private final Transactions tx;
    private final CollectionDrafts drafts;
    private final CollectionViews views;
    private final CollectionValidation validation;
    private final CollectionRuleChecks rules;
    private final CollectionSaves saves;

    CollectionImport(CollectionStore collections, Transactions tx, CollectionDrafts drafts, CollectionViews views,
                     CollectionValidation validation, CollectionRuleChecks rules, CollectionSaves saves) {
        this.collections = collections;
        this.tx = tx;
        this.drafts = drafts;
        this.views = views;
        this.validation = validation;
        this.rules = rules;
        this.saves = saves;
    }

    void run(Import command) {
        try {
            tx.inTransaction(() -> {
                List<Collection> before = collections.all();
                List<Collection> prepared = new ArrayList<>();
                Map<String, Collection> originals = new LinkedHashMap<>();
                for (CollectionDraft item : command.collections()) {
                    List<Collection> known = new ArrayList<>(before);
                    known.addAll(prepared);
                    Optional<Collection> existing = match(item, before);
                    Collection c;
                    if (existing.isPresent()) {
                        c = mergeOnto(existing.get(), item, command.deleteMissing());
                        originals.put(c.id(), existing.get());
                    } else {
                        c = drafts.build(item, known, IMPORT_FAILED);
                    }
                    prepared.add(c);
                }
                // Stable: views after the collections their queries may select from.
                prepared.sort(Comparator.comparingInt(c -> c.isView() ? 1 : 0));
                Set<String> importedIds = new LinkedHashSet<>();
                prepared.forEach(c -> importedIds.add(c.id()));
                if (command.deleteMissing()) {
                    for (Collection c : before) {
                        if (!c.system() && !importedIds.contains(c.id())) {
                            saves.store(RecordAction.DELETE, c, c, IMPORT_FAILED);
                        }
                    }
                }
                for (Collection c : save(prepared, originals)) {
                    Collection original = originals.getOrDefault(c.id(), c);
                    try {
                        validation.validate(c, original, collections.all(), IMPORT_FAILED, new LinkedHashMap<>());
                        rules.checkRulesResolve(c, IMPORT_FAILED);
                    } catch (ValidationFailed e) {
                        throw failure(c, e);
                    }
                }
            });
        } catch (ImportFailure e) {
            throw e.error;
        } catch (RuntimeException e) {
            // Database-level failures (upstream's "generic/db failure") are reported, not turned into a 500.
            throw ValidationFailed.of(IMPORT_FAILED, "collections", FieldError.of(
                    "validation_collections_import_failure",
                    "Failed to import the collections configuration. Raw error:\n" + e.getMessage()));
        }
    }

    private List<Collection> save(List<Collection> prepared, Map<String, Collection> originals) {
        List<Collection> saved = new ArrayList<>();
        for (Collection c : prepared) {
            Collection original = originals.get(c.id());
            Collection toSave = c;
            if (c instanceof ViewCollection v) {
                Map<String, ErrorNode> errors = new LinkedHashMap<>();
                toSave = views.withViewFields(v, original, errors);
                if (!errors.isEmpty()) {
                    throw failure(c, new ValidationFailed(IMPORT_FAILED, errors));
                }
            }
            try {
                saved.add(original == null ? saves.store(RecordAction.CREATE, null, toSave, IMPORT_FAILED)
                        : saves.store(RecordAction.UPDATE, original, toSave, IMPORT_FAILED));
            } catch (ValidationFailed e) {
                throw failure(c, e);
            }
        }
        return saved;
    }

    /**
     * An imported item on top of a stored collection: the item's parts replace the stored ones (a type
     * change is ignored). Stored fields the item lacks are kept (only system ones with
     * {@code deleteMissing}); one the item redefines under the same name and type keeps its stored
     * definition, so its column survives.
     */
    private Collection mergeOnto(Collection existing, CollectionDraft item, boolean deleteMissing) {
        CollectionDraft draft = deleteMissing && !item.has(CollectionDraft.Part.FIELDS) ? item.fields(List.of()) : item;
        Collection merged = drafts.merge(existing, draft, IMPORT_FAILED, new LinkedHashMap<>());
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
        return merged.withFields(fields);
    }

    private static Optional<Collection> match(CollectionDraft item, List<Collection> all) {
        Optional<String> id = item.id().filter(s -> !s.isEmpty());
        if (id.isPresent()) {
            Optional<Collection> byId = all.stream().filter(c -> c.id().equals(id.get())).findFirst();
            if (byId.isPresent()) {
                return byId;
            }
        }
        Optional<String> name = item.name().filter(s -> !s.isEmpty());
        return name.flatMap(n -> all.stream().filter(c -> c.name().equalsIgnoreCase(n)).findFirst());
    }

    private static ImportFailure failure(Collection c, ValidationFailed e) {
        return new ImportFailure(ValidationFailed.of(IMPORT_FAILED, "collections", FieldError.of(
                "validation_collections_import_failure", "Data validations failed for collection \""
                        + c.name() + "\" (" + c.id() + "):\n" + ErrorJson.indented(e.errors()))));
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
}
