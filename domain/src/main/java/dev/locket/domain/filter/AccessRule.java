package dev.locket.domain.filter;

/**
 * An API rule as stored in a collection: {@code null} locks the action to superusers, {@code ""}
 * opens it to everyone, anything else is a filter expression the request must satisfy.
 */
public sealed interface AccessRule permits AccessRule.Locked, AccessRule.Public, AccessRule.Filter {

    /** The API's {@code null}: superusers only. */
    record Locked() implements AccessRule {
    }

    /** The API's {@code ""}: everyone, guests included. */
    record Public() implements AccessRule {
    }

    /**
     * A filter expression. Its parse is kept with it, made on first use: a rule lives in a collection
     * snapshot, so it is parsed once per collection schema version rather than on every request.
     */
    final class Filter implements AccessRule {
        private final String expression;
        private volatile BoundFilter bound;

        public Filter(String expression) {
            if (expression == null || expression.isEmpty()) {
                throw new IllegalArgumentException("a filter rule needs an expression");
            }
            this.expression = expression;
        }

        public String expression() {
            return expression;
        }

        /**
         * The parsed rule (parsed once, then shared).
         *
         * @throws dev.locket.domain.error.BadRequest when the expression does not parse (each time asked)
         */
        public BoundFilter bound() {
            BoundFilter b = bound;
            if (b == null) {
                b = BoundFilter.rule(expression);
                bound = b;
            }
            return b;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Filter f && f.expression.equals(expression);
        }

        @Override
        public int hashCode() {
            return expression.hashCode();
        }

        @Override
        public String toString() {
            return "Filter[expression=" + expression + "]";
        }
    }

    AccessRule LOCKED = new Locked();
    AccessRule PUBLIC = new Public();

    /** Reads the stored/API form: {@code null}, {@code ""} or an expression. */
    static AccessRule of(String raw) {
        if (raw == null) {
            return LOCKED;
        }
        return raw.isEmpty() ? PUBLIC : new Filter(raw);
    }

    /** The stored/API form: {@code null}, {@code ""} or the expression. */
    default String raw() {
        return switch (this) {
            case Locked l -> null;
            case Public p -> "";
            case Filter f -> f.expression();
        };
    }
}
