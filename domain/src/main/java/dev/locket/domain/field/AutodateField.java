package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.Optional;

/** A datetime the server sets on create and/or update; client values are ignored by the application. */
public record AutodateField(FieldMeta meta, boolean onCreate, boolean onUpdate) implements DateValued {

    @Override
    public String type() {
        return "autodate";
    }

    /** Autodate values are server-made, so upstream has nothing to check. */
    @Override
    public Optional<FieldError> validate(Object value) {
        return FieldErrors.OK;
    }
}
