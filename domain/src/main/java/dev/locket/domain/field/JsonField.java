package dev.locket.domain.field;

import java.util.List;

/** Any JSON value, limited by serialized size ({@code 0} = 1 MiB). */
public record JsonField(FieldMeta meta, boolean required, long maxSize) implements Field {
    public JsonField {

    }

    @Override
    public String type() {
        return "json";
    }
}
