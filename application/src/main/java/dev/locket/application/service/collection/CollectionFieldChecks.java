package dev.locket.application.service.collection;

import dev.locket.application.port.out.CollectionStore;
import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.TextField;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * PocketBase's checks of a collection's field list: the primary key, system fields kept, unique ids
 * and names, reserved names, no type or relation target change, reachable relation targets.
 */
final class CollectionFieldChecks {
    /** Filter literals and the record's dynamic keys: upstream's exact (case-sensitive) NotIn list. */
    private static final Set<String> EXCLUDED_FIELD_NAMES = Set.of("null", "true", "false", "_rowid_",
            "collectionId", "collectionName", "expand");
    /** Request keys of auth records that no auth collection field may take. */
    private static final Set<String> RESERVED_AUTH_KEYS = Set.of("passwordConfirm", "oldPassword");

    private final CollectionStore collections;

    CollectionFieldChecks(CollectionStore collections) {
        this.collections = collections;
    }

    Optional<ErrorNode> fieldsError(Collection c, Collection original) {
        List<Field> fields = c.fields();
        if (!c.isView()) {
            Optional<Field> id = c.field("id");
            if (id.isEmpty() || !(id.get() instanceof TextField t) || !t.primaryKey()) {
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
                return Optional.of(new ErrorGroup(perField));
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
            if (!names.add(f.name().toLowerCase(Locale.ROOT))) {
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
        return perField.isEmpty() ? Optional.empty() : Optional.of(new ErrorGroup(perField));
    }

    private static Optional<FieldError> fieldNameError(Collection c, Field f) {
        String name = f.name();
        if (name.isEmpty()) {
            return Optional.of(FieldError.required());
        }
        if (name.length() > 100) {
            return Optional.of(lengthError(1, 100));
        }
        if (!name.matches(CollectionValidation.NAME_PATTERN)) {
            return Optional.of(FieldError.of("validation_match_invalid", "Must be in a valid format."));
        }
        if (EXCLUDED_FIELD_NAMES.contains(name)) {
            return Optional.of(FieldError.of("validation_not_in_invalid", "Must be a valid value."));
        }
        if (name.toLowerCase(Locale.ROOT).contains("_via_")) {
            return Optional.of(FieldError.of("validation_found_via", "The value cannot contain \"_via_\"."));
        }
        return Optional.empty();
    }

    static ErrorNode group(String key, FieldError error) {
        return new ErrorGroup(Map.of(key, error));
    }

    static FieldError lengthError(int min, int max) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("min", min);
        params.put("max", max);
        return new FieldError("validation_length_out_of_range",
                "The length must be between " + min + " and " + max + ".", params);
    }
}
