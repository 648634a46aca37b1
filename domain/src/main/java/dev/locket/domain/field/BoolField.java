package dev.locket.domain.field;

import java.util.List;

/** A boolean; {@code required} means it must be true. */
public record BoolField(FieldMeta meta, boolean required) implements Field {
    public BoolField {

    }

    @Override
    public String type() {
        return "bool";
    }
}
