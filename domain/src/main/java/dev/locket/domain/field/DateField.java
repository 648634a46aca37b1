package dev.locket.domain.field;

import java.util.List;

/** A UTC datetime with optional bounds (empty = unbounded). */
public record DateField(FieldMeta meta, boolean required, String min, String max) implements Field {
    public DateField {
        min = min == null ? "" : min; max = max == null ? "" : max;
    }

    @Override
    public String type() {
        return "date";
    }
}
