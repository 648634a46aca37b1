package dev.locket.domain.filter;

import java.util.List;
import java.util.Objects;

/** {@code name(arg, …)}: a function call such as {@code geoDistance} or {@code strftime}. */
public record FunctionCall(String name, List<Operand> arguments, int position) implements Operand {
    public FunctionCall {
        Objects.requireNonNull(name);
        arguments = List.copyOf(arguments);
    }
}
