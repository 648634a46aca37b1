package dev.locket.domain.field;

/**
 * Fields whose canonical value is one string ({@code ""} when unset), so they normalize, start and
 * count as blank alike.
 */
sealed interface TextValued extends Field permits TextField, EmailField, UrlField, EditorField, PasswordField {

    /** Go's {@code cast.ToString} of the submitted value. */
    @Override
    default Object normalize(Object raw) {
        return Casts.toText(raw);
    }

    @Override
    default Object zero() {
        return "";
    }

    @Override
    default boolean isBlank(Object value) {
        return FieldErrors.text(value).isEmpty();
    }
}
