package dev.locket.domain.filter;

import java.util.Optional;

/** A comparison sign of the filter language; the {@code ?}-variants mean "at least one value matches". */
public enum Operator {
    EQ("=", false), NEQ("!=", false), GT(">", false), GTE(">=", false), LT("<", false), LTE("<=", false),
    LIKE("~", false), NOT_LIKE("!~", false),
    ANY_EQ("?=", true), ANY_NEQ("?!=", true), ANY_GT("?>", true), ANY_GTE("?>=", true), ANY_LT("?<", true),
    ANY_LTE("?<=", true), ANY_LIKE("?~", true), ANY_NOT_LIKE("?!~", true);

    private final String symbol;
    private final boolean anyOf;

    Operator(String symbol, boolean anyOf) {
        this.symbol = symbol;
        this.anyOf = anyOf;
    }

    public String symbol() {
        return symbol;
    }

    /** Whether this is a {@code ?}-prefixed "at least one" operator. */
    public boolean anyOf() {
        return anyOf;
    }

    /** The plain operator with the same comparison ({@code ?>=} → {@code >=}). */
    public Operator base() {
        return anyOf ? bySymbol(symbol.substring(1)).orElseThrow() : this;
    }

    public static Optional<Operator> bySymbol(String symbol) {
        for (Operator op : values()) {
            if (op.symbol.equals(symbol)) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }
}
