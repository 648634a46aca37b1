package dev.locket.adapters.sqlite;

import dev.locket.domain.rule.BoundConstant;
import java.util.ArrayList;
import java.util.List;

/**
 * An operand of {@link FilterSql}'s translation: its SQL, how it compares, whether it has many values, extra
 * conditions.
 */
record FilterTerm(SqlFragment sql, Kind kind, Object value, String likeText, boolean multi,
                  List<SqlFragment> guards) {

    /** How a resolved operand takes part in comparisons (upstream's coalesce rules). */
    enum Kind {
        /** A column or computed value: NULL and '' compare equal through COALESCE. */
        COLUMN,
        /** A JSON value or geoDistance: compared directly and null-safely with IS / IS NOT. */
        JSON,
        /** A value known while translating, bound as one parameter (or the NULL keyword). */
        STATIC
    }

    static FilterTerm column(SqlFragment sql, boolean multi) {
        return new FilterTerm(sql, Kind.COLUMN, null, null, multi, List.of());
    }

    static FilterTerm json(SqlFragment sql, boolean multi) {
        return new FilterTerm(sql, Kind.JSON, null, null, multi, List.of());
    }

    static FilterTerm constant(BoundConstant c) {
        return constant(c.value(), c.likeText());
    }

    /** A bound value; {@code value} is already an SQLite-ready parameter (String, Double, Long or null). */
    static FilterTerm constant(Object value, String likeText) {
        SqlFragment sql = value == null ? SqlFragment.of("NULL") : SqlFragment.of("?", value);
        return new FilterTerm(sql, Kind.STATIC, value, likeText, false, List.of());
    }

    boolean isEmpty() {
        return kind == Kind.STATIC && (value == null || "".equals(value));
    }

    boolean isKnownNonEmpty() {
        return kind == Kind.STATIC && !isEmpty();
    }

    FilterTerm withGuard(SqlFragment guard) {
        List<SqlFragment> all = new ArrayList<>(guards);
        all.add(guard);
        return new FilterTerm(sql, kind, value, likeText, multi, all);
    }
}
