package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's abuse suite: slow clients (slowloris), many idle connections, huge headers and request floods
 * on an auth endpoint, each while a well-behaved client keeps asking {@code /api/health} over loopback. The
 * server must stay responsive for that client: health p99 under 100 ms in every phase. The figures are
 * printed. {@code -Dabuse.idle=N} changes the idle connection count (10,000 by default).
 */
class AbuseIT {
    static final long P99_LIMIT_MS = 100;

    @TempDir
    Path tmp;

    interface Phase {
        String run(LocketProcess server) throws Exception;
    }

    @Test
    void theServerStaysResponsiveUnderAbuse() throws Exception {
        Path dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        List<String> failures = new ArrayList<>();
        try (LocketProcess server = LocketProcess.serve(dir)) {
            measure(server, "baseline", s -> {
                Thread.sleep(2000);
                return "nothing else for 2 s";
            }, failures);
            measure(server, "slowloris", AbuseIT::slowloris, failures);
            measure(server, "idle connections", AbuseIT::idleConnections, failures);
            measure(server, "huge headers", AbuseIT::hugeHeaders, failures);
            measure(server, "auth flood", AbuseIT::authFlood, failures);
        }
        assertTrue(failures.isEmpty(), String.join("\n", failures));
    }

    /** Runs {@code phase} while one client asks for health every 10 ms; checks that client's p99. */
    static void measure(LocketProcess server, String name, Phase phase, List<String> failures) throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest health = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/health"))
                .timeout(Duration.ofSeconds(10)).build();
        client.send(health, HttpResponse.BodyHandlers.ofString()); // the connection is open before timing
        AtomicBoolean stop = new AtomicBoolean();
        List<Long> micros = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger errors = new AtomicInteger();
        Thread probe = Thread.ofPlatform().start(() -> {
            while (!stop.get()) {
                long t = System.nanoTime();
                try {
                    HttpResponse<String> r = client.send(health, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        errors.incrementAndGet();
                    }
                    micros.add((System.nanoTime() - t) / 1000);
                    Thread.sleep(10);
                } catch (Exception e) {
                    errors.incrementAndGet();
                    micros.add((System.nanoTime() - t) / 1000);
                }
            }
        });
        long start = System.nanoTime();
        String what = phase.run(server);
        stop.set(true);
        probe.join();
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        double p50 = sorted.get(sorted.size() / 2) / 1000.0;
        double p99 = sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(sorted.size() * 0.99) - 1)) / 1000.0;
        double max = sorted.get(sorted.size() - 1) / 1000.0;
        System.out.printf("AbuseIT %-16s %-50s health n=%d p50=%.1f ms p99=%.1f ms max=%.1f ms errors=%d (%d ms)%n",
                name, what, sorted.size(), p50, p99, max, errors.get(), (System.nanoTime() - start) / 1_000_000);
        if (p99 >= P99_LIMIT_MS || errors.get() > 0) {
            failures.add(name + ": health p99 " + p99 + " ms, " + errors.get() + " errors (" + what + ")");
        }
    }

    /** 500 connections each sending a request's headers one byte every 200 ms, for 4 s. */
    static String slowloris(LocketProcess server) throws Exception {
        List<Socket> sockets = new ArrayList<>();
        byte[] head = ("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Slow: " + "a".repeat(200)).getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 500; i++) {
            sockets.add(connect(server));
        }
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        for (int at = 0; System.nanoTime() < until && at < head.length; at++) {
            for (Socket s : sockets) {
                try {
                    s.getOutputStream().write(head[at]);
                } catch (IOException closed) {
                    // the server may drop a slow client: that is allowed
                }
            }
            Thread.sleep(200);
        }
        for (Socket s : sockets) {
            s.close();
        }
        return "500 slow senders for 4 s";
    }

    /** Many connections opened and left silent for 3 s. */
    static String idleConnections(LocketProcess server) throws Exception {
        int wanted = Integer.getInteger("abuse.idle", 10_000);
        List<Socket> sockets = new ArrayList<>();
        String limit = "";
        try {
            for (int i = 0; i < wanted; i++) {
                sockets.add(connect(server));
            }
        } catch (IOException e) {
            limit = " (stopped: " + e.getMessage() + ")";
        }
        Thread.sleep(3000);
        for (Socket s : sockets) {
            s.close();
        }
        return sockets.size() + " of " + wanted + " idle connections" + limit;
    }

    /** 200 requests with a 1 MiB header; each must be refused with a 4xx or a closed connection. */
    static String hugeHeaders(LocketProcess server) throws Exception {
        String big = "b".repeat(1 << 20);
        AtomicInteger refused = new AtomicInteger();
        AtomicInteger served = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int i = 0; i < 200; i++) {
                pool.submit(() -> {
                    try (Socket s = connect(server)) {
                        s.setSoTimeout(10_000);
                        OutputStream out = s.getOutputStream();
                        out.write(("GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        out.flush();
                        String status = new String(s.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
                        if (status.startsWith("HTTP/1.1 4")) {
                            refused.incrementAndGet();
                        } else if (status.startsWith("HTTP/1.1 2")) {
                            served.incrementAndGet();
                        }
                    } catch (IOException reset) {
                        refused.incrementAndGet(); // closed on us: refused too
                    }
                    return null;
                });
            }
        }
        assertTrue(served.get() == 0, served.get() + " requests with a 1 MiB header were served");
        return "200 x 1 MiB header: " + refused.get() + " refused";
    }

    /** 16 clients posting wrong passwords to auth-with-password for 4 s. */
    static String authFlood(LocketProcess server) throws Exception {
        AtomicInteger sent = new AtomicInteger();
        AtomicInteger limited = new AtomicInteger();
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(4);
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (ExecutorService pool = Executors.newFixedThreadPool(16)) {
            for (int i = 0; i < 16; i++) {
                pool.submit(() -> {
                    while (System.nanoTime() < until) {
                        HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                                        + "/api/collections/users/auth-with-password"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(
                                        "{\"identity\":\"nobody@example.com\",\"password\":\"wrong-password\"}"))
                                .build(), HttpResponse.BodyHandlers.ofString());
                        sent.incrementAndGet();
                        if (r.statusCode() == 429) {
                            limited.incrementAndGet();
                        }
                    }
                    return null;
                });
            }
        }
        return sent.get() + " failed logins in 4 s (" + limited.get() + " rate-limited)";
    }

    static Socket connect(LocketProcess server) throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.port), 5000);
        return s;
    }
}
