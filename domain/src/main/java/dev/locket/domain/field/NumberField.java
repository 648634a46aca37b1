package dev.locket.domain.field;

import java.util.List;

/** A float64 number with optional bounds ({@code null} = unbounded). */
public record NumberField(FieldMeta meta, boolean required, Double min, Double max, boolean onlyInt) implements Field {
    public NumberField {

    }

    @Override
    public String type() {
        return "number";
    }
}
