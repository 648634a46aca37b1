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
 * A record's values as its table's columns hold them (PocketBase's column types and affinities): what the
 * in-memory evaluator reads where the SQL translation reads a column.
 */
final class ColumnValues {

    private ColumnValues() {
    }

    static RuleValue of(Record record, Field field) {
        Object value = record.values().containsKey(field.name()) ? record.get(field.name()) : field.zero();
        return switch (field) {
            case TextField t -> text(value);
            case EmailField e -> text(value);
            case UrlField u -> text(value);
            case EditorField e -> text(value);
            case DateField d -> text(value);
            case AutodateField a -> text(value);
            case PasswordField p -> text(value);
            case NumberField n -> new RuleValue(RuleValue.numericStorage(
                    value instanceof Number num ? num.doubleValue() : 0.0d), Affinity.NUMERIC);
            case BoolField b -> new RuleValue(Boolean.TRUE.equals(value) ? 1L : 0L, Affinity.NUMERIC);
            case SelectField s -> s.multiple() ? jsonList(value) : text(value);
            case RelationField r -> r.multiple() ? jsonList(value) : text(value);
            case FileField f -> f.multiple() ? jsonList(value) : text(value);
            case JsonField j -> new RuleValue(value instanceof RawJson rj
                    ? RuleValue.numericStorage(rj.text()) : null, Affinity.NUMERIC);
            case GeoPointField g -> new RuleValue(geoJson(value instanceof GeoPoint p ? p : GeoPoint.ZERO),
                    Affinity.NUMERIC);
        };
    }

    private static RuleValue text(Object value) {
        return new RuleValue(value == null ? "" : value.toString(), Affinity.TEXT);
    }

    private static RuleValue jsonList(Object value) {
        List<?> list = value instanceof List<?> l ? l
                : value == null || "".equals(value) ? List.of() : List.of(value.toString());
        return new RuleValue(BoundJson.write(list), Affinity.NUMERIC);
    }

    private static String geoJson(GeoPoint p) {
        return "{\"lon\":" + whole(p.lon()) + ",\"lat\":" + whole(p.lat()) + "}";
    }

    private static String whole(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }
}
