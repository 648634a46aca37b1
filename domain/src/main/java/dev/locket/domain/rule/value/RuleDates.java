package dev.locket.domain.rule.value;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rule language's {@code strftime} (upstream compiles it to SQLite's, so SQLite's is the definition): the
 * part the in-memory evaluator reproduces: ISO date/datetime texts (the layout records
 * store), the {@code start of …} modifiers and the common format codes. Anything else is {@link #UNKNOWN},
 * so the evaluator leaves the answer to the database rather than guess SQLite's date arithmetic.
 */
public final class RuleDates {

    /** Marks an input this class does not reproduce. */
    public static final Object UNKNOWN = new Object();

    private static final Pattern DATE_TIME = Pattern.compile(
            "(\\d{4})-(\\d{2})-(\\d{2})(?:[ T](\\d{2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,3}))?)?)?[Zz]?");
    private static final String CODES = "dfHjmMsSwY%";

    private RuleDates() {
    }

    /** Whether the format and modifiers are within what {@link #strftime} reproduces. */
    public static boolean supported(String format, List<String> modifiers) {
        for (int i = 0; i < format.length(); i++) {
            if (format.charAt(i) == '%') {
                if (i + 1 >= format.length() || CODES.indexOf(format.charAt(i + 1)) < 0) {
                    return false;
                }
                i++;
            }
        }
        for (String m : modifiers) {
            if (!m.equals("start of day") && !m.equals("start of month") && !m.equals("start of year")) {
                return false;
            }
        }
        return true;
    }

    /** {@code strftime(format, value, modifiers…)}: the text, null (SQL NULL) or {@link #UNKNOWN}. */
    public static Object strftime(String format, Object value, List<String> modifiers) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String text)) {
            return UNKNOWN;   // numbers are julian days (or unix times with a modifier)
        }
        if (text.isEmpty()) {
            return null;
        }
        Matcher m = DATE_TIME.matcher(text);
        if (!m.matches()) {
            return UNKNOWN;
        }
        int year = Integer.parseInt(m.group(1));
        int month = Integer.parseInt(m.group(2));
        int day = Integer.parseInt(m.group(3));
        int hour = m.group(4) == null ? 0 : Integer.parseInt(m.group(4));
        int minute = m.group(5) == null ? 0 : Integer.parseInt(m.group(5));
        int second = m.group(6) == null ? 0 : Integer.parseInt(m.group(6));
        int millis = m.group(7) == null ? 0 : Integer.parseInt((m.group(7) + "00").substring(0, 3));
        if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59
                || year < 1) {
            return UNKNOWN;
        }
        // SQLite accepts day 31 in any month and rolls over, as plusDays does
        LocalDateTime t = LocalDate.of(year, month, 1).plusDays(day - 1L).atTime(hour, minute, second,
                millis * 1_000_000);
        for (String mod : modifiers) {
            t = switch (mod) {
                case "start of day" -> t.toLocalDate().atStartOfDay();
                case "start of month" -> t.toLocalDate().withDayOfMonth(1).atStartOfDay();
                case "start of year" -> t.toLocalDate().withDayOfYear(1).atStartOfDay();
                default -> throw new IllegalArgumentException(mod);
            };
        }
        if (t.getYear() > 9999) {
            return UNKNOWN;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < format.length(); i++) {
            char c = format.charAt(i);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            char code = format.charAt(++i);
            int ms = t.getNano() / 1_000_000;
            switch (code) {
                case 'd' -> sb.append(two(t.getDayOfMonth()));
                case 'f' -> sb.append(two(t.getSecond())).append('.').append(String.format("%03d", ms));
                case 'H' -> sb.append(two(t.getHour()));
                case 'j' -> sb.append(String.format("%03d", t.getDayOfYear()));
                case 'm' -> sb.append(two(t.getMonthValue()));
                case 'M' -> sb.append(two(t.getMinute()));
                case 's' -> sb.append(t.toEpochSecond(ZoneOffset.UTC));
                case 'S' -> sb.append(two(t.getSecond()));
                case 'w' -> sb.append(t.getDayOfWeek().getValue() % 7);
                case 'Y' -> sb.append(String.format("%04d", t.getYear()));
                case '%' -> sb.append('%');
                default -> throw new IllegalArgumentException("%" + code);
            }
        }
        return sb.toString();
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }
}
