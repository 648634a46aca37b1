package dev.locket.domain.cron;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed 5-field cron expression as PocketBase's scheduler reads it (admin-and-ops §5): minute,
 * hour, day of month, month, day of week (0 = Sunday), each {@code *}, a list, a range or a step,
 * plus the {@code @daily}-style macros. Unlike classic cron, a time matches only when all five
 * fields match (day of month and day of week are AND-ed). Times are taken in UTC.
 */
public record CronSchedule(String expression, BitSet minutes, BitSet hours, BitSet days, BitSet months,
                           BitSet weekdays) {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");

    public CronSchedule {
        minutes = (BitSet) minutes.clone();
        hours = (BitSet) hours.clone();
        days = (BitSet) days.clone();
        months = (BitSet) months.clone();
        weekdays = (BitSet) weekdays.clone();
    }

    /** Parses {@code expression}; a bad one throws {@link IllegalArgumentException} with a readable reason. */
    public static CronSchedule parse(String expression) {
        String expr = expression == null ? "" : expression.trim();
        String expanded = MACROS.getOrDefault(expr.toLowerCase(Locale.ROOT), expr);
        String[] segments = expanded.isEmpty() ? new String[0] : expanded.split("\\s+");
        if (segments.length != 5) {
            throw new IllegalArgumentException("Invalid cron expression - must have exactly 5 space separated segments.");
        }
        return new CronSchedule(String.join(" ", segments),
                segment(segments[0], 0, 59, "minute"),
                segment(segments[1], 0, 23, "hour"),
                segment(segments[2], 1, 31, "day of month"),
                segment(segments[3], 1, 12, "month"),
                segment(segments[4], 0, 6, "day of week"));
    }

    /** Whether the job is due in the minute holding {@code time} (converted to UTC). */
    public boolean matches(ZonedDateTime time) {
        ZonedDateTime t = time.withZoneSameInstant(ZoneOffset.UTC);
        return minutes.get(t.getMinute()) && hours.get(t.getHour()) && days.get(t.getDayOfMonth())
                && months.get(t.getMonthValue()) && weekdays.get(t.getDayOfWeek().getValue() % 7);
    }

    private static BitSet segment(String segment, int min, int max, String name) {
        BitSet out = new BitSet(max + 1);
        for (String part : segment.split(",", -1)) {
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), name);
                if (step < 1) {
                    throw new IllegalArgumentException("Invalid " + name + " step \"" + part + "\".");
                }
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else if (range.contains("-")) {
                int dash = range.indexOf('-');
                from = number(range.substring(0, dash), name);
                to = number(range.substring(dash + 1), name);
            } else {
                from = number(range, name);
                // "5/15" means from 5 to the end of the range in steps of 15.
                to = slash >= 0 ? max : from;
            }
            if (from < min || to > max || from > to) {
                throw new IllegalArgumentException("Invalid " + name + " segment value \"" + part
                        + "\" - must be between " + min + " and " + max + ".");
            }
            for (int v = from; v <= to; v += step) {
                out.set(v);
            }
        }
        return out;
    }

    private static int number(String text, String name) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9') || text.length() > 4) {
            throw new IllegalArgumentException("Invalid " + name + " segment value \"" + text + "\".");
        }
        return Integer.parseInt(text);
    }
}
