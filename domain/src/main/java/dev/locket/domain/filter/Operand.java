package dev.locket.domain.filter;

/** One side of a comparison (or a function argument). */
public sealed interface Operand permits Literal, Identifier, FunctionCall {

    /** Char offset of the operand in the source. */
    int position();
}
