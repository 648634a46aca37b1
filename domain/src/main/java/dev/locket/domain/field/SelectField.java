package dev.locket.domain.field;

import java.util.List;

/** One or several values out of a fixed list ({@code maxSelect} ≤ 1 = single). */
public record SelectField(FieldMeta meta, boolean required, List<String> values, int maxSelect) implements Field {
    public SelectField {
        values = values == null ? List.of() : List.copyOf(values);
    }

    @Override
    public String type() {
        return "select";
    }
}
