package dev.locket.adapters.sqlite;

import dev.locket.domain.filter.Operator;
import dev.locket.domain.rule.BoundConstant;

/**
 * The SQL each operator becomes for two translated operands, as upstream's tools/search/filter.go writes it:
 * resolveEqualExpr's NULL-equals-'' equality (COALESCE, or the cheaper {@code = '' OR IS NULL} forms), IS for
 * JSON values, plain comparisons, and LIKE with wrapLikeParams' escaped {@code %value%} patterns.
 */
final class FilterComparisons {

    private FilterComparisons() {
    }

    static SqlFragment condition(Operator op, FilterTerm l, FilterTerm r) {
        return switch (op) {
            case EQ -> equality(true, l, r);
            case NEQ -> equality(false, l, r);
            case GT -> l.sql().then(" > ", r.sql());
            case GTE -> l.sql().then(" >= ", r.sql());
            case LT -> l.sql().then(" < ", r.sql());
            case LTE -> l.sql().then(" <= ", r.sql());
            case LIKE -> like(false, l, r);
            case NOT_LIKE -> like(true, l, r);
            case ANY_EQ, ANY_NEQ, ANY_GT, ANY_GTE, ANY_LT, ANY_LTE, ANY_LIKE, ANY_NOT_LIKE ->
                    condition(op.base(), l, r);
        };
    }

    /** PocketBase's NULL-equals-'' equality (its resolveEqualExpr). */
    static SqlFragment equality(boolean equal, FilterTerm l, FilterTerm r) {
        String eq = equal ? " = " : " IS NOT ";
        if (l.kind() == FilterTerm.Kind.JSON || r.kind() == FilterTerm.Kind.JSON) {
            return l.sql().then(equal ? " IS " : " IS NOT ", r.sql());
        }
        if (l.isEmpty() && r.isEmpty()) {
            return SqlFragment.of("''" + eq + "''");
        }
        if (l.isKnownNonEmpty() || r.isKnownNonEmpty()) {
            SqlFragment ls = l.isEmpty() ? SqlFragment.of("''") : l.sql();
            SqlFragment rs = r.isEmpty() ? SqlFragment.of("''") : r.sql();
            return ls.then(eq, rs);
        }
        if (l.isEmpty() || r.isEmpty()) {
            SqlFragment other = l.isEmpty() ? r.sql() : l.sql();
            return equal
                    ? SqlFragment.of("(").then(other, " = '' OR ", other, " IS NULL)")
                    : SqlFragment.of("(").then(other, " IS NOT '' AND ", other, " IS NOT NULL)");
        }
        return SqlFragment.of("COALESCE(").then(l.sql(), ", '')", eq, "COALESCE(", r.sql(), ", '')");
    }

    /** {@code ~}: a bound value without an unescaped % becomes an escaped %value% substring pattern. */
    private static SqlFragment like(boolean negate, FilterTerm l, FilterTerm r) {
        String op = negate ? " NOT LIKE " : " LIKE ";
        if (r.kind() == FilterTerm.Kind.STATIC && r.value() == null) {
            // upstream leaves NULL unwrapped: LIKE NULL is never true, nor is NOT LIKE NULL
            return l.sql().then(op, "NULL");
        }
        if (r.kind() == FilterTerm.Kind.STATIC) {
            String pattern = new BoundConstant(r.value(), r.likeText()).likePattern();
            return l.sql().then(op, SqlFragment.of("?", pattern), " ESCAPE '\\'");
        }
        return l.sql().then(op, "('%' || ", r.sql(), " || '%') ESCAPE '\\'");
    }
}
