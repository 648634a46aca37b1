package dev.locket.domain.collection;

import static dev.locket.domain.json.JsonShape.bool;
import static dev.locket.domain.json.JsonShape.integer;
import static dev.locket.domain.json.JsonShape.longValue;
import static dev.locket.domain.json.JsonShape.nullableDouble;
import static dev.locket.domain.json.JsonShape.strings;
import static dev.locket.domain.json.JsonShape.text;

import dev.locket.domain.error.FieldError;
import dev.locket.domain.error.ValidationFailed;
import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.BoolField;
import dev.locket.domain.field.DateField;
import dev.locket.domain.field.EditorField;
import dev.locket.domain.field.EmailField;
import dev.locket.domain.field.Field;
import dev.locket.domain.field.FieldMeta;
import dev.locket.domain.field.FileField;
import dev.locket.domain.field.GeoPointField;
import dev.locket.domain.field.JsonField;
import dev.locket.domain.field.NumberField;
import dev.locket.domain.field.PasswordField;
import dev.locket.domain.field.RelationField;
import dev.locket.domain.field.SelectField;
import dev.locket.domain.field.TextField;
import dev.locket.domain.field.UrlField;
import dev.locket.domain.json.JsonShape;
import dev.locket.domain.types.DateTimes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The field object PocketBase writes in a {@code _collections} row, in the REST API and in migrations.
 * It is the one shape both the storage and the wire format embed, so it lives with the model rather than
 * in either adapter (which cannot share code); each adapter arranges the rest of its own format.
 */
public final class FieldCodec {
    private FieldCodec() {
    }

    /**
     * Reads one field object. Missing options take the type's zero values, as PocketBase's JSON
     * binding does; the keys are read in a fixed order, so the first bad one is the one reported.
     *
     * @throws JsonShape.Mismatch at the offending key when the type is unknown or an option has the wrong shape
     */
    public static Field read(Map<String, Object> m) {
        String type = text(m, "type", "");
        FieldMeta meta = new FieldMeta(text(m, "id", ""), text(m, "name", ""), bool(m, "system"), bool(m, "hidden"),
                bool(m, "presentable"), text(m, "help", ""));
        boolean required = bool(m, "required");
        return switch (type) {
            case "text" -> new TextField(meta, required, integer(m, "min"), integer(m, "max"), text(m, "pattern", ""),
                    text(m, "autogeneratePattern", ""), bool(m, "primaryKey"));
            case "number" -> new NumberField(meta, required, nullableDouble(m, "min"), nullableDouble(m, "max"),
                    bool(m, "onlyInt"));
            case "bool" -> new BoolField(meta, required);
            case "email" -> new EmailField(meta, required, strings(m.get("exceptDomains"), "exceptDomains"),
                    strings(m.get("onlyDomains"), "onlyDomains"));
            case "url" -> new UrlField(meta, required, strings(m.get("exceptDomains"), "exceptDomains"),
                    strings(m.get("onlyDomains"), "onlyDomains"));
            case "editor" -> new EditorField(meta, required, longValue(m, "maxSize"), bool(m, "convertURLs"));
            // upstream binds the bounds to its datetime type: any accepted layout is stored canonically,
            // anything unreadable as no bound
            case "date" -> new DateField(meta, required, DateTimes.normalize(text(m, "min", "")),
                    DateTimes.normalize(text(m, "max", "")));
            case "autodate" -> new AutodateField(meta, bool(m, "onCreate"), bool(m, "onUpdate"));
            case "select" -> new SelectField(meta, required, strings(m.get("values"), "values"),
                    integer(m, "maxSelect"));
            case "file" -> new FileField(meta, required, integer(m, "maxSelect"), longValue(m, "maxSize"),
                    strings(m.get("mimeTypes"), "mimeTypes"), strings(m.get("thumbs"), "thumbs"),
                    bool(m, "protected"));
            case "relation" -> new RelationField(meta, required, text(m, "collectionId", ""),
                    bool(m, "cascadeDelete"), integer(m, "minSelect"), integer(m, "maxSelect"));
            case "json" -> new JsonField(meta, required, longValue(m, "maxSize"));
            case "password" -> new PasswordField(meta, required, integer(m, "min"), integer(m, "max"),
                    text(m, "pattern", ""), integer(m, "cost"));
            case "geoPoint" -> new GeoPointField(meta, required);
            default -> throw new JsonShape.Mismatch("type", FieldError.of("validation_invalid_field_type",
                    "Missing or unknown field type."));
        };
    }

    /**
     * {@link #read} for trusted input (tests, fixtures).
     *
     * @throws ValidationFailed when the object cannot be read as a field
     */
    public static Field readOrFail(Map<String, Object> m) {
        try {
            return read(m);
        } catch (JsonShape.Mismatch e) {
            throw e.toValidationFailed();
        }
    }

    /**
     * Reads a list of field objects ({@code null} → empty).
     *
     * @throws JsonShape.Mismatch under {@code key} (and the item's index) when an item cannot be read
     */
    public static List<Field> readAll(Object raw, String key) {
        if (raw == null) {
            return List.of();
        }
        if (!(raw instanceof List<?> list)) {
            throw new JsonShape.Mismatch(key);
        }
        List<Field> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> m)) {
                throw new JsonShape.Mismatch(List.of(key, String.valueOf(i)), JsonShape.invalidValue());
            }
            try {
                out.add(read(JsonShape.stringKeys(m)));
            } catch (JsonShape.Mismatch e) {
                throw e.under(key, String.valueOf(i));
            }
        }
        return out;
    }

    /** One field object with PocketBase's keys for its type, in PocketBase's (alphabetical) key order. */
    public static Map<String, Object> write(Field f) {
        Map<String, Object> m = new TreeMap<>();
        FieldMeta meta = f.meta();
        m.put("id", meta.id());
        m.put("name", meta.name());
        m.put("type", f.type());
        m.put("system", meta.system());
        m.put("hidden", meta.hidden());
        m.put("presentable", meta.presentable());
        switch (f) {
            case TextField t -> {
                common(m, meta, t.required());
                m.put("min", t.min());
                m.put("max", t.max());
                m.put("pattern", t.pattern());
                m.put("autogeneratePattern", t.autogeneratePattern());
                m.put("primaryKey", t.primaryKey());
            }
            case NumberField n -> {
                common(m, meta, n.required());
                m.put("min", wholeAsLong(n.min()));
                m.put("max", wholeAsLong(n.max()));
                m.put("onlyInt", n.onlyInt());
            }
            case BoolField b -> common(m, meta, b.required());
            case EmailField e -> {
                common(m, meta, e.required());
                m.put("exceptDomains", listOrNull(e.exceptDomains()));
                m.put("onlyDomains", listOrNull(e.onlyDomains()));
            }
            case UrlField u -> {
                common(m, meta, u.required());
                m.put("exceptDomains", listOrNull(u.exceptDomains()));
                m.put("onlyDomains", listOrNull(u.onlyDomains()));
            }
            case EditorField e -> {
                common(m, meta, e.required());
                m.put("maxSize", e.maxSize());
                m.put("convertURLs", e.convertURLs());
            }
            case DateField d -> {
                common(m, meta, d.required());
                m.put("min", d.min());
                m.put("max", d.max());
            }
            case AutodateField a -> {
                // autodate has neither help nor required upstream
                m.put("onCreate", a.onCreate());
                m.put("onUpdate", a.onUpdate());
            }
            case SelectField s -> {
                common(m, meta, s.required());
                m.put("values", listOrNull(s.values()));
                m.put("maxSelect", s.maxSelect());
            }
            case FileField fl -> {
                common(m, meta, fl.required());
                m.put("maxSelect", fl.maxSelect());
                m.put("maxSize", fl.maxSize());
                m.put("mimeTypes", listOrNull(fl.mimeTypes()));
                m.put("thumbs", listOrNull(fl.thumbs()));
                m.put("protected", fl.protectedFiles());
            }
            case RelationField r -> {
                common(m, meta, r.required());
                m.put("collectionId", r.collectionId());
                m.put("cascadeDelete", r.cascadeDelete());
                m.put("minSelect", r.minSelect());
                m.put("maxSelect", r.maxSelect());
            }
            case JsonField j -> {
                common(m, meta, j.required());
                m.put("maxSize", j.maxSize());
            }
            case PasswordField p -> {
                common(m, meta, p.required());
                m.put("min", p.min());
                m.put("max", p.max());
                m.put("pattern", p.pattern());
                m.put("cost", p.cost());
            }
            case GeoPointField g -> common(m, meta, g.required());
        }
        return new LinkedHashMap<>(m);
    }

    /** {@link #write} of every field, in order. */
    public static List<Object> writeAll(List<Field> fields) {
        List<Object> out = new ArrayList<>(fields.size());
        for (Field f : fields) {
            out.add(write(f));
        }
        return out;
    }

    private static void common(Map<String, Object> m, FieldMeta meta, boolean required) {
        m.put("help", meta.help());
        m.put("required", required);
    }

    /** Go keeps an unset list as {@code nil}, which it writes as {@code null}. */
    private static List<String> listOrNull(List<String> list) {
        return list.isEmpty() ? null : new ArrayList<>(list);
    }

    /** Go writes a whole float64 without decimals; a Long keeps JSON writers from adding {@code .0}. */
    private static Object wholeAsLong(Double d) {
        if (d != null && !d.isInfinite() && d == Math.rint(d) && Math.abs(d) < 9.0e15) {
            return d.longValue();
        }
        return d;
    }
}
