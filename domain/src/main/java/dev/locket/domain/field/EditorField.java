package dev.locket.domain.field;

import java.util.List;

/** Rich text (HTML) limited by UTF-8 byte size ({@code 0} = 5 MiB). */
public record EditorField(FieldMeta meta, boolean required, long maxSize, boolean convertURLs) implements Field {
    public EditorField {

    }

    @Override
    public String type() {
        return "editor";
    }
}
