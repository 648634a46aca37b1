package dev.locket.domain.json;

import dev.locket.domain.error.ErrorGroup;
import dev.locket.domain.error.ErrorNode;
import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads JSON-shaped values (as {@link Json#parse} gives them) the way Go's {@code encoding/json} binds
 * them onto typed structs, which is what PocketBase does with every definition it loads: a missing or
 * {@code null} key takes the zero value, a value of the wrong shape is a {@link Mismatch} at its key path.
 */
public final class JsonShape {
    /** PocketBase's answer when a body cannot be bound to the expected shape. */
    public static final String BAD_FORMAT = "Failed to load the submitted data due to invalid formatting.";

    private JsonShape() {
    }

    public static String text(Map<String, Object> m, String key, String zero) {
        Object v = m.get(key);
        if (v == null) {
            return zero;
        }
        if (v instanceof String s) {
            return s;
        }
        throw new Mismatch(key);
    }

    public static boolean bool(Map<String, Object> m, String key) {
        return switch (m.get(key)) {
            case null -> false;
            case Boolean b -> b;
            // SQLite rows carry booleans as 0/1
            case Number n -> n.doubleValue() != 0;
            default -> throw new Mismatch(key);
        };
    }

    public static int integer(Map<String, Object> m, String key) {
        long l = longValue(m, key);
        if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) {
            throw new Mismatch(key);
        }
        return (int) l;
    }

    public static long longValue(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return 0;
        }
        if (v instanceof Number n) {
            if (n instanceof Long || n instanceof Integer || n instanceof Short || n instanceof Byte) {
                return n.longValue();
            }
            if (n instanceof BigInteger bi && bi.bitLength() < 64) {
                return bi.longValue();
            }
            double d = n.doubleValue();
            // Go refuses to bind a fractional JSON number to an int
            if (!Double.isInfinite(d) && d == Math.rint(d) && Math.abs(d) < 9.2e18) {
                return (long) d;
            }
        }
        throw new Mismatch(key);
    }

    /** A number, or null when the key is missing or null (Go's {@code *float64}). */
    public static Double nullableDouble(Map<String, Object> m, String key) {
        Object v = m.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof BigDecimal bd) {
            return bd.doubleValue();
        }
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw new Mismatch(key);
    }

    /** A list of strings ({@code null} → empty); {@code key} names it in the mismatch. */
    public static List<String> strings(Object v, String key) {
        if (v == null) {
            return List.of();
        }
        if (!(v instanceof List<?> list)) {
            throw new Mismatch(key);
        }
        List<String> out = new ArrayList<>(list.size());
        for (Object item : list) {
            if (!(item instanceof String s)) {
                throw new Mismatch(key);
            }
            out.add(s);
        }
        return out;
    }

    /** An object ({@code null} → empty), with its keys as strings. */
    public static Map<String, Object> object(Object v, String key) {
        if (v == null) {
            return Map.of();
        }
        if (!(v instanceof Map<?, ?> m)) {
            throw new Mismatch(key);
        }
        return stringKeys(m);
    }

    /** A mutable, insertion-ordered copy of {@code m} with its keys as strings. */
    public static Map<String, Object> stringKeys(Map<?, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : m.entrySet()) {
            out.put(String.valueOf(e.getKey()), e.getValue());
        }
        return out;
    }

    /** An unmodifiable deep copy of a JSON-shaped value (lists may hold nulls). */
    public static Object frozenCopy(Object v) {
        if (v instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                out.put(String.valueOf(e.getKey()), frozenCopy(e.getValue()));
            }
            return Collections.unmodifiableMap(out);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            for (Object item : l) {
                out.add(frozenCopy(item));
            }
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    /**
     * {@code patch} laid over {@code base} key by key, recursing into objects, as Go binds JSON onto a
     * pre-filled struct; anything that is not an object replaces what was there. Frozen.
     */
    public static Object overlay(Object base, Object patch) {
        if (base instanceof Map<?, ?> bm && patch instanceof Map<?, ?> pm) {
            Map<String, Object> out = stringKeys(bm);
            for (Map.Entry<?, ?> e : pm.entrySet()) {
                String k = String.valueOf(e.getKey());
                out.put(k, overlay(out.get(k), e.getValue()));
            }
            return frozenCopy(out);
        }
        return frozenCopy(patch);
    }

    public static FieldError invalidValue() {
        return FieldError.of("validation_invalid_value", "Invalid value.");
    }

    /** A value of the wrong shape at a key path; becomes a nested {@link ValidationFailed}. */
    public static final class Mismatch extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final List<String> path;
        private final transient FieldError error;

        public Mismatch(String key) {
            this(List.of(key), invalidValue());
        }

        public Mismatch(String key, FieldError error) {
            this(List.of(key), error);
        }

        public Mismatch(List<String> path, FieldError error) {
            super(String.join(".", path), null, false, false);
            this.path = List.copyOf(path);
            this.error = error;
        }

        /** The same mismatch seen from a containing value: {@code prefix} goes before the path. */
        public Mismatch under(String... prefix) {
            List<String> p = new ArrayList<>(List.of(prefix));
            p.addAll(path);
            return new Mismatch(p, error);
        }

        public List<String> path() {
            return path;
        }

        public FieldError error() {
            return error;
        }

        /** The error nested under every key of the path but the first. */
        public ErrorNode nested() {
            ErrorNode node = error;
            for (int i = path.size() - 1; i > 0; i--) {
                node = new ErrorGroup(Map.of(path.get(i), node));
            }
            return node;
        }

        public ValidationFailed toValidationFailed() {
            return ValidationFailed.of(BAD_FORMAT, path.getFirst(), nested());
        }
    }
}
