package dev.locket.domain.rule;

import dev.locket.domain.filter.Literal;
import dev.locket.domain.json.RawJson;
import dev.locket.domain.rule.value.RuleValue;
import dev.locket.domain.types.GeoPoint;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A value known before the query runs, as both executions bind it: {@code value} is the SQL parameter
 * (bool 1/0, numbers REAL, lists/maps/geo points as JSON text) and {@code likeText} the text a {@code ~}
 * pattern is built from. One place, so the SQL translation and the in-memory evaluator cannot drift.
 */
public record BoundConstant(Object value, String likeText) {

    public static BoundConstant of(Literal literal) {
        return switch (literal) {
            case Literal.Text t -> new BoundConstant(t.value(), t.value());
            case Literal.Number n -> new BoundConstant(n.value(), n.source());
            case Literal.Bool b -> new BoundConstant(b.value() ? 1L : 0L, b.value() ? "1" : "0");
            case Literal.Null n -> new BoundConstant(null, "");
        };
    }

    /** A canonical record or request value; {@code lower} folds ASCII like SQLite's LOWER(). */
    public static BoundConstant of(Object value, boolean lower) {
        Object param = switch (value) {
            case null -> null;
            case Boolean b -> b ? 1L : 0L;
            case Number n -> n.doubleValue();
            case String s -> s;
            case RawJson j -> j.text();
            case GeoPoint g -> BoundJson.write(geoMap(g));
            case List<?> l -> BoundJson.write(l);
            case Map<?, ?> m -> BoundJson.write(m);
            default -> String.valueOf(value);
        };
        if (lower && param instanceof String s) {
            param = RuleValue.asciiLower(s);
        }
        String likeText = param instanceof Double d && d == Math.rint(d) && !Double.isInfinite(d)
                ? String.valueOf(d.longValue()) : param == null ? "" : String.valueOf(param);
        return new BoundConstant(param, likeText);
    }

    /** A JSON text of a list or map exactly as the SQLite adapter stores and binds it. */
    public static String json(Object listOrMap) {
        return BoundJson.write(listOrMap);
    }

    /**
     * The {@code ~} pattern: upstream wraps the value as an escaped {@code %value%} substring unless the
     * value already holds an unescaped {@code %} (then it is the caller's own LIKE pattern).
     */
    public String likePattern() {
        String text = likeText == null ? "" : likeText;
        return hasUnescapedPercent(text) ? text : "%" + escapeLike(text) + "%";
    }

    /** A geoPoint in its stored JSON key order. */
    static Map<String, Object> geoMap(GeoPoint g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lon", g.lon());
        m.put("lat", g.lat());
        return m;
    }

    private static boolean hasUnescapedPercent(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '%') {
                return true;
            }
        }
        return false;
    }

    private static String escapeLike(String s) {
        return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
