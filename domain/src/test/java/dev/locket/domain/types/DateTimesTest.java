package dev.locket.domain.types;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DateTimesTest {

    @Test
    void parsesAndFormatsPocketBaseDates() {
        Optional<Instant> i = DateTimes.parse("2022-10-10 09:49:46.145Z");
        assertEquals(Instant.parse("2022-10-10T09:49:46.145Z"), i.orElseThrow());
        assertEquals("2022-10-10 09:49:46.145Z", DateTimes.format(i.get()));
        // more fraction digits are accepted and cut to milliseconds, not rounded
        assertEquals("2022-10-10 09:49:46.145Z", DateTimes.normalize("2022-10-10 09:49:46.145999Z"));
        assertEquals("2022-10-10 07:49:46.000Z", DateTimes.normalize("2022-10-10T09:49:46+02:00"));
    }

    @Test
    void rejectsWhatGoRejects() {
        assertTrue(DateTimes.parse("2022-13-01").isEmpty());
        assertTrue(DateTimes.parse("2022-10-10T09:49:46 +02:00").isEmpty());
        assertTrue(DateTimes.parse("10/10/2022").isEmpty());
        assertTrue(DateTimes.parse(null).isEmpty());
    }

    @Test
    void goStringsForMessages() {
        assertEquals("2024-01-01 00:00:00.5 +0000 UTC", DateTimes.goString(Instant.parse("2024-01-01T00:00:00.500Z")));
        assertEquals("2024-01-01T00:00:00.5Z", DateTimes.rfc3339(Instant.parse("2024-01-01T00:00:00.500Z")));
    }
}
