package dev.locket.domain.error;

/** One node of a validation error tree: a field error or a group of nested errors keyed by name or index. */
public sealed interface ErrorNode permits FieldError, ErrorGroup {
}
