package dev.locket.application.service;

import dev.locket.application.port.in.settings.UpdateSettings;
import dev.locket.domain.error.BadRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of PocketBase's settings object: its keys in the order Go's encoder writes the settings
 * struct, each value's type and the default of a fresh data directory. Merging a JSON body onto
 * settings follows Go's decoder: objects merge key by key, arrays and scalars replace, unknown keys
 * are ignored, {@code null} keeps a scalar and empties an array, and a value of the wrong type makes
 * the whole body unreadable.
 */
final class SettingsShape {

    /** A list whose elements all fit {@code element}; {@code defaults} is its value in fresh settings. */
    private record ListOf(Object element, List<Object> defaults) {
    }

    /** The secret keys upstream never answers: smtp.password, s3.secret, backups.s3.secret. */
    static final List<List<String>> SECRETS = List.of(List.of("smtp", "password"), List.of("s3", "secret"),
            List.of("backups", "s3", "secret"));

    private static final Map<String, Object> TEMPLATE = template();

    private SettingsShape() {
    }

    private static Map<String, Object> template() {
        Map<String, Object> smtp = object("enabled", false, "port", 587L, "host", "smtp.example.com",
                "username", "", "password", "", "authMethod", "", "tls", false, "localName", "");
        Map<String, Object> rule = object("label", "", "audience", "", "duration", 0L, "maxRequests", 0L);
        List<Object> defaultRules = List.of(
                object("label", "*:auth", "audience", "", "duration", 3L, "maxRequests", 2L),
                object("label", "*:create", "audience", "", "duration", 5L, "maxRequests", 20L),
                object("label", "/api/batch", "audience", "", "duration", 1L, "maxRequests", 3L),
                object("label", "/api/", "audience", "", "duration", 10L, "maxRequests", 300L));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("superuserIPs", new ListOf("", List.of()));
        out.put("smtp", smtp);
        out.put("backups", object("cron", "", "cronMaxKeep", 3L, "s3", s3()));
        out.put("s3", s3());
        out.put("meta", object("accentColor", "#1055c9", "appName", "Acme", "appURL", "http://localhost:8090",
                "senderName", "Support", "senderAddress", "support@example.com", "hideControls", false));
        out.put("rateLimits", object("rules", new ListOf(rule, defaultRules), "excludedIPs", new ListOf("", List.of()),
                "enabled", false));
        out.put("trustedProxy", object("headers", new ListOf("", List.of()), "useLeftmostIP", false));
        out.put("batch", object("enabled", false, "maxRequests", 50L, "timeout", 3L, "maxBodySize", 0L));
        out.put("logs", object("maxDays", 5L, "minLevel", 0L, "logIP", true, "logAuthId", false));
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, Object> s3() {
        return object("enabled", false, "bucket", "", "region", "", "endpoint", "", "accessKey", "", "secret", "",
                "forcePathStyle", false);
    }

    private static Map<String, Object> object(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    /** Fresh-data-directory settings (a new mutable tree). */
    static Map<String, Object> defaults() {
        return instantiate(TEMPLATE);
    }

    /**
     * Stored settings completed to the full shape: missing keys get their defaults and values of an
     * unexpected type (an older or hand-edited row) are ignored rather than failing start-up.
     */
    static Map<String, Object> normalize(Map<?, ?> stored) {
        return mergeObject(TEMPLATE, defaults(), stored, false);
    }

    /** {@code patch} merged onto {@code base} (a full settings tree); a type mismatch is a 400 load error. */
    static Map<String, Object> merge(Map<String, Object> base, Map<?, ?> patch) {
        return mergeObject(TEMPLATE, deepCopy(base), patch, true);
    }

    /** A deep copy without the secret keys, as upstream serialises settings for the API. */
    static Map<String, Object> withoutSecrets(Map<String, Object> settings) {
        Map<String, Object> copy = deepCopy(settings);
        for (List<String> path : SECRETS) {
            Map<?, ?> parent = copy;
            for (int i = 0; i < path.size() - 1 && parent != null; i++) {
                parent = parent.get(path.get(i)) instanceof Map<?, ?> m ? m : null;
            }
            if (parent != null) {
                parent.remove(path.getLast());
            }
        }
        return copy;
    }

    /** A deep, unmodifiable copy (safe to hand to any number of readers). */
    static Map<String, Object> frozen(Map<String, Object> settings) {
        return freezeMap(settings);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> deepCopy(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), copyValue(v)));
        return out;
    }

    private static Object copyValue(Object v) {
        if (v instanceof Map<?, ?> m) {
            return deepCopy(m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(e -> out.add(copyValue(e)));
            return out;
        }
        return v;
    }

    private static Map<String, Object> freezeMap(Map<?, ?> map) {
        Map<String, Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(String.valueOf(k), freeze(v)));
        return Collections.unmodifiableMap(out);
    }

    private static Object freeze(Object v) {
        if (v instanceof Map<?, ?> m) {
            return freezeMap(m);
        }
        if (v instanceof List<?> l) {
            List<Object> out = new ArrayList<>(l.size());
            l.forEach(e -> out.add(freeze(e)));
            return Collections.unmodifiableList(out);
        }
        return v;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> instantiate(Map<String, Object> template) {
        Map<String, Object> out = new LinkedHashMap<>();
        template.forEach((k, t) -> {
            if (t instanceof Map<?, ?> m) {
                out.put(k, instantiate((Map<String, Object>) m));
            } else if (t instanceof ListOf list) {
                out.put(k, copyValue(list.defaults()));
            } else {
                out.put(k, t);
            }
        });
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mergeObject(Map<String, Object> template, Map<String, Object> base,
                                                   Map<?, ?> patch, boolean strict) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : template.entrySet()) {
            String key = e.getKey();
            Object current = base.containsKey(key) ? base.get(key) : zeroOf(e.getValue());
            if (!patch.containsKey(key)) {
                out.put(key, current);
                continue;
            }
            Object value = mergeValue(e.getValue(), current, patch.get(key), strict);
            out.put(key, value);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object mergeValue(Object template, Object current, Object value, boolean strict) {
        if (template instanceof ListOf list) {
            if (value == null) {
                return new ArrayList<>();
            }
            if (!(value instanceof List<?> items)) {
                return mismatch(current, strict);
            }
            List<Object> out = new ArrayList<>(items.size());
            for (Object item : items) {
                Object zero = zeroOf(list.element());
                Object merged = mergeValue(list.element(), zero, item, strict);
                out.add(merged);
            }
            return out;
        }
        if (value == null) {
            // Go leaves a struct, string, number or bool untouched when the JSON holds null.
            return current;
        }
        if (template instanceof Map<?, ?> t) {
            if (!(value instanceof Map<?, ?> m)) {
                return mismatch(current, strict);
            }
            Map<String, Object> base = current instanceof Map<?, ?> c ? (Map<String, Object>) c
                    : instantiate((Map<String, Object>) t);
            return mergeObject((Map<String, Object>) t, base, m, strict);
        }
        if (template instanceof String) {
            return value instanceof String ? value : mismatch(current, strict);
        }
        if (template instanceof Boolean) {
            return value instanceof Boolean ? value : mismatch(current, strict);
        }
        // Whole numbers (Go int/int64): a fraction or a non-number cannot be decoded.
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return ((Number) value).longValue();
        }
        if (value instanceof Number n) {
            double d = n.doubleValue();
            if (d == Math.rint(d) && Math.abs(d) < 9.2e18) {
                return (long) d;
            }
        }
        return mismatch(current, strict);
    }

    private static Object mismatch(Object current, boolean strict) {
        if (strict) {
            throw new BadRequest(UpdateSettings.LOAD_FAILED);
        }
        return current;
    }

    /** The Go zero value of a template entry: what an array element starts from before decoding. */
    @SuppressWarnings("unchecked")
    private static Object zeroOf(Object template) {
        if (template instanceof Map<?, ?> m) {
            Map<String, Object> out = new LinkedHashMap<>();
            ((Map<String, Object>) m).forEach((k, t) -> out.put(k, zeroOf(t)));
            return out;
        }
        if (template instanceof ListOf) {
            return new ArrayList<>();
        }
        if (template instanceof String) {
            return "";
        }
        if (template instanceof Boolean) {
            return false;
        }
        return 0L;
    }
}
