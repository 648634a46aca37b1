package dev.locket.domain.record;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** PocketBase's datetime text: UTC, a space between date and time, milliseconds, {@code Z}. */
public final class DateTimes {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private DateTimes() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
