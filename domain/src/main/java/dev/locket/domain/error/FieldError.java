package dev.locket.domain.error;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A validation failure of one value: PocketBase's {@code code} (clients switch on it), the human
 * message with parameters already substituted, and the parameters themselves (may be empty).
 */
public record FieldError(String code, String message, Map<String, Object> params) implements ErrorNode {

    public FieldError {
        params = params == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }

    public static FieldError of(String code, String message) {
        return new FieldError(code, message, Map.of());
    }

    public static FieldError of(String code, String message, String param, Object value) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(param, value);
        return new FieldError(code, message, p);
    }

    public static FieldError required() {
        return of("validation_required", "Cannot be blank.");
    }

    public static FieldError invalidValue() {
        return of("validation_invalid_value", "Invalid value.");
    }
}
