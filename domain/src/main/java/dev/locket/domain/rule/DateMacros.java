package dev.locket.domain.rule;

import dev.locket.domain.error.BadRequest;
import dev.locket.domain.filter.Identifier;
import dev.locket.domain.types.DateTimes;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The filter language's datetime macros ({@code @now}, {@code @todayStart}, {@code @weekday}, …), evaluated
 * in UTC at request time: datetimes as PocketBase's text, the calendar parts as integers.
 */
public final class DateMacros {
    private DateMacros() {
    }

    /** The macro's value (a datetime {@code String} or a {@code Long}); unknown macros are a BadRequest. */
    public static Object value(Identifier macro, Clock clock) {
        ZonedDateTime now = Instant.now(clock).atZone(ZoneOffset.UTC);
        LocalDate today = now.toLocalDate();
        return switch (macro.head()) {
            case "@now" -> DateTimes.format(now.toInstant());
            case "@yesterday" -> DateTimes.format(now.minusDays(1).toInstant());
            case "@tomorrow" -> DateTimes.format(now.plusDays(1).toInstant());
            case "@todayStart" -> start(today);
            case "@todayEnd" -> end(today);
            case "@monthStart" -> start(today.withDayOfMonth(1));
            case "@monthEnd" -> end(today.withDayOfMonth(today.lengthOfMonth()));
            case "@yearStart" -> start(today.withDayOfYear(1));
            case "@yearEnd" -> end(today.withDayOfYear(today.lengthOfYear()));
            case "@second" -> (long) now.getSecond();
            case "@minute" -> (long) now.getMinute();
            case "@hour" -> (long) now.getHour();
            case "@day" -> (long) now.getDayOfMonth();
            case "@month" -> (long) now.getMonthValue();
            case "@weekday" -> (long) (now.getDayOfWeek().getValue() % 7); // 0 = Sunday, as upstream
            case "@year" -> (long) now.getYear();
            default -> throw new BadRequest("unknown macro \"" + macro.head() + "\"", macro.position());
        };
    }

    private static String start(LocalDate day) {
        return DateTimes.format(day.atStartOfDay(ZoneOffset.UTC).toInstant());
    }

    private static String end(LocalDate day) {
        return DateTimes.format(day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minus(1, ChronoUnit.MILLIS));
    }
}
