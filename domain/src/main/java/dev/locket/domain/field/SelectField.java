package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.List;
import java.util.Optional;

/** One or several values out of a fixed list ({@code maxSelect} ≤ 1 = single). */
public record SelectField(FieldMeta meta, boolean required, List<String> values, int maxSelect) implements MultiValued {
    public SelectField {
        values = values == null ? List.of() : List.copyOf(values);
    }

    @Override
    public String type() {
        return "select";
    }

    @Override
    public Optional<FieldError> validate(Object value) {
        List<String> v = MultiValued.values(value);
        if (v.isEmpty()) {
            return FieldErrors.blank(required);
        }
        Optional<FieldError> tooMany = MultiValued.tooMany(v, maxSelect);
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
