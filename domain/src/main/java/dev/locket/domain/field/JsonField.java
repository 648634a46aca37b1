package dev.locket.domain.field;

import dev.locket.domain.error.FieldError;
import dev.locket.domain.json.Json;
import dev.locket.domain.json.RawJson;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/** Any JSON value, limited by serialized size ({@code 0} = 1 MiB). */
public record JsonField(FieldMeta meta, boolean required, long maxSize) implements Field {
    public static final long DEFAULT_MAX_SIZE = 1L << 20;

    private static final Set<String> EMPTY_JSON = Set.of("null", "\"\"", "[]", "{}", "");

    @Override
    public String type() {
        return "json";
    }

    public long effectiveMaxSize() {
        return maxSize <= 0 ? DEFAULT_MAX_SIZE : maxSize;
    }

    /**
     * A string is kept as JSON text when it is {@code null}/{@code true}/{@code false} or starts like a
     * number, string, array or object and parses; any other string becomes a quoted JSON string (so both
     * JSON and form bodies work). Other values are serialised as Go does (object keys sorted).
     */
    @Override
    public Object normalize(Object raw) {
        return switch (raw) {
            case null -> null;
            case RawJson j -> j;
            case String s -> new RawJson(fromString(s));
            default -> {
                try {
                    yield new RawJson(Casts.goMarshal(raw));
                } catch (IllegalArgumentException tooDeep) {
                    yield null;
                }
            }
        };
    }

    private static String fromString(String s) {
        if (s.isEmpty()) {
            return "\"\"";
        }
        if (s.equals("null") || s.equals("true") || s.equals("false")) {
            return s;
        }
        char c = s.charAt(0);
        boolean jsonStart = (c >= '0' && c <= '9') || c == '-' || c == '"' || c == '[' || c == '{';
        if (jsonStart && Json.isValid(s)) {
            return s;
        }
        return Casts.goQuote(s);
    }

    @Override
    public Object zero() {
        return null;
    }

    @Override
    public boolean isBlank(Object value) {
        return EMPTY_JSON.contains(text(value).strip());
    }

    private static String text(Object value) {
        return switch (value) {
            case null -> "";
            case RawJson j -> j.text();
            case String s -> s;
            default -> Casts.goMarshal(value);
        };
    }

    /** Size first, then validity, then required (upstream order: an oversized blank value reports size). */
    @Override
    public Optional<FieldError> validate(Object value) {
        String raw = text(value);
        long limit = effectiveMaxSize();
        if (raw.getBytes(StandardCharsets.UTF_8).length > limit) {
            return FieldErrors.error("validation_json_size_limit",
                    "The maximum allowed JSON size is " + limit + " bytes.", "maxSize", limit);
        }
        if (!raw.isEmpty() && !Json.isValid(raw)) {
            return FieldErrors.error("validation_invalid_json", "Must be a valid json value.");
        }
        if (required && EMPTY_JSON.contains(raw.strip())) {
            return FieldErrors.required();
        }
        return FieldErrors.OK;
    }
}
