package dev.locket.domain.rule;

import dev.locket.domain.rule.SqlValue.Affinity;
import java.util.ArrayList;
import java.util.List;

/** The SQLite expressions the filter translation uses on stored values, computed in memory. */
final class SqlFunctions {

    private SqlFunctions() {
    }

    /** Items of a stored multi-value as json_each walks them (the translation's jsonArray expression). */
    static List<SqlValue> arrayItems(SqlValue column) {
        Object v = column.value();
        if (v == null || "".equals(v)) {
            return List.of();
        }
        JsonTree.Node node = JsonTree.parse(SqlValue.text(v));
        List<SqlValue> items = new ArrayList<>();
        if (node instanceof JsonTree.Arr arr) {
            arr.items().forEach(n -> items.add(new SqlValue(JsonTree.sqlValue(n), Affinity.BLOB)));
        } else {
            items.add(new SqlValue(v, Affinity.BLOB));
        }
        return items;
    }

    /** A LEFT JOIN over no rows still yields one row of NULLs. */
    static List<SqlValue> rows(List<SqlValue> items) {
        return items.isEmpty() ? List.of(new SqlValue(null, Affinity.BLOB)) : List.copyOf(items);
    }

    /** {@code CASE WHEN json_valid(col) THEN json_extract(col, path) ELSE NULL END}. */
    static SqlValue jsonExtract(SqlValue column, List<String> segments) {
        JsonTree.Node node = JsonTree.parse(SqlValue.text(column.value()));
        if (node == null) {
            return SqlValue.NULL;
        }
        for (String seg : segments) {
            if (!seg.isEmpty() && seg.chars().allMatch(c -> c >= '0' && c <= '9')) {
                if (!(node instanceof JsonTree.Arr arr) || seg.length() > 9
                        || Integer.parseInt(seg) >= arr.items().size()) {
                    return SqlValue.NULL;
                }
                node = arr.items().get(Integer.parseInt(seg));
            } else {
                if (!(node instanceof JsonTree.Obj obj)) {
                    return SqlValue.NULL;
                }
                node = obj.get(seg.replace("\"", ""));
                if (node == null) {
                    return SqlValue.NULL;
                }
            }
        }
        return SqlValue.of(JsonTree.sqlValue(node));
    }

    static SqlValue lower(SqlValue v) {
        return v.isNull() ? SqlValue.NULL : SqlValue.of(SqlValue.asciiLower(SqlValue.text(v.value())));
    }

    /** The translation's spherical law of cosines with SQLite's math functions (NULL for non-numbers). */
    static SqlValue geoDistance(SqlValue lonA, SqlValue latA, SqlValue lonB, SqlValue latB) {
        Double a0 = radians(lonA);
        Double a1 = radians(latA);
        Double a2 = radians(lonB);
        Double a3 = radians(latB);
        if (a0 == null || a1 == null || a2 == null || a3 == null) {
            return SqlValue.NULL;
        }
        double cos = Math.cos(a1) * Math.cos(a3) * Math.cos(a2 - a0) + Math.sin(a1) * Math.sin(a3);
        double d = 6371 * Math.acos(Math.max(-1, Math.min(1, cos)));
        return Double.isNaN(d) ? SqlValue.NULL : SqlValue.of(d);
    }

    static Double radians(SqlValue v) {
        Object n = v.value() instanceof String s ? SqlValue.parseNumber(s) : v.value();
        return n instanceof Number num ? num.doubleValue() * (Math.PI / 180.0) : null;
    }
}
