package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.List;
import java.util.Optional;

/** One or several values out of a fixed list ({@code maxSelect} ≤ 1 = single). */
public record SelectField(FieldMeta meta, boolean required, List<String> values, int maxSelect) implements Field {
    public SelectField {
        values = values == null ? List.of() : List.copyOf(values);
    }

    @Override
    public String type() {
        return "select";
    }

    /** Strings, arrays or a string holding a JSON array; deduplicated, empties dropped, single keeps the last. */
    @Override
    public Object normalize(Object raw) {
        return MultiValues.normalize(raw, multiple());
    }

    @Override
    public Object zero() {
        return MultiValues.zero(multiple());
    }

    @Override
    public boolean isBlank(Object value) {
        return MultiValues.isBlank(value);
    }

    @Override
    public Optional<FieldError> validate(Object value) {
        List<String> v = MultiValues.values(value);
        if (v.isEmpty()) {
            return FieldErrors.blank(required);
        }
        Optional<FieldError> tooMany = MultiValues.tooMany(v, maxSelect);
        if (tooMany.isPresent()) {
            return tooMany;
        }
        for (String item : v) {
            if (!values.contains(item)) {
                return FieldErrors.error("validation_invalid_value", "Invalid value " + item + ".", "value", item);
            }
        }
        return FieldErrors.OK;
    }
}
