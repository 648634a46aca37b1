package dev.locket.domain.auth.oauth2;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A provider's JSON object read the way Go's {@code encoding/json} fills the typed struct each upstream
 * provider declares: keys match case-insensitively (when several do, the last non-null one in the
 * document wins), absent keys and {@code null} leave the zero value, and a value of the wrong JSON type fails
 * the whole read ({@link Mismatch}; upstream then answers "Failed to fetch OAuth2 user."). Unknown keys
 * are ignored.
 */
public final class TypedJson {
    private static final TypedJson EMPTY = new TypedJson(Map.of());
    private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
    private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    private final Map<?, ?> values;

    private TypedJson(Map<?, ?> values) {
        this.values = values;
    }

    /** A JSON object (or {@code null}, read as an empty one); anything else is a {@link Mismatch}. */
    public static TypedJson of(Object json) {
        return switch (json) {
            case null -> EMPTY;
            case Map<?, ?> m -> new TypedJson(m);
            default -> throw new Mismatch("object", json);
        };
    }

    /** A Go {@code string} field. */
    public String text(String key) {
        return switch (value(key)) {
            case null -> "";
            case String s -> s;
            case Object other -> throw new Mismatch("string", other);
        };
    }

    /** A Go {@code int64} field: a JSON integer literal in range (a fraction or exponent is refused, as Go does). */
    public long int64(String key) {
        return switch (value(key)) {
            case null -> 0;
            case Integer i -> i;
            case Long l -> l;
            case Short s -> s;
            case Byte b -> b;
            case BigInteger b when b.compareTo(LONG_MIN) >= 0 && b.compareTo(LONG_MAX) <= 0 -> b.longValue();
            case Object other -> throw new Mismatch("int64", other);
        };
    }

    /** A Go {@code int} field (64-bit on the platforms PocketBase ships for). */
    public long integer(String key) {
        return int64(key);
    }

    /** A Go {@code bool} field: only JSON {@code true}/{@code false}. */
    public boolean bool(String key) {
        return switch (value(key)) {
            case null -> false;
            case Boolean b -> b;
            case Object other -> throw new Mismatch("bool", other);
        };
    }

    /** A Go {@code any} field: whatever JSON value is there. */
    public Object any(String key) {
        return value(key);
    }

    /** A nested struct field. */
    public TypedJson object(String key) {
        return of(value(key));
    }

    /** A slice-of-structs field; {@code null} elements are zero structs. */
    public List<TypedJson> objects(String key) {
        List<TypedJson> out = new ArrayList<>();
        for (Object item : list(key)) {
            out.add(of(item));
        }
        return out;
    }

    /** A {@code []string} field; {@code null} elements are {@code ""}. */
    public List<String> texts(String key) {
        List<String> out = new ArrayList<>();
        for (Object item : list(key)) {
            switch (item) {
                case null -> out.add("");
                case String s -> out.add(s);
                default -> throw new Mismatch("string", item);
            }
        }
        return out;
    }

    private List<?> list(String key) {
        return switch (value(key)) {
            case null -> List.of();
            case List<?> l -> l;
            case Object other -> throw new Mismatch("array", other);
        };
    }

    private Object value(String key) {
        Object found = null;
        for (Map.Entry<?, ?> e : values.entrySet()) {
            // a later null leaves a Go field as it was, so only non-null values count
            if (e.getKey() instanceof String k && k.equalsIgnoreCase(key) && e.getValue() != null) {
                found = e.getValue();
            }
        }
        return found;
    }

    /** A JSON value of another type than the provider's struct declares. */
    public static final class Mismatch extends IllegalArgumentException {
        Mismatch(String wanted, Object got) {
            super("json: cannot read " + kind(got) + " as " + wanted);
        }

        private static String kind(Object v) {
            return switch (v) {
                case String s -> "string";
                case Boolean b -> "bool";
                case Number n -> "number " + n;
                case List<?> l -> "array";
                case Map<?, ?> m -> "object";
                default -> v.getClass().getSimpleName();
            };
        }
    }
}
