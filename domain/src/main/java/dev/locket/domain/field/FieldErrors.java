package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Helpers shared by the field records: PocketBase's messages are sentences with their params filled in. */
final class FieldErrors {
    static final Optional<FieldError> OK = Optional.empty();

    private FieldErrors() {
    }

    static Optional<FieldError> required() {
        return Optional.of(FieldError.required());
    }

    static Optional<FieldError> error(String code, String message) {
        return Optional.of(FieldError.of(code, message));
    }

    static Optional<FieldError> error(String code, String message, String param, Object value) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put(param, value);
        return Optional.of(new FieldError(code, message, params));
    }

    /** The outcome of a blank value: the required error when the field is required, else no error. */
    static Optional<FieldError> blank(boolean required) {
        return required ? required() : OK;
    }

    static String text(Object value) {
        return value instanceof String s ? s : Casts.toText(value);
    }
}
