package dev.locket.domain.filter;

import java.util.Objects;

/**
 * A constant. The parser yields {@link Text} and {@link Number}; {@code true}/{@code false}/{@code null} are
 * scanned as identifiers (upstream lets a field of that name win) and become {@link Bool}/{@link Null} through
 * {@link Identifier#keyword()}.
 */
public sealed interface Literal extends Operand permits Literal.Text, Literal.Number, Literal.Bool, Literal.Null {

    /** A quoted text, escapes already removed. */
    record Text(String value, int position) implements Literal {
        public Text {
            Objects.requireNonNull(value);
        }
    }

    /** A number as written ({@code source}) and its value. */
    record Number(String source, double value, int position) implements Literal {
        public Number {
            Objects.requireNonNull(source);
        }
    }

    /** {@code true} / {@code false} in any case. */
    record Bool(boolean value, int position) implements Literal {
    }

    /** {@code null} in any case. */
    record Null(int position) implements Literal {
    }
}
