package dev.locket.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    private static long[] millisAsNanos(long... ms) {
        long[] n = new long[ms.length];
        for (int i = 0; i < ms.length; i++) {
            n[i] = ms[i] * 1_000_000L;
        }
        return n;
    }

    @Test
    void nearestRankPercentilesOfOneToHundred() {
        long[] values = new long[100];
        for (int i = 0; i < 100; i++) {
            values[i] = (100 - i) * 1_000_000L; // unsorted on purpose
        }
        LatencyStats s = LatencyStats.ofNanos(values);
        assertEquals(100, s.count());
        assertEquals(1.0, s.bestMs());
        assertEquals(100.0, s.worstMs());
        assertEquals(50.0, s.p50Ms());
        assertEquals(95.0, s.p95Ms());
        assertEquals(99.0, s.p99Ms());
        assertEquals(50.5, s.meanMs(), 1e-9);
    }

    @Test
    void smallSamplesRoundTheRankUp() {
        LatencyStats s = LatencyStats.ofNanos(millisAsNanos(30, 10, 20));
        // ranks: p50 -> ceil(1.5)=2nd, p95 -> ceil(2.85)=3rd, p99 -> 3rd
        assertEquals(20.0, s.p50Ms());
        assertEquals(30.0, s.p95Ms());
        assertEquals(30.0, s.p99Ms());
        assertEquals(10.0, s.bestMs());
    }

    @Test
    void singleValueIsEveryPercentile() {
        LatencyStats s = LatencyStats.ofNanos(millisAsNanos(7));
        assertEquals(7.0, s.p50Ms());
        assertEquals(7.0, s.p99Ms());
        assertEquals(7.0, s.worstMs());
    }

    @Test
    void tailPercentileSeesTheOutlier() {
        long[] values = new long[1000];
        java.util.Arrays.fill(values, 1_000_000L);
        values[500] = 900_000_000L;
        LatencyStats s = LatencyStats.ofNanos(values);
        assertEquals(1.0, s.p99Ms());
        assertEquals(900.0, s.worstMs());
    }

    @Test
    void emptyInputGivesZeros() {
        LatencyStats s = LatencyStats.ofNanos(new long[0]);
        assertEquals(0, s.count());
        assertEquals(0.0, s.p99Ms());
        assertThrows(IllegalArgumentException.class, () -> LatencyStats.percentile(new long[0], 50));
    }
}
