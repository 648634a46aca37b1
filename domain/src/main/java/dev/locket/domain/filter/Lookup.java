package dev.locket.domain.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Finds records by id or by field values, typed: services say which field must hold which value and the
 * store (or the in-memory evaluator) applies it with the filter language's meaning, without anybody
 * writing and quoting filter text. All conditions must hold.
 */
public record Lookup(List<Condition> conditions, boolean either) {

    /** How one field is compared with its value. */
    public enum Match {
        /** {@code field = value}, with the filter language's NULL-equals-empty equality. */
        EQUAL,
        /** {@code field != value}. */
        NOT_EQUAL,
        /** {@code field:lower = value}: the caller passes the value already lower-cased. */
        EQUAL_LOWER,
        /** {@code field ~ value}: the value occurs in the field (an escaped substring LIKE). */
        CONTAINS,
        /** {@code field:each ?= value}: one of a multi-valued field's items equals the value. */
        HAS,
        /** {@code field < value}, compared as the filter language compares (texts such as dates sort). */
        LESS
    }

    /** {@code field} compared with {@code value} as {@code match} says. */
    public record Condition(String field, Match match, String value) {
        public Condition {
            Objects.requireNonNull(field);
            Objects.requireNonNull(match);
            Objects.requireNonNull(value);
        }

        public static Condition equal(String field, String value) {
            return new Condition(field, Match.EQUAL, value);
        }

        public static Condition notEqual(String field, String value) {
            return new Condition(field, Match.NOT_EQUAL, value);
        }

        public static Condition has(String field, String value) {
            return new Condition(field, Match.HAS, value);
        }

        public static Condition less(String field, String value) {
            return new Condition(field, Match.LESS, value);
        }
    }

    /** All conditions must hold ({@code either} makes one enough). */
    public Lookup(List<Condition> conditions) {
        this(conditions, false);
    }

    public Lookup {
        conditions = List.copyOf(conditions);
        if (conditions.isEmpty()) {
            throw new IllegalArgumentException("a lookup needs at least one condition");
        }
    }

    public static Lookup byId(String id) {
        return byField("id", id);
    }

    public static Lookup byField(String field, String value) {
        return new Lookup(List.of(new Condition(field, Match.EQUAL, value)));
    }

    /** Case-insensitive equality; {@code lowerCasedValue} must already be lower case. */
    public static Lookup byFieldLower(String field, String lowerCasedValue) {
        return new Lookup(List.of(new Condition(field, Match.EQUAL_LOWER, lowerCasedValue)));
    }

    public static Lookup containing(String field, String value) {
        return new Lookup(List.of(new Condition(field, Match.CONTAINS, value)));
    }

    /** Records meeting at least one of {@code conditions}. */
    public static Lookup either(List<Condition> conditions) {
        return new Lookup(conditions, true);
    }

    /** This lookup (of all conditions) and {@code field = value}. */
    public Lookup and(String field, String value) {
        return and(Condition.equal(field, value));
    }

    /** This lookup (of all conditions) and {@code condition}. */
    public Lookup and(Condition condition) {
        if (either) {
            throw new IllegalStateException("and() on an either-lookup");
        }
        List<Condition> all = new ArrayList<>(conditions);
        all.add(condition);
        return new Lookup(all);
    }

    /** The conditions as the filter tree the translators read (a left-leaning chain of {@code &&}/{@code ||}). */
    Expr expr() {
        Expr out = null;
        for (Condition c : conditions) {
            // HAS walks the items (:each): a plain ?= on a multi-valued column compares its whole JSON text, as
            // upstream's resolver does; upstream's own item lookups (core/view.go FindRecordByViewFile) json_each
            String modifier = switch (c.match()) {
                case EQUAL_LOWER -> "lower";
                case HAS -> "each";
                default -> "";
            };
            Identifier field = new Identifier(c.field() + (modifier.isEmpty() ? "" : ":" + modifier),
                    List.of(c.field()), "", modifier, 0);
            Operator op = switch (c.match()) {
                case EQUAL, EQUAL_LOWER -> Operator.EQ;
                case NOT_EQUAL -> Operator.NEQ;
                case CONTAINS -> Operator.LIKE;
                case HAS -> Operator.ANY_EQ;
                case LESS -> Operator.LT;
            };
            Expr compare = new Expr.Compare(field, op, new Literal.Text(c.value(), 0), 0);
            out = out == null ? compare : either ? new Expr.Or(out, compare, 0) : new Expr.And(out, compare, 0);
        }
        return out;
    }
}
