package dev.locket.domain.cron;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CronScheduleTest {

    private static ZonedDateTime at(String iso) {
        return ZonedDateTime.parse(iso);
    }

    @Test
    void macrosExpandToTheirFiveFields() {
        assertEquals("0 0 * * *", CronSchedule.parse("@daily").expression());
        assertEquals("0 0 * * *", CronSchedule.parse("@midnight").expression());
        assertEquals("0 * * * *", CronSchedule.parse("@hourly").expression());
        assertEquals("0 0 1 1 *", CronSchedule.parse("@yearly").expression());
        assertEquals("0 0 * * 0", CronSchedule.parse("@weekly").expression());
        assertEquals("0 */6 * * *", CronSchedule.parse("0   */6 * * *").expression());
    }

    @Test
    void stepsRangesAndListsMatch() {
        CronSchedule every6h = CronSchedule.parse("0 */6 * * *");
        assertTrue(every6h.matches(at("2024-05-01T12:00:00Z")));
        assertFalse(every6h.matches(at("2024-05-01T13:00:00Z")));
        assertFalse(every6h.matches(at("2024-05-01T12:01:00Z")));

        CronSchedule mix = CronSchedule.parse("5,10-12/2 9-17 * 1-6 1-5");
        assertTrue(mix.matches(at("2024-05-01T09:05:00Z")));   // Wednesday
        assertTrue(mix.matches(at("2024-05-01T17:12:00Z")));
        assertFalse(mix.matches(at("2024-05-01T17:11:00Z")));
        assertFalse(mix.matches(at("2024-05-04T09:05:00Z")));  // Saturday
        assertFalse(mix.matches(at("2024-07-01T09:05:00Z")));  // July
    }

    @Test
    void dayOfMonthAndDayOfWeekMustBothMatch() {
        CronSchedule s = CronSchedule.parse("0 0 1 * 0"); // the 1st AND a Sunday
        assertTrue(s.matches(at("2024-09-01T00:00:00Z")));   // Sunday 1 September
        assertFalse(s.matches(at("2024-05-01T00:00:00Z")));  // Wednesday the 1st
        assertFalse(s.matches(at("2024-05-05T00:00:00Z")));  // a Sunday, not the 1st
    }

    @Test
    void timesAreTakenInUtc() {
        CronSchedule s = CronSchedule.parse("0 0 * * *");
        assertTrue(s.matches(at("2024-05-01T02:00:00+02:00")));
        assertTrue(s.matches(at("2024-05-01T00:00:00Z").withZoneSameInstant(ZoneOffset.ofHours(-5))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "* * * *", "* * * * * *", "60 * * * *", "* 24 * * *", "* * 0 * *", "* * * 13 *",
            "* * * * 7", "*/0 * * * *", "a * * * *", "5-1 * * * *", "@often"})
    void badExpressionsAreRefused(String expression) {
        assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse(expression));
    }
}
