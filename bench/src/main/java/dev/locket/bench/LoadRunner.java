package dev.locket.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Replays a scenario with upstream's client semantics (WORKLOAD §1): a bounded pool of at most
 * {@code conc} requests in flight, the next one starting as soon as one finishes, one new TCP
 * connection per request, every request timed around send + response, status >= 400 or a
 * transport failure counted as an error. Requests run on virtual threads so the harness stays
 * light next to the server on the same cores.
 */
public final class LoadRunner {

    /** Upstream's per-query timeout; no request of a scenario waits longer than this. */
    private static final long MAX_REQUEST_MILLIS = 120_000;
    private static final int SAMPLE_LENGTH = 300;

    private final HttpTransport http;
    private final Duration cap;
    private final Optional<ProcessHandle> server;

    public LoadRunner(HttpTransport http, Duration cap, Optional<ProcessHandle> server) {
        this.http = http;
        this.cap = cap;
        this.server = server;
    }

    /** The same runner with another per-scenario time cap (seeding needs a longer one). */
    public LoadRunner withCap(Duration newCap) {
        return new LoadRunner(http, newCap, server);
    }

    /** The same runner sending through another transport (the keep-alive mode). */
    public LoadRunner withTransport(HttpTransport transport) {
        return new LoadRunner(transport, cap, server);
    }

    /** Runs the scenario to completion (or to the time cap) and summarises it. */
    public ScenarioResult run(Scenario s) throws InterruptedException {
        long[] latencies = new long[s.reqs()];
        int[] statuses = new int[s.reqs()];
        Map<String, LongAdder> kinds = new ConcurrentHashMap<>();
        Map<String, String> samples = new ConcurrentHashMap<>();
        AtomicInteger backgroundErrors = new AtomicInteger();
        Semaphore slots = new Semaphore(s.conc());
        int started = 0;
        boolean timedOut = false;

        double cpu0 = harnessCpuSeconds();
        double srv0 = serverCpuSeconds();
        long start = System.nanoTime();
        long deadline = start + cap.toNanos();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Request bg : s.background()) {
                pool.submit(() -> {
                    Outcome o = exchange(bg, deadline);
                    if (o.failed()) {
                        backgroundErrors.incrementAndGet();
                        record(kinds, samples, "background " + o.kind(), o.sample());
                    }
                });
            }
            for (int i = 0; i < s.reqs(); i++) {
                slots.acquire();
                if (System.nanoTime() >= deadline) {
                    slots.release();
                    timedOut = true;
                    break;
                }
                Request request = s.request().apply(i);
                int index = i;
                started++;
                pool.submit(() -> {
                    try {
                        long t0 = System.nanoTime();
                        Outcome o = exchange(request, deadline);
                        latencies[index] = System.nanoTime() - t0;
                        statuses[index] = o.status();
                        if (o.failed()) {
                            record(kinds, samples, o.kind(), o.sample());
                        }
                    } finally {
                        slots.release();
                    }
                });
            }
            pool.shutdown();
            if (!pool.awaitTermination(cap.toMillis() + MAX_REQUEST_MILLIS + 10_000, TimeUnit.MILLISECONDS)) {
                timedOut = true;
                pool.shutdownNow();
            }
        }
        long end = System.nanoTime();
        double completed = (end - start) / 1e9;
        int errors = 0;
        for (int i = 0; i < started; i++) {
            if (statuses[i] >= 400 || statuses[i] <= 0) {
                errors++;
            }
        }
        Map<String, Long> kindCounts = new TreeMap<>();
        kinds.forEach((k, v) -> kindCounts.put(k, v.sum()));
        return new ScenarioResult(s.phase(), s.id(), s.name(), s.collection(), s.rule(), s.query(), s.reqs(), s.conc(),
                started, completed, completed > 0 ? started / completed : 0,
                LatencyStats.ofNanos(Arrays.copyOf(latencies, started)), errors, timedOut || started < s.reqs(),
                kindCounts, new LinkedHashMap<>(samples), s.background().size(), backgroundErrors.get(),
                harnessCpuSeconds() - cpu0, serverCpuSeconds() - srv0, s.note());
    }

    private Outcome exchange(Request r, long deadline) {
        // A request still running 5 s after the cap is cut and counted as an error.
        long remainingMillis = Math.max(1, (deadline - System.nanoTime()) / 1_000_000 + 5_000);
        int timeout = (int) Math.min(MAX_REQUEST_MILLIS, remainingMillis);
        try {
            HttpResponse response = http.send(r.method(), r.target(), r.token(), r.body(), timeout);
            String sample = response.status() >= 400 ? truncate(response.text()) : "";
            return new Outcome(response.status(), "HTTP " + response.status(), sample);
        } catch (Exception e) {
            return new Outcome(-1, e.getClass().getSimpleName(), truncate(String.valueOf(e.getMessage())));
        }
    }

    private static void record(Map<String, LongAdder> kinds, Map<String, String> samples, String kind, String sample) {
        kinds.computeIfAbsent(kind, k -> new LongAdder()).increment();
        samples.putIfAbsent(kind, sample);
    }

    private static String truncate(String s) {
        return s.length() <= SAMPLE_LENGTH ? s : s.substring(0, SAMPLE_LENGTH) + "…";
    }

    /** CPU time consumed so far by this (harness) JVM. */
    static double harnessCpuSeconds() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime() / 1e9;
        }
        return 0;
    }

    private double serverCpuSeconds() {
        return server.flatMap(p -> p.info().totalCpuDuration()).map(d -> d.toNanos() / 1e9).orElse(0.0);
    }

    private record Outcome(int status, String kind, String sample) {
        boolean failed() {
            return status >= 400 || status <= 0;
        }
    }
}
