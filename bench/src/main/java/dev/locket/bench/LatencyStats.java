package dev.locket.bench;

import java.util.Arrays;

/** Summary of per-request latencies in milliseconds; percentiles use the nearest-rank method. */
public record LatencyStats(int count, double bestMs, double worstMs, double p50Ms, double p95Ms, double p99Ms,
                           double meanMs, int over2s) {

    /** Requests slower than this count as timed out in issue 16's sense (a client would have given up). */
    static final long SLOW_NANOS = 2_000_000_000L;

    public LatencyStats(int count, double bestMs, double worstMs, double p50Ms, double p95Ms, double p99Ms,
                        double meanMs) {
        this(count, bestMs, worstMs, p50Ms, p95Ms, p99Ms, meanMs, 0);
    }

    /** Summarises latencies given in nanoseconds; an empty input gives all zeros. */
    public static LatencyStats ofNanos(long[] nanos) {
        if (nanos.length == 0) {
            return new LatencyStats(0, 0, 0, 0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        int slow = 0;
        for (long n : sorted) {
            sum += n;
            slow += n > SLOW_NANOS ? 1 : 0;
        }
        return new LatencyStats(sorted.length, ms(sorted[0]), ms(sorted[sorted.length - 1]),
                ms(percentile(sorted, 50)), ms(percentile(sorted, 95)), ms(percentile(sorted, 99)),
                sum / sorted.length / 1_000_000.0, slow);
    }

    /** Nearest-rank percentile of an ascending array: the smallest value with at least p% of values at or below it. */
    static long percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            throw new IllegalArgumentException("no values");
        }
        if (p <= 0) {
            return sorted[0];
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    private static double ms(long nanos) {
        return nanos / 1_000_000.0;
    }
}
