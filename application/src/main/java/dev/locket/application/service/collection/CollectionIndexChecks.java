package dev.locket.application.service.collection;

import dev.locket.domain.collection.AuthCollection;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.collection.IndexDefinition;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** PocketBase's checks of a collection's index list (collections-and-fields §9) and of what auth needs indexed. */
final class CollectionIndexChecks {
    private CollectionIndexChecks() {
    }

    /**
     * PocketBase's index checks (§9), reported for the first offending index as {@code indexes.<i>}:
     * a statement that is not a CREATE INDEX, a name repeated in the list or used by another
     * collection's index, and a definition repeated under another name. Whether the columns exist is
     * only known when the store creates the index.
     */
    static Optional<ErrorNode> indexesError(Collection c, Collection original, List<Collection> all) {
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
                String lower = ix.name().toLowerCase(Locale.ROOT);
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
                return Optional.of(new ErrorGroup(Map.of(String.valueOf(i), error)));
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
    static Optional<ErrorNode> authIndexesError(AuthCollection c) {
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
    static Optional<ErrorNode> identityFieldsError(AuthCollection c) {
        for (String name : c.auth().passwordAuth().identityFields()) {
            if (c.field(name).isEmpty()) {
                return Optional.of(CollectionFieldChecks.group("identityFields", FieldError.of(
                        "validation_missing_field", "Invalid or missing field " + name, "fieldName", name)));
            }
            if (!c.hasUniqueIndex(name)) {
                return Optional.of(CollectionFieldChecks.group("identityFields", FieldError.of(
                        "validation_missing_unique_constraint",
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
                if (ix.isPresent() && ix.get().name().toLowerCase(Locale.ROOT).equals(lowerName)) {
                    return Optional.of(other.name());
                }
            }
        }
        return Optional.empty();
    }
}
