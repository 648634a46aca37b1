package dev.locket.domain.field;

import dev.locket.domain.record.DateTimes;
import java.time.Instant;
import java.util.Optional;

/** The value handling date and autodate fields share. */
final class DateValues {

    private DateValues() {
    }

    /** Unparsable input silently becomes {@code ""}; numbers are not unix timestamps upstream. */
    static Object normalize(Object raw) {
        return raw instanceof String s ? DateTimes.normalize(s) : "";
    }

    /** The instant of a canonical date value; empty for {@code ""} and anything unparsable. */
    static Optional<Instant> instant(Object value) {
        return value instanceof String s ? DateTimes.parse(s) : Optional.empty();
    }

    static boolean isBlank(Object value) {
        return instant(value).isEmpty();
    }
}
