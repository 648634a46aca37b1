package dev.locket.domain.rule;

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
import dev.locket.domain.record.Record;
import dev.locket.domain.rule.value.RuleValue;
import dev.locket.domain.rule.value.RuleValue.Affinity;
import dev.locket.domain.types.GeoPoint;
import java.util.List;

/**
 * A record's values as its table's columns hold them (PocketBase's column types and affinities): the one
 * field-kind switch both the SQLite adapter (what it writes, {@link #stored}) and the in-memory evaluator
 * (what it reads where the SQL translation reads a column, {@link #of}) go through, so their bytes cannot drift.
 */
public final class ColumnValues {

    private ColumnValues() {
    }

    /**
     * The value a column of {@code field} stores for {@code value}: text, a REAL number, 1/0 for a bool, JSON text
     * for multi-valued fields and geo points, the raw JSON text (or NULL) of a json field.
     */
    public static Object stored(Field field, Object value) {
        return column(field, value).value();
    }

    /**
     * What the column of {@code field} reads back for the record: the stored value after its column's affinity,
     * as SQLite applies it on write (a NUMERIC column keeps numeric texts as numbers, integral reals as integers).
     */
    static RuleValue of(Record record, Field field) {
        Object value = record.values().containsKey(field.name()) ? record.get(field.name()) : field.zero();
        RuleValue written = column(field, value);
        return written.affinity() == Affinity.NUMERIC
                ? new RuleValue(RuleValue.numericStorage(written.value()), Affinity.NUMERIC)
                : written;
    }

    /**
     * The one field-kind switch: the value written and the affinity of the column it goes to (PocketBase's TEXT
     * columns are TEXT; its NUMERIC, BOOLEAN and JSON columns have NUMERIC affinity).
     */
    private static RuleValue column(Field field, Object value) {
        return switch (field) {
            case TextField t -> text(value);
            case EmailField e -> text(value);
            case UrlField u -> text(value);
            case EditorField e -> text(value);
            case DateField d -> text(value);
            case AutodateField a -> text(value);
            case PasswordField p -> text(value);
            case NumberField n -> numeric(value instanceof Number num ? num.doubleValue() : 0.0d);
            case BoolField b -> numeric(Boolean.TRUE.equals(value) ? 1 : 0);
            case SelectField s -> s.multiple() ? numeric(jsonList(value)) : text(value);
            case RelationField r -> r.multiple() ? numeric(jsonList(value)) : text(value);
            case FileField f -> f.multiple() ? numeric(jsonList(value)) : text(value);
            case JsonField j -> numeric(value instanceof RawJson rj ? rj.text() : null);
            case GeoPointField g -> numeric(geoJson(value instanceof GeoPoint p ? p : GeoPoint.ZERO));
        };
    }

    private static RuleValue text(Object value) {
        return new RuleValue(value == null ? "" : value.toString(), Affinity.TEXT);
    }

    private static RuleValue numeric(Object stored) {
        return new RuleValue(stored, Affinity.NUMERIC);
    }

    private static String jsonList(Object value) {
        List<?> list = value instanceof List<?> l ? l
                : value == null || "".equals(value) ? List.of() : List.of(value.toString());
        return BoundJson.write(list);
    }

    private static String geoJson(GeoPoint p) {
        return "{\"lon\":" + whole(p.lon()) + ",\"lat\":" + whole(p.lat()) + "}";
    }

    /** 12.0 as 12, as Go's JSON encoder prints float64 values. */
    private static String whole(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
