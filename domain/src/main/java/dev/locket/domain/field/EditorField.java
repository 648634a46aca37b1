package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/** Rich text (HTML) limited by UTF-8 byte size ({@code 0} = 5 MiB). */
public record EditorField(FieldMeta meta, boolean required, long maxSize, boolean convertURLs) implements TextValued {
    public static final long DEFAULT_MAX_SIZE = 5L << 20;

    @Override
    public String type() {
        return "editor";
    }

    public long effectiveMaxSize() {
        return maxSize <= 0 ? DEFAULT_MAX_SIZE : maxSize;
    }

    @Override
    public Optional<FieldError> validate(Object value) {
        String v = FieldErrors.text(value);
        if (v.isEmpty()) {
            return FieldErrors.blank(required);
        }
        long limit = effectiveMaxSize();
        if (v.getBytes(StandardCharsets.UTF_8).length > limit) {
            return FieldErrors.error("validation_content_size_limit",
                    "The maximum allowed content size is " + limit + " bytes.", "maxSize", limit);
        }
        return FieldErrors.OK;
    }
}
