package dev.locket.domain.field;

import dev.locket.domain.types.DateTimes;
import java.time.Instant;
import java.util.Optional;

/** Date and autodate fields: the canonical value is a datetime string, {@code ""} when unset. */
sealed interface DateValued extends Field permits DateField, AutodateField {

    /** Unparsable input silently becomes {@code ""}; numbers are not unix timestamps upstream. */
    @Override
    default Object normalize(Object raw) {
        return raw instanceof String s ? DateTimes.normalize(s) : "";
    }

    @Override
    default Object zero() {
        return "";
    }

    @Override
    default boolean isBlank(Object value) {
        return instant(value).isEmpty();
    }

    /** The instant of a canonical date value; empty for {@code ""} and anything unparsable. */
    static Optional<Instant> instant(Object value) {
        return value instanceof String s ? DateTimes.parse(s) : Optional.empty();
    }
}
