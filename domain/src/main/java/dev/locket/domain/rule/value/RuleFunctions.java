package dev.locket.domain.rule.value;

import dev.locket.domain.rule.value.RuleValue.Affinity;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQLite functions a rule can reach (json_each over a multi-value, json_extract, LOWER, the geoDistance
 * formula), computed in memory over {@link RuleValue}s: upstream compiles rules to SQLite SQL, so these are the
 * rule language's functions, and the store's translation calls SQLite's own.
 */
public final class RuleFunctions {

    private RuleFunctions() {
    }

    /** Items of a stored multi-value as json_each walks them (the translation's jsonArray expression). */
    public static List<RuleValue> arrayItems(RuleValue column) {
        Object v = column.value();
        if (v == null || "".equals(v)) {
            return List.of();
        }
        JsonTree.Node node = JsonTree.parse(RuleValue.text(v));
        List<RuleValue> items = new ArrayList<>();
        if (node instanceof JsonTree.Arr arr) {
            arr.items().forEach(n -> items.add(new RuleValue(JsonTree.sqlValue(n), Affinity.BLOB)));
        } else {
            items.add(new RuleValue(v, Affinity.BLOB));
        }
        return items;
    }

    /** A LEFT JOIN over no rows still yields one row of NULLs. */
    public static List<RuleValue> rows(List<RuleValue> items) {
        return items.isEmpty() ? List.of(new RuleValue(null, Affinity.BLOB)) : List.copyOf(items);
    }

    /** {@code CASE WHEN json_valid(col) THEN json_extract(col, path) ELSE NULL END}. */
    public static RuleValue jsonExtract(RuleValue column, List<String> segments) {
        JsonTree.Node node = JsonTree.parse(RuleValue.text(column.value()));
        if (node == null) {
            return RuleValue.NULL;
        }
        for (String seg : segments) {
            if (!seg.isEmpty() && seg.chars().allMatch(c -> c >= '0' && c <= '9')) {
                if (!(node instanceof JsonTree.Arr arr) || seg.length() > 9
                        || Integer.parseInt(seg) >= arr.items().size()) {
                    return RuleValue.NULL;
                }
                node = arr.items().get(Integer.parseInt(seg));
            } else {
                if (!(node instanceof JsonTree.Obj obj)) {
                    return RuleValue.NULL;
                }
                node = obj.get(seg.replace("\"", ""));
                if (node == null) {
                    return RuleValue.NULL;
                }
            }
        }
        return RuleValue.of(JsonTree.sqlValue(node));
    }

    public static RuleValue lower(RuleValue v) {
        return v.isNull() ? RuleValue.NULL : RuleValue.of(RuleValue.asciiLower(RuleValue.text(v.value())));
    }

    /** The translation's spherical law of cosines with SQLite's math functions (NULL for non-numbers). */
    public static RuleValue geoDistance(RuleValue lonA, RuleValue latA, RuleValue lonB, RuleValue latB) {
        Double a0 = radians(lonA);
        Double a1 = radians(latA);
        Double a2 = radians(lonB);
        Double a3 = radians(latB);
        if (a0 == null || a1 == null || a2 == null || a3 == null) {
            return RuleValue.NULL;
        }
        double cos = Math.cos(a1) * Math.cos(a3) * Math.cos(a2 - a0) + Math.sin(a1) * Math.sin(a3);
        double d = 6371 * Math.acos(Math.max(-1, Math.min(1, cos)));
        return Double.isNaN(d) ? RuleValue.NULL : RuleValue.of(d);
    }

    public static Double radians(RuleValue v) {
        Object n = v.value() instanceof String s ? RuleValue.parseNumber(s) : v.value();
        return n instanceof Number num ? num.doubleValue() * (Math.PI / 180.0) : null;
    }
}
