package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.List;
import java.util.Optional;

/** Ids of records of another collection ({@code maxSelect} ≤ 1 = single). */
public record RelationField(FieldMeta meta, boolean required, String collectionId, boolean cascadeDelete,
                            int minSelect, int maxSelect) implements Field {
    public RelationField {
        collectionId = collectionId == null ? "" : collectionId;
    }

    @Override
    public String type() {
        return "relation";
    }

    @Override
    public Object normalize(Object raw) {
        return FieldErrors.singleOrList(FieldErrors.values(raw), multiple());
    }

    @Override
    public Object zero() {
        return multiple() ? List.of() : "";
    }

    @Override
    public boolean isBlank(Object value) {
        return FieldErrors.values(value).isEmpty();
    }

    /** Count checks only; whether every id exists ({@code validation_missing_rel_records}) is the application's. */
    @Override
    public Optional<FieldError> validate(Object value) {
        List<String> ids = FieldErrors.values(value);
        if (ids.isEmpty()) {
            return required ? FieldErrors.required() : FieldErrors.OK;
        }
        if (minSelect > 0 && ids.size() < minSelect) {
            return FieldErrors.error("validation_not_enough_values", "Select at least " + minSelect + ".",
                    "minSelect", minSelect);
        }
        int limit = Math.max(maxSelect, 1);
        if (ids.size() > limit) {
            return FieldErrors.error("validation_too_many_values", "Select no more than " + limit + ".",
                    "maxSelect", limit);
        }
        return FieldErrors.OK;
    }

    /** PocketBase's error when some ids do not exist in the target collection. */
    public static FieldError missingRecords() {
        return FieldError.of("validation_missing_rel_records", "Failed to find all relation records with the provided ids.");
    }
}
