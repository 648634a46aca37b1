package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.List;
import java.util.Optional;

/** Ids of records of another collection ({@code maxSelect} ≤ 1 = single). */
public record RelationField(FieldMeta meta, boolean required, String collectionId, boolean cascadeDelete,
                            int minSelect, int maxSelect) implements MultiValued {
    public RelationField {
        collectionId = collectionId == null ? "" : collectionId;
    }

    @Override
    public String type() {
        return "relation";
    }

    /** Count checks only; whether every id exists ({@code validation_missing_rel_records}) is the application's. */
    @Override
    public Optional<FieldError> validate(Object value) {
        List<String> ids = MultiValued.values(value);
        if (ids.isEmpty()) {
            return FieldErrors.blank(required);
        }
        if (minSelect > 0 && ids.size() < minSelect) {
            return FieldErrors.error("validation_not_enough_values", "Select at least " + minSelect + ".",
                    "minSelect", minSelect);
        }
        return MultiValued.tooMany(ids, maxSelect);
    }

    /** PocketBase's error when some ids do not exist in the target collection. */
    public static FieldError missingRecords() {
        return FieldError.of("validation_missing_rel_records", "Failed to find all relation records with the provided ids.");
    }
}
