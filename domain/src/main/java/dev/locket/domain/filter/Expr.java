package dev.locket.domain.filter;

import java.util.Objects;

/** A parsed filter expression: a tree of {@code &&}, {@code ||} and comparisons; positions are char offsets. */
public sealed interface Expr permits Expr.And, Expr.Or, Expr.Compare {

    int position();

    /** {@code left && right}; {@code position} is the offset of the {@code &&}. */
    record And(Expr left, Expr right, int position) implements Expr {
        public And {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    /** {@code left || right}; {@code position} is the offset of the {@code ||}. */
    record Or(Expr left, Expr right, int position) implements Expr {
        public Or {
            Objects.requireNonNull(left);
            Objects.requireNonNull(right);
        }
    }

    /** {@code left op right}; {@code position} is the offset of the left operand. */
    record Compare(Operand left, Operator operator, Operand right, int position) implements Expr {
        public Compare {
            Objects.requireNonNull(left);
            Objects.requireNonNull(operator);
            Objects.requireNonNull(right);
        }
    }
}
