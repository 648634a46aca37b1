package dev.locket.domain.rule;

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

    /** A filter expression (kept as its source text; parsed where it is applied). */
    record Filter(String expression) implements AccessRule {
        public Filter {
            if (expression == null || expression.isEmpty()) {
                throw new IllegalArgumentException("a filter rule needs an expression");
            }
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
