package dev.locket.domain.record;

import dev.locket.domain.collection.Collection;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.Casts;
import dev.locket.domain.field.DateField;
import dev.locket.domain.field.EditorField;
import dev.locket.domain.field.EmailField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FileField;
import dev.locket.domain.field.GeoPointField;
import dev.locket.domain.field.JsonField;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.PasswordField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.SelectField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.field.UrlField;
import dev.locket.domain.json.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Turns a submitted record body into field values: form parts into a JSON-shaped body, then plain keys
 * and the {@code field+}, {@code +field}, {@code field-} modifiers into canonical values (records-api §6).
 */
public final class RecordInput {
    /** The multipart/urlencoded key whose JSON object value is merged into the body. */
    public static final String JSON_PAYLOAD = "@jsonPayload";

    private static final Pattern DECIMAL = Pattern.compile("-?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private RecordInput() {
    }

    /**
     * A JSON-shaped body from text form parts: a repeated key becomes a list, each text is type-inferred
     * ({@link #inferValue}), then every {@code @jsonPayload} object is merged in order, its keys
     * replacing plain ones.
     *
     * @throws BadRequest when a {@code @jsonPayload} part is not a JSON object
     */
    public static Map<String, Object> fromForm(Map<String, List<String>> parts) {
        Map<String, Object> body = new LinkedHashMap<>();
        List<String> payloads = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : parts.entrySet()) {
            List<String> values = e.getValue() == null ? List.of() : e.getValue();
            if (JSON_PAYLOAD.equals(e.getKey())) {
                payloads.addAll(values);
                continue;
            }
            if (values.isEmpty()) {
                continue;
            }
            if (values.size() == 1) {
                body.put(e.getKey(), inferValue(values.get(0)));
            } else {
                List<Object> list = new ArrayList<>(values.size());
                for (String v : values) {
                    list.add(inferValue(v));
                }
                body.put(e.getKey(), list);
            }
        }
        for (String payload : payloads) {
            Object parsed;
            try {
                parsed = Json.parse(payload);
            } catch (IllegalArgumentException e) {
                throw new BadRequest(BadRequest.GENERIC, e);
            }
            if (parsed == null) {
                continue; // Go decodes JSON null into a map as a no-op
            }
            if (!(parsed instanceof Map<?, ?> object)) {
                throw new BadRequest();
            }
            object.forEach((k, v) -> body.put(String.valueOf(k), v));
        }
        return body;
    }

    /**
     * PocketBase's form value inference: {@code "true"}/{@code "false"} → boolean, a numeric text whose
     * shortest rendering is the text itself → number ({@code "0001"}, {@code "1.0"}, {@code "1e3"} stay
     * text), anything else (including {@code ""}) → the text.
     */
    public static Object inferValue(String raw) {
        if (raw == null || raw.isEmpty()) {
            return "";
        }
        if (raw.equals("true")) {
            return Boolean.TRUE;
        }
        if (raw.equals("false")) {
            return Boolean.FALSE;
        }
        char c = raw.charAt(0);
        if (c != '-' && (c < '0' || c > '9')) {
            return raw;
        }
        // Go's FormatFloat prints negative infinity as "-Inf", the only spelling that survives the round trip
        if (raw.equals("-Inf")) {
            return Double.NEGATIVE_INFINITY;
        }
        if (!DECIMAL.matcher(raw).matches()) {
            return raw;
        }
        double d = Double.parseDouble(raw);
        if (Double.isInfinite(d) || !Json.plainFloat(d).equals(raw)) {
            return raw;
        }
        return d;
    }

    /**
     * The new canonical values of the fields the body touches (keys = field names, in collection order).
     * Plain keys are applied first, then modifiers, shortest key first, each on the previous result;
     * the starting point is {@code current} (pass zero values on create). Values are deduplicated and
     * single-value fields keep the last value. Unknown keys, modifiers a type does not support and
     * autodate fields (server-set) are ignored. Password values come back as the submitted plain text
     * for the application to check and hash. The {@code field:autogenerate} modifier of text fields is
     * ignored here (see the overload taking a generator).
     */
    public static Map<String, Object> resolve(Collection c, Map<String, Object> current, Map<String, Object> body) {
        return resolve(c, current, body, null);
    }

    /**
     * As {@link #resolve(Collection, Map, Map)}, also applying {@code field:autogenerate} to text fields:
     * the submitted text followed by {@code generate.apply(autogeneratePattern)} (just the text when the
     * field has no pattern), as upstream. {@code generate} may be null to ignore that modifier.
     */
    public static Map<String, Object> resolve(Collection c, Map<String, Object> current, Map<String, Object> body,
                                              UnaryOperator<String> generate) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (body == null || body.isEmpty()) {
            return out;
        }
        for (Field field : c.fields()) {
            if (field instanceof AutodateField) {
                continue;
            }
            List<String> keys = new ArrayList<>();
            for (String key : body.keySet()) {
                Modifier m = modifierOf(field, key);
                if (m != null && (m != Modifier.AUTOGENERATE || generate != null)) {
                    keys.add(key);
                }
            }
            if (keys.isEmpty()) {
                continue;
            }
            keys.sort(Comparator.comparingInt(String::length)); // stable: body order among equal lengths
            Object value = current != null && current.containsKey(field.name())
                    ? field.normalize(current.get(field.name())) : field.zero();
            for (String key : keys) {
                value = apply(field, Objects.requireNonNull(modifierOf(field, key)), value, body.get(key), generate);
            }
            out.put(field.name(), value);
        }
        return out;
    }

    private enum Modifier { SET, APPEND, PREPEND, SUBTRACT, AUTOGENERATE }

    /** Which change a body key asks of the field, or null when the key is not about this field. */
    private static Modifier modifierOf(Field field, String key) {
        String name = field.name();
        if (key.equals(name)) {
            return Modifier.SET;
        }
        boolean listLike = field instanceof SelectField || field instanceof RelationField || field instanceof FileField;
        boolean number = field instanceof NumberField;
        if (key.equals(name + "+") && (listLike || number)) {
            return Modifier.APPEND;
        }
        if (key.equals(name + "-") && (listLike || number)) {
            return Modifier.SUBTRACT;
        }
        if (key.equals("+" + name) && listLike) {
            return Modifier.PREPEND;
        }
        if (key.equals(name + ":autogenerate") && field instanceof TextField) {
            return Modifier.AUTOGENERATE;
        }
        return null;
    }

    private static Object apply(Field field, Modifier modifier, Object value, Object raw,
                                UnaryOperator<String> generate) {
        return switch (field) {
            case NumberField n -> switch (modifier) {
                case SET -> n.normalize(raw);
                case APPEND -> Casts.toNumber(value) + Casts.toNumber(raw);
                case SUBTRACT -> Casts.toNumber(value) - Casts.toNumber(raw);
                case PREPEND, AUTOGENERATE -> value;
            };
            case SelectField s -> applyList(s, modifier, value, raw);
            case RelationField r -> applyList(r, modifier, value, raw);
            case FileField f -> applyList(f, modifier, value, raw);
            case TextField t -> modifier == Modifier.AUTOGENERATE
                    ? Casts.toText(raw) + (t.autogeneratePattern().isEmpty() ? "" : generate.apply(t.autogeneratePattern()))
                    : t.normalize(raw);
            case BoolField b -> b.normalize(raw);
            case EmailField e -> e.normalize(raw);
            case UrlField u -> u.normalize(raw);
            case EditorField e -> e.normalize(raw);
            case DateField d -> d.normalize(raw);
            case AutodateField a -> value;
            case JsonField j -> j.normalize(raw);
            case PasswordField p -> Casts.toText(raw);
            case GeoPointField g -> g.normalize(raw);
        };
    }

    private static Object applyList(Field field, Modifier modifier, Object value, Object raw) {
        return switch (modifier) {
            case SET -> field.normalize(raw);
            case APPEND -> field.normalize(concat(Casts.uniqueStrings(value), Casts.uniqueStrings(raw)));
            case PREPEND -> field.normalize(concat(Casts.uniqueStrings(raw), Casts.uniqueStrings(value)));
            case AUTOGENERATE -> value;
            case SUBTRACT -> {
                LinkedHashSet<String> kept = new LinkedHashSet<>(Casts.uniqueStrings(value));
                Casts.uniqueStrings(raw).forEach(kept::remove);
                yield field.normalize(new ArrayList<>(kept));
            }
        };
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }
}
