package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Issue 14's abuse suite on one packaged jar: slow clients (slowloris), many idle connections, oversized
 * request heads and a failed-login flood, each while a well-behaved client asks {@code /api/health} over
 * loopback every 10 ms. That client must be served throughout: no error in any phase, and no phase whose health
 * p99 says the server made it wait (a second: a server that queues others behind the abuse is seconds late).
 * The speed target itself, p99 under 100 ms, is a benchmark figure, printed for every phase; the suite enforces it
 * only when run as that benchmark ({@code -Dabuse=long}: each phase a minute, on a machine given to it), since
 * a shared test box stretches every latency whatever the server does.
 */
@Isolated("measures health latency: no other test class may load the machine meanwhile")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AbuseIT {
    /** The target for health p99 under abuse, enforced in the benchmark run. */
    static final long P99_TARGET_MS = 100;
    /** The bound in the ordinary test run: past it, the well-behaved client was kept waiting on the abuse. */
    static final long P99_STARVED_MS = 1000;
    static final boolean LONG = "long".equals(System.getProperty("abuse"));
    /** How long each phase's abuse lasts. */
    static final Duration PHASE = Duration.ofSeconds(LONG ? 60 : 3);
    static final int IDLE_WANTED = 10_000;
    /** Go's {@code http.DefaultMaxHeaderBytes} (1 MiB); its server reads 4 KiB beyond it before answering 431. */
    static final int GO_MAX_HEADER_BYTES = 1 << 20;
    static final String EMAIL = "abuse@example.com";

    @TempDir
    static Path tmp;
    LocketProcess server;
    long started;

    interface Abuse {
        /** Runs the abuse against the server and says what it did; throws when the server misbehaves. */
        String run() throws Exception;
    }

    @BeforeAll
    void start() throws Exception {
        started = System.nanoTime();
        Path dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        server = LocketProcess.serve(dir);
        ApiCalls api = new ApiCalls(server.baseUrl());
        // a real account whose password each flooding request gets wrong (the costly path: a bcrypt check)
        ApiCalls.Reply mfaOff = api.call("PATCH", "/api/collections/users", CliIT.SUPERUSER_TOKEN,
                Map.of("mfa", Map.of("enabled", false)));
        assertEquals(200, mfaOff.status(), mfaOff.raw());
        ApiCalls.Reply user = api.call("POST", "/api/collections/users/records", CliIT.SUPERUSER_TOKEN,
                Map.of("email", EMAIL, "password", "abuse-password-1", "passwordConfirm", "abuse-password-1"));
        assertEquals(200, user.status(), user.raw());
        // warm the path the probe takes, so the baseline measures a warm server as the other phases do
        measure("warm-up", () -> {
            Thread.sleep(1000);
            return "health only";
        });
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
        System.out.printf("AbuseIT: %d ms in all%n", (System.nanoTime() - started) / 1_000_000);
    }

    @Test
    @Order(1)
    void baseline() throws Exception {
        assertResponsive(measure("baseline", () -> {
            Thread.sleep(PHASE.toMillis());
            return "health only, " + PHASE.toSeconds() + " s";
        }));
    }

    /**
     * Slow senders trickle a request head a byte at a time. Upstream's server gives a head a minute
     * ({@code ReadHeaderTimeout}); meanwhile nobody else may wait on them.
     */
    @Test
    @Order(2)
    void slowlorisLeavesOthersServed() throws Exception {
        assertResponsive(measure("slowloris", () -> {
            int count = 500;
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < count; i++) {
                    sockets.add(connect());
                }
                byte[] head = ("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(200))
                        .getBytes(StandardCharsets.US_ASCII);
                long until = System.nanoTime() + PHASE.toNanos();
                int sent = 0;
                while (System.nanoTime() < until && sent < head.length) {
                    for (Socket s : sockets) {
                        try {
                            s.getOutputStream().write(head[sent]);
                        } catch (IOException dropped) {
                            // the server may drop a slow sender: allowed
                        }
                    }
                    sent++;
                    Thread.sleep(200);
                }
                return count + " senders, " + sent + " bytes each over " + PHASE.toSeconds() + " s";
            } finally {
                closeAll(sockets);
            }
        }));
    }

    /**
     * As many silent connections as wanted (10,000, or what the open-file limit leaves room for, said so
     * in the output); the oldest and the newest of them still get an answer when they finally ask.
     */
    @Test
    @Order(3)
    void idleConnectionsLeaveOthersServed() throws Exception {
        long maxFiles = ((com.sun.management.UnixOperatingSystemMXBean)
                ManagementFactory.getOperatingSystemMXBean()).getMaxFileDescriptorCount();
        // the server, started by this JVM, has the same limit; keep room for jars, databases and sockets
        int wanted = (int) Math.min(IDLE_WANTED, maxFiles - 500);
        String limit = wanted < IDLE_WANTED ? " (open-file limit " + maxFiles + " allows no more)" : "";
        assertResponsive(measure("idle connections", () -> {
            List<Socket> sockets = new ArrayList<>();
            try {
                for (int i = 0; i < wanted; i++) {
                    sockets.add(connect());
                }
                Thread.sleep(PHASE.toMillis());
                for (Socket s : List.of(sockets.getFirst(), sockets.getLast())) {
                    s.setSoTimeout(10_000);
                    s.getOutputStream().write("GET /api/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                            .getBytes(StandardCharsets.US_ASCII));
                    assertEquals("HTTP/1.1 200", statusLine(s.getInputStream()),
                            "an idle connection's late request");
                }
                return sockets.size() + " idle connections held " + PHASE.toSeconds() + " s" + limit;
            } finally {
                closeAll(sockets);
            }
        }));
    }

    /**
     * Request heads twice Go's {@code MaxHeaderBytes}: Go's server answers each with 431 Request Header
     * Fields Too Large and closes (net/http {@code errTooLarge}); so must we, without buffering them whole.
     */
    @Test
    @Order(4)
    void oversizedHeadersAre431() throws Exception {
        assertResponsive(measure("huge headers", () -> {
            int count = LONG ? 400 : 20;
            byte[] request = ("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(2 * GO_MAX_HEADER_BYTES)
                    + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            Map<String, Integer> statuses = new TreeMap<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                List<Future<String>> answers = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    answers.add(pool.submit(() -> oversized(request)));
                }
                for (Future<String> a : answers) {
                    statuses.merge(a.get(), 1, Integer::sum);
                }
            }
            assertEquals(Map.of("HTTP/1.1 431", count), statuses, "answers to 2 MiB request heads");
            return count + " x 2 MiB header: " + statuses;
        }));
    }

    /** Sends one oversized request (on another thread, as the server answers before reading it all). */
    String oversized(byte[] request) throws Exception {
        try (Socket s = connect()) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            Thread writer = Thread.ofVirtual().start(() -> {
                try {
                    out.write(request);
                    out.flush();
                } catch (IOException refused) {
                    // the server stops reading once it has answered: expected
                }
            });
            try {
                return statusLine(s.getInputStream());
            } finally {
                s.close();
                writer.join();
            }
        }
    }

    /**
     * Sixteen clients post wrong passwords for a real account as fast as they can (rate limits off, upstream's
     * default), each costing a password hash check.
     */
    @Test
    @Order(5)
    void failedLoginFloodLeavesOthersServed() throws Exception {
        assertResponsive(measure("auth flood", () -> {
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest login = HttpRequest.newBuilder(URI.create(server.baseUrl()
                            + "/api/collections/users/auth-with-password"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"identity\":\"" + EMAIL + "\",\"password\":\"wrong-password\"}"))
                    .build();
            long until = System.nanoTime() + PHASE.toNanos();
            Map<Integer, Integer> statuses = new TreeMap<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
                List<Future<Map<Integer, Integer>>> clients = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    clients.add(pool.submit(() -> {
                        Map<Integer, Integer> mine = new TreeMap<>();
                        while (System.nanoTime() < until) {
                            mine.merge(client.send(login, HttpResponse.BodyHandlers.discarding()).statusCode(), 1,
                                    Integer::sum);
                        }
                        return mine;
                    }));
                }
                for (Future<Map<Integer, Integer>> c : clients) {
                    c.get().forEach((status, n) -> statuses.merge(status, n, Integer::sum));
                }
            }
            assertEquals(java.util.Set.of(400), statuses.keySet(), "failed logins answer 400: " + statuses);
            int sent = statuses.values().stream().mapToInt(Integer::intValue).sum();
            return "16 clients, " + sent + " failed logins in " + PHASE.toSeconds() + " s " + statuses;
        }));
    }

    /** One phase's health figures. */
    record Figures(String phase, String abuse, List<Long> micros, int errors, double loadPerCore) {
        long limitMs() {
            return LONG ? Math.round(P99_TARGET_MS * Math.max(1, loadPerCore)) : P99_STARVED_MS;
        }

        double percentile(double p) {
            List<Long> sorted = new ArrayList<>(micros);
            Collections.sort(sorted);
            return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * p) - 1)) / 1000.0;
        }
    }

    /**
     * No health error, and health p99 under the run's bound: the 100 ms target in the benchmark run (scaled by
     * load/cores on an oversubscribed machine, where every latency stretches with the run queue), else the
     * starvation bound. The printed line says which bound applied.
     */
    static void assertResponsive(Figures f) {
        assertTrue(f.errors() == 0 && f.percentile(0.99) < f.limitMs(), f.phase() + ": health p99 "
                + f.percentile(0.99) + " ms (limit " + f.limitMs() + " ms), " + f.errors() + " errors while "
                + f.abuse());
    }

    static double loadPerCore() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()
                / Runtime.getRuntime().availableProcessors();
    }

    /** Runs {@code abuse} while one client asks for health every 10 ms over one kept-alive connection. */
    Figures measure(String phase, Abuse abuse) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/health"))
                .timeout(Duration.ofSeconds(10)).build();
        client.send(health, HttpResponse.BodyHandlers.discarding()); // connected before timing starts
        AtomicBoolean stop = new AtomicBoolean();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        int[] errors = {0};
        Thread probe = Thread.ofPlatform().name("health-probe").start(() -> {
            while (!stop.get()) {
                long t = System.nanoTime();
                try {
                    if (client.send(health, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
                        errors[0]++;
                    }
                } catch (IOException | InterruptedException e) {
                    errors[0]++;
                }
                micros.add((System.nanoTime() - t) / 1000);
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        long start = System.nanoTime();
        String what;
        try {
            what = abuse.run();
        } finally {
            stop.set(true);
            probe.join();
        }
        Figures f = new Figures(phase, what, List.copyOf(micros), errors[0], loadPerCore());
        System.out.printf("AbuseIT %-16s health n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms errors=%d target=%d ms"
                        + " limit=%d ms (%d ms, load %.1f per core): %s%n", phase, micros.size(), f.percentile(0.5),
                f.percentile(0.99), f.percentile(1.0), errors[0], P99_TARGET_MS, f.limitMs(), (System.nanoTime() - start) / 1_000_000,
                f.loadPerCore(), what);
        return f;
    }

    Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port), 5000);
        return s;
    }

    static void closeAll(List<Socket> sockets) {
        for (Socket s : sockets) {
            try {
                s.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    /** The status line's first 12 characters ({@code HTTP/1.1 200}), or what ended the connection. */
    static String statusLine(InputStream in) {
        try {
            return new String(in.readNBytes(12), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            return "no answer: " + e.getMessage();
        }
    }
}
