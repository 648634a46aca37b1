package dev.locket.domain.rule;

import dev.locket.domain.filter.Operator;
import dev.locket.domain.rule.value.RuleValue;
import dev.locket.domain.rule.value.RuleValue.Truth;

/**
 * What each operator answers for two resolved operands of the in-memory evaluator, as the SQL translation
 * writes it: upstream's NULL-equals-'' equality (tools/search/filter.go resolveEqualExpr), IS for JSON values,
 * SQLite's ordering for {@code < <= > >=} and the {@code %value%} wrapping of {@code ~} (wrapLikeParams).
 * Outcomes are {@link Truth} sets.
 */
final class Comparisons {

    private Comparisons() {
    }

    static int condition(Operator op, Term l, Term r, RuleValue lv, RuleValue rv) {
        return switch (op) {
            case EQ -> equality(true, l, r, lv, rv);
            case NEQ -> equality(false, l, r, lv, rv);
            case GT -> RuleValue.compare(lv, rv, ">");
            case GTE -> RuleValue.compare(lv, rv, ">=");
            case LT -> RuleValue.compare(lv, rv, "<");
            case LTE -> RuleValue.compare(lv, rv, "<=");
            case LIKE -> like(false, r, lv, rv);
            case NOT_LIKE -> like(true, r, lv, rv);
            case ANY_EQ, ANY_NEQ, ANY_GT, ANY_GTE, ANY_LT, ANY_LTE, ANY_LIKE, ANY_NOT_LIKE ->
                    condition(op.base(), l, r, lv, rv);
        };
    }

    /** PocketBase's NULL-equals-'' equality, as the translation writes it. */
    static int equality(boolean equal, Term l, Term r, RuleValue lv, RuleValue rv) {
        if (l.kind() == Term.Kind.JSON || r.kind() == Term.Kind.JSON) {
            int is = RuleValue.is(lv, rv);
            return equal ? is : Truth.not(is);
        }
        if (l.isEmpty() && r.isEmpty()) {
            return Truth.of(equal);
        }
        if (l.isKnownNonEmpty() || r.isKnownNonEmpty()) {
            RuleValue a = l.isEmpty() ? RuleValue.EMPTY : lv;
            RuleValue b = r.isEmpty() ? RuleValue.EMPTY : rv;
            return equal ? RuleValue.compare(a, b, "=") : Truth.not(RuleValue.is(a, b));
        }
        if (l.isEmpty() || r.isEmpty()) {
            RuleValue other = l.isEmpty() ? rv : lv;
            return equal
                    ? Truth.or(RuleValue.compare(other, RuleValue.EMPTY, "="), Truth.of(other.isNull()))
                    : Truth.and(Truth.not(RuleValue.is(other, RuleValue.EMPTY)), Truth.of(!other.isNull()));
        }
        RuleValue a = lv.isNull() ? RuleValue.EMPTY : RuleValue.of(lv.value());
        RuleValue b = rv.isNull() ? RuleValue.EMPTY : RuleValue.of(rv.value());
        return equal ? RuleValue.compare(a, b, "=") : Truth.not(RuleValue.is(a, b));
    }

    /** {@code ~}: a bound value without an unescaped % becomes an escaped %value% substring pattern. */
    private static int like(boolean negate, Term r, RuleValue lv, RuleValue rv) {
        int result;
        if (r.kind() == Term.Kind.STATIC && r.constant() == null) {
            return Truth.N;
        } else if (r.kind() == Term.Kind.STATIC) {
            result = RuleValue.like(lv.value(), new BoundConstant(r.constant(), r.likeText()).likePattern());
        } else {
            String right = RuleValue.text(rv.value());
            result = RuleValue.like(lv.value(), right == null ? null : "%" + right + "%");
        }
        return negate ? Truth.not(result) : result;
    }
}
