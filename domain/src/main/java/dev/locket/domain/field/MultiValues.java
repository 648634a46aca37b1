package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.List;
import java.util.Optional;

/**
 * The value handling select, relation and file fields share: a single field holds one string, a
 * multiple one ({@code maxSelect > 1}) a list of strings.
 */
final class MultiValues {

    private MultiValues() {
    }

    /** Strings, arrays or a string holding a JSON array; deduplicated, empties dropped, single keeps the last. */
    static Object normalize(Object raw, boolean multiple) {
        List<String> values = values(raw);
        if (multiple) {
            return values;
        }
        return values.isEmpty() ? "" : values.get(values.size() - 1);
    }

    static Object zero(boolean multiple) {
        return multiple ? List.of() : "";
    }

    static boolean isBlank(Object value) {
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
