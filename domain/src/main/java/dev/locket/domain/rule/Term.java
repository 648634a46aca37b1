package dev.locket.domain.rule;

import dev.locket.domain.rule.value.RuleValue;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * An operand of the in-memory evaluator, resolved against one record and request. {@code store} operands are
 * unknown here; {@code joins} are the local joined value lists ({@code :each}) the value depends on.
 */
record Term(Kind kind, Function<Map<String, Integer>, RuleValue> value, boolean multi, boolean store,
            Object constant, String likeText, Set<String> joins, boolean guard) {

    /** How an operand compares (the SQL translation's kinds). */
    enum Kind {
        /** A column or computed value: NULL and '' compare equal through COALESCE. */
        COLUMN,
        /** A JSON value or geoDistance: compared with IS / IS NOT. */
        JSON,
        /** A bound value known up front. */
        STATIC
    }

    Term(Kind kind, Function<Map<String, Integer>, RuleValue> value, boolean multi, boolean store,
         Object constant, String likeText, Set<String> joins) {
        this(kind, value, multi, store, constant, likeText, joins, true);
    }

    static Term store(boolean multi) {
        return new Term(Kind.COLUMN, env -> RuleValue.NULL, multi, true, null, null, Set.of());
    }

    static Term column(RuleValue v, boolean multi) {
        return new Term(Kind.COLUMN, env -> v, multi, false, null, null, Set.of());
    }

    static Term json(Function<Map<String, Integer>, RuleValue> v, boolean multi, Set<String> joins) {
        return new Term(Kind.JSON, v, multi, false, null, null, joins);
    }

    static Term constant(BoundConstant c) {
        return constant(c.value(), c.likeText());
    }

    static Term constant(Object value, String likeText) {
        RuleValue v = RuleValue.of(value);
        return new Term(Kind.STATIC, env -> v, false, false, value, likeText, Set.of());
    }

    /** The same operand with an extra condition every comparison using it must meet. */
    Term guarded(boolean holds) {
        return new Term(kind, value, multi, store, constant, likeText, joins, guard && holds);
    }

    boolean isEmpty() {
        return kind == Kind.STATIC && (constant == null || "".equals(constant));
    }

    boolean isKnownNonEmpty() {
        return kind == Kind.STATIC && !isEmpty();
    }

    RuleValue at(Map<String, Integer> env) {
        return value.apply(env);
    }
}
