package dev.locket.adapters.sqlite;

import dev.locket.domain.field.AutodateField;
import dev.locket.domain.field.BoolField;
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
import dev.locket.domain.json.RawJson;
import dev.locket.domain.rule.ColumnValues;
import dev.locket.domain.types.GeoPoint;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How each field type is stored: its column definition (PocketBase's, so either server can open
 * the file) and the mapping between column values and canonical record values.
 */
final class Columns {
    static final String PRIMARY_KEY = "TEXT PRIMARY KEY DEFAULT ('r'||lower(hex(randomblob(7)))) NOT NULL";

    private final JsonText json;

    Columns(JsonText json) {
        this.json = json;
    }

    /** Identifier quoting as PocketBase's SQLite builder does it (backticks). */
    static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    static String definition(Field field) {
        return switch (field) {
            case TextField t -> t.primaryKey() ? PRIMARY_KEY : "TEXT DEFAULT '' NOT NULL";
            case NumberField n -> "NUMERIC DEFAULT 0 NOT NULL";
            case BoolField b -> "BOOLEAN DEFAULT FALSE NOT NULL";
            case EmailField e -> "TEXT DEFAULT '' NOT NULL";
            case UrlField u -> "TEXT DEFAULT '' NOT NULL";
            case EditorField e -> "TEXT DEFAULT '' NOT NULL";
            case DateField d -> "TEXT DEFAULT '' NOT NULL";
            case AutodateField a -> "TEXT DEFAULT '' NOT NULL";
            case PasswordField p -> "TEXT DEFAULT '' NOT NULL";
            case SelectField s -> multiValue(field);
            case RelationField r -> multiValue(field);
            case FileField f -> multiValue(field);
            case JsonField j -> "JSON DEFAULT NULL";
            case GeoPointField g -> "JSON DEFAULT '{\"lon\":0,\"lat\":0}' NOT NULL";
        };
    }

    private static String multiValue(Field field) {
        return field.multiple() ? "JSON DEFAULT '[]' NOT NULL" : "TEXT DEFAULT '' NOT NULL";
    }

    /** The canonical value a field has when nothing was stored. */
    static Object blank(Field field) {
        return switch (field) {
            case TextField t -> "";
            case NumberField n -> 0.0d;
            case BoolField b -> false;
            case EmailField e -> "";
            case UrlField u -> "";
            case EditorField e -> "";
            case DateField d -> "";
            case AutodateField a -> "";
            case PasswordField p -> "";
            case SelectField s -> s.multiple() ? List.of() : "";
            case RelationField r -> r.multiple() ? List.of() : "";
            case FileField f -> f.multiple() ? List.of() : "";
            case JsonField j -> null;
            case GeoPointField g -> GeoPoint.ZERO;
        };
    }

    /** Reads a column into the field's canonical value; tolerant of older PocketBase layouts (NULLs, '' for lists). */
    Object read(Field field, ResultSet rs, int column) throws SQLException {
        Object raw = rs.getObject(column);
        if (raw == null) {
            return blank(field);
        }
        return switch (field) {
            case TextField t -> text(raw);
            case NumberField n -> raw instanceof Number num ? num.doubleValue() : rs.getDouble(column);
            case BoolField b -> bool(raw);
            case EmailField e -> text(raw);
            case UrlField u -> text(raw);
            case EditorField e -> text(raw);
            case DateField d -> text(raw);
            case AutodateField a -> text(raw);
            case PasswordField p -> text(raw);
            case SelectField s -> s.multiple() ? list(raw) : single(raw);
            case RelationField r -> r.multiple() ? list(raw) : single(raw);
            case FileField f -> f.multiple() ? list(raw) : single(raw);
            case JsonField j -> rawJson(raw);
            case GeoPointField g -> geoPoint(raw);
        };
    }

    private static String text(Object raw) {
        if (raw instanceof byte[] bytes) {
            return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (raw instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)) {
            // A REAL in a text-typed view column: print 5.0 as 5, like Go's float formatting.
            return Long.toString(d.longValue());
        }
        return raw.toString();
    }

    private static boolean bool(Object raw) {
        if (raw instanceof Number n) {
            return n.doubleValue() != 0;
        }
        String s = text(raw).trim().toLowerCase(java.util.Locale.ROOT);
        return s.equals("1") || s.equals("true") || s.equals("t");
    }

    private List<String> list(Object raw) {
        String s = text(raw);
        if (s.isEmpty() || s.equals("null")) {
            return List.of();
        }
        List<String> parsed = s.startsWith("[") ? json.tryStringArray(s) : null;
        if (parsed != null) {
            return List.copyOf(parsed);
        }
        // A plain value left by an older single-value column.
        return List.of(s);
    }

    private String single(Object raw) {
        String s = text(raw);
        if (s.startsWith("[")) {
            // A JSON array left by an older multi-value column: PocketBase keeps the last item.
            List<String> parsed = json.tryStringArray(s);
            if (parsed != null) {
                return parsed.isEmpty() ? "" : parsed.get(parsed.size() - 1);
            }
        }
        return s;
    }

    private RawJson rawJson(Object raw) {
        if (raw instanceof Number) {
            return new RawJson(text(raw));
        }
        String s = text(raw);
        if (s.equals("null")) {
            return null;
        }
        if (looksLikeJson(s) && json.isValid(s)) {
            return new RawJson(s);
        }
        // A plain text value (e.g. from a view expression) becomes a JSON string, as PocketBase does.
        return new RawJson(json.write(s));
    }

    private static boolean looksLikeJson(String s) {
        String t = s.strip();
        if (t.isEmpty()) {
            return false;
        }
        char c = t.charAt(0);
        return c == '{' || c == '[' || c == '"' || c == '-' || (c >= '0' && c <= '9')
                || t.equals("true") || t.equals("false");
    }

    private GeoPoint geoPoint(Object raw) {
        String s = text(raw);
        if (s.isBlank() || !s.strip().startsWith("{")) {
            return GeoPoint.ZERO;
        }
        Map<String, Object> m;
        try {
            m = json.parseObject(s);
        } catch (SqlFailure e) {
            return GeoPoint.ZERO;
        }
        return new GeoPoint(number(m.get("lon")), number(m.get("lat")));
    }

    private static double number(Object o) {
        return o instanceof Number n ? n.doubleValue() : 0;
    }

    /** The value as bound to a statement parameter. */
    /** The column value of {@code field}: the domain's one switch, shared with the in-memory evaluator. */
    Object toSql(Field field, Object value) {
        return ColumnValues.stored(field, value);
    }

    static void bind(PreparedStatement ps, int index, Object sqlValue) throws SQLException {
        switch (sqlValue) {
            case null -> ps.setNull(index, Types.NULL);
            case String s -> ps.setString(index, s);
            case Double d -> ps.setDouble(index, d);
            case Float f -> ps.setDouble(index, f);
            case Integer i -> ps.setInt(index, i);
            case Long l -> ps.setLong(index, l);
            case Boolean b -> ps.setInt(index, b ? 1 : 0);
            case Number n -> ps.setDouble(index, n.doubleValue());
            default -> ps.setObject(index, sqlValue);
        }
    }

    static void bindAll(PreparedStatement ps, List<?> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            bind(ps, i + 1, params.get(i));
        }
    }

    static List<Object> concat(List<?> a, List<?> b) {
        List<Object> out = new ArrayList<>(a.size() + b.size());
        out.addAll(a);
        out.addAll(b);
        return out;
    }
}
