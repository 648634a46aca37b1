package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.Optional;

/** A boolean; {@code required} means it must be true. */
public record BoolField(FieldMeta meta, boolean required) implements Field {

    @Override
    public String type() {
        return "bool";
    }

    @Override
    public Object normalize(Object raw) {
        return Casts.toBool(raw);
    }

    @Override
    public Object zero() {
        return false;
    }

    @Override
    public boolean isBlank(Object value) {
        return !Casts.toBool(value);
    }

    @Override
    public Optional<FieldError> validate(Object value) {
        return required && !Casts.toBool(value) ? FieldErrors.required() : FieldErrors.OK;
    }
}
