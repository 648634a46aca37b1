package dev.locket.application.service.collection;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.ViewCollection;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a collection definition before it is saved, with PocketBase's error codes and messages
 * (collections-and-fields §10): id, name, fields, rule syntax, system collection limits, indexes.
 * Every problem is reported at once, under its key.
 */
final class CollectionValidation {
    static final String NAME_PATTERN = "^\\w+$";
    private static final Set<String> INTERNAL_TABLES = Set.of("_collections", "_params", "_migrations", "_logs",
            "sqlite_master", "sqlite_sequence", "sqlite_schema");

    private final CollectionFieldChecks fields;

    CollectionValidation(CollectionStore collections) {
        this.fields = new CollectionFieldChecks(collections);
    }

    /**
     * Checks a collection about to be saved; {@code errors} may already hold problems found while it
     * was built. {@code original} is the stored version (null for a new collection).
     */
    void validate(Collection c, Collection original, List<Collection> all, String message,
                  Map<String, ErrorNode> errors) {
        if (original == null) {
            if (!c.id().matches(NAME_PATTERN) || c.id().length() > 100) {
                errors.put("id", FieldError.of("validation_match_invalid", "Must be in a valid format."));
            } else if (CollectionDrafts.idTaken(c.id(), all)) {
                errors.put("id", FieldError.of("validation_invalid_or_existing_id", "The model id is invalid or already exists."));
            }
        }
        nameError(c, original, all).ifPresent(e -> errors.put("name", e));
        fields.fieldsError(c, original).ifPresent(e -> errors.put("fields", e));
        CollectionRuleChecks.syntaxErrors(c, errors);
        if (original != null && original.system()) {
            String[][] rules = {
                {"listRule", c.rules().list().raw(), original.rules().list().raw()},
                {"viewRule", c.rules().view().raw(), original.rules().view().raw()},
                {"createRule", c.rules().create().raw(), original.rules().create().raw()},
                {"updateRule", c.rules().update().raw(), original.rules().update().raw()},
                {"deleteRule", c.rules().delete().raw(), original.rules().delete().raw()}};
            for (String[] r : rules) {
                if (!Objects.equals(r[1], r[2])) {
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
            CollectionIndexChecks.indexesError(c, original, all).ifPresent(e -> errors.put("indexes", e));
        }
        if (c instanceof AuthCollection auth && !errors.containsKey("indexes")) {
            CollectionIndexChecks.authIndexesError(auth).ifPresent(e -> errors.put("indexes", e));
        }
        if (c instanceof AuthCollection auth) {
            CollectionIndexChecks.identityFieldsError(auth).ifPresent(e -> errors.put("passwordAuth", e));
        }
        if (!errors.isEmpty()) {
            throw new ValidationFailed(message, errors);
        }
    }

    private static Optional<FieldError> nameError(Collection c, Collection original, List<Collection> all) {
        String name = c.name();
        if (name.isEmpty()) {
            return Optional.of(FieldError.required());
        }
        if (name.length() > 255) {
            return Optional.of(CollectionFieldChecks.lengthError(1, 255));
        }
        if (name.toLowerCase(Locale.ROOT).contains("_via_")) {
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
                && (INTERNAL_TABLES.contains(name.toLowerCase(Locale.ROOT)) || name.startsWith("sqlite_"))) {
            return Optional.of(FieldError.of("validation_collection_name_invalid",
                    "The name shouldn't match with an existing internal table."));
        }
        return Optional.empty();
    }
}
