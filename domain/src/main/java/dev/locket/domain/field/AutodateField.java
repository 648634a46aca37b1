package dev.locket.domain.field;

import java.util.List;

/** A datetime the server sets on create and/or update; client values are ignored. */
public record AutodateField(FieldMeta meta, boolean onCreate, boolean onUpdate) implements Field {
    public AutodateField {

    }

    @Override
    public String type() {
        return "autodate";
    }
}
