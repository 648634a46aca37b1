package dev.locket.domain.types;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** PocketBase's datetime text: UTC, a space between date and time, milliseconds, {@code Z}. */
public final class DateTimes {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    /** Go's zero time, which PocketBase treats as "no date". */
    private static final Instant GO_ZERO = Instant.parse("0001-01-01T00:00:00Z");

    /**
     * ISO-like layouts: date only, or date, {@code T} or space, time, optional fraction, optional zone
     * ({@code Z}, {@code +01:00}, {@code +0100}, optionally after a space and followed by a zone name as
     * in Go's {@code time.String()}).
     */
    private static final Pattern ISO = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})"
                    + "(?:([ T])(\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?"
                    + "(?:( ?)(Z|[+-]\\d{2}:?\\d{2})(?: [A-Za-z]{1,5})?)?)?");

    private static final Pattern DAY_MONTH_YEAR = Pattern.compile("(\\d{2}) ([A-Z][a-z]{2}) (\\d{4})");

    private DateTimes() {
    }

    public static String format(Instant instant) {
        return FORMAT.format(instant);
    }

    /**
     * Reads the datetime layouts PocketBase accepts: its own {@code 2006-01-02 15:04:05.000Z}, RFC 3339,
     * {@code 2006-01-02 15:04:05}, {@code 2006-01-02}, zone offsets with or without colon, RFC 1123 and
     * {@code 02 Jan 2006}. Values without a zone are UTC. Empty when nothing fits (PocketBase then
     * stores an empty date) or when the value is Go's zero time.
     */
    public static Optional<Instant> parse(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Instant> parsed = parseIso(text);
        if (parsed.isEmpty()) {
            parsed = parseRfc1123(text);
        }
        if (parsed.isEmpty()) {
            parsed = parseDayMonthYear(text);
        }
        return parsed.filter(i -> !i.equals(GO_ZERO));
    }

    private static Optional<Instant> parseIso(String text) {
        Matcher m = ISO.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int year = Integer.parseInt(m.group(1));
            int month = Integer.parseInt(m.group(2));
            int day = Integer.parseInt(m.group(3));
            if (m.group(4) == null) {
                return Optional.of(LocalDate.of(year, month, day).atStartOfDay().toInstant(ZoneOffset.UTC));
            }
            int nanos = 0;
            if (m.group(8) != null) {
                String frac = (m.group(8) + "000000000").substring(0, 9);
                nanos = Integer.parseInt(frac);
            }
            LocalDateTime local = LocalDateTime.of(year, month, day, Integer.parseInt(m.group(5)),
                    Integer.parseInt(m.group(6)), Integer.parseInt(m.group(7)), nanos);
            ZoneOffset offset = ZoneOffset.UTC;
            String zone = m.group(10);
            if (zone != null) {
                // "2006-01-02T15:04:05 +01:00" is not a Go layout; only the space-separated date form allows it
                if (" ".equals(m.group(9)) && "T".equals(m.group(4))) {
                    return Optional.empty();
                }
                if (!zone.equals("Z")) {
                    String digits = zone.replace(":", "");
                    int hours = Integer.parseInt(digits.substring(1, 3));
                    int minutes = Integer.parseInt(digits.substring(3, 5));
                    int sign = zone.charAt(0) == '-' ? -1 : 1;
                    offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
                }
            }
            return Optional.of(local.toInstant(offset));
        } catch (DateTimeException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> parseRfc1123(String text) {
        try {
            return Optional.of(ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> parseDayMonthYear(String text) {
        Matcher m = DAY_MONTH_YEAR.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            LocalDate date = LocalDate.parse(m.group(1) + " " + m.group(2) + " " + m.group(3),
                    DateTimeFormatter.ofPattern("dd MMM yyyy", Locale.ENGLISH));
            return Optional.of(date.atStartOfDay().toInstant(ZoneOffset.UTC));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The canonical text of a parsable datetime, or {@code ""} (PocketBase's unset date). */
    public static String normalize(String text) {
        return parse(text).map(DateTimes::format).orElse("");
    }

    /** Go's {@code time.Time.String()} for a UTC instant, as PocketBase's min/max messages print it. */
    public static String goString(Instant instant) {
        StringBuilder sb = new StringBuilder(
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            String frac = String.format("%09d", nanos).replaceAll("0+$", "");
            sb.append('.').append(frac);
        }
        return sb.append(" +0000 UTC").toString();
    }

    /** Go's JSON form of a UTC time (RFC 3339, fraction without trailing zeros), used for error params. */
    public static String rfc3339(Instant instant) {
        StringBuilder sb = new StringBuilder(
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC).format(instant));
        int nanos = instant.getNano();
        if (nanos != 0) {
            sb.append('.').append(String.format("%09d", nanos).replaceAll("0+$", ""));
        }
        return sb.append('Z').toString();
    }
}
