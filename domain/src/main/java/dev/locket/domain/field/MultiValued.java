package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.List;
import java.util.Optional;

/**
 * Select, relation and file fields: a single one ({@code maxSelect} ≤ 1) holds one string, a multiple
 * one a list of strings, and both read their input the same way.
 */
sealed interface MultiValued extends Field permits SelectField, RelationField, FileField {

    /** Strings, arrays or a string holding a JSON array; deduplicated, empties dropped, single keeps the last. */
    @Override
    default Object normalize(Object raw) {
        List<String> values = values(raw);
        if (multiple()) {
            return values;
        }
        return values.isEmpty() ? "" : values.get(values.size() - 1);
    }

    @Override
    default Object zero() {
        return multiple() ? List.of() : "";
    }

    @Override
    default boolean isBlank(Object value) {
        return values(value).isEmpty();
    }

    /** The multi-value shape of a value, whatever shape it came in. */
    static List<String> values(Object value) {
        return Casts.uniqueStrings(value);
    }

    /** How many values fit: {@code maxSelect}, at least one. */
    static int limit(int maxSelect) {
        return Math.max(maxSelect, 1);
    }

    /** Select and relation fields' error for more values than {@code maxSelect} allows. */
    static Optional<FieldError> tooMany(List<String> values, int maxSelect) {
        int limit = limit(maxSelect);
        if (values.size() > limit) {
            return FieldErrors.error("validation_too_many_values", "Select no more than " + limit + ".",
                    "maxSelect", limit);
        }
        return FieldErrors.OK;
    }
}
