package dev.locket.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Realtime fan-out benchmark on loopback: N subscribers (SSE or WebSocket) on {@code bench_rt/*}, one
 * writer creating records at a fixed rate; each record carries the writer's {@code System.nanoTime()} at
 * send, so delivery latency is "create request sent → event received" (an upper bound of commit →
 * receipt: it includes the insert). Reports p50/p99, deliveries, subscribers held and the server's
 * resident memory per connection. Not part of {@code verify}: run {@code bench/realtime.sh}.
 */
public final class RealtimeBench {
    private static final String COLLECTION = "bench_rt";
    private static final String LOAD_COLLECTION = "bench_load";

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    private final AtomicInteger received = new AtomicInteger();
    private final AtomicInteger failedSubscribers = new AtomicInteger();
    private final AtomicInteger closedSubscribers = new AtomicInteger();
    private long[] latencies = new long[0];
    /** Per delivery: the sender's stamp and when it arrived; per event: when its create was answered. */
    private long[] sentStamps = new long[0];
    private long[] arrivals = new long[0];
    private final Map<Long, Long> answered = new ConcurrentHashMap<>();
    private final AtomicInteger latencyCount = new AtomicInteger();
    private final AtomicLong firstClosed = new AtomicLong();
    private String base;
    private final boolean rawSse;
    private final int createLoad;

    RealtimeBench(boolean rawSse, int createLoad) {
        this.rawSse = rawSse;
        this.createLoad = createLoad;
    }

    /** Creates made by the background load while the events were sent (issue 16: fan-out under the create load). */
    record Load(int concurrency, long ok, long failed, long over2s, double seconds) {
        static final Load NONE = new Load(0, 0, 0, 0, 0);

        double perSecond() {
            return seconds == 0 ? 0 : ok / seconds;
        }
    }

    record Result(String transport, int subscribers, int held, int events, double ratePerSec, long expected,
                  long delivered, LatencyStats latency, long rssBeforeKb, long rssAfterKb, double kbPerConnection,
                  double connectSeconds, int closedEarly, Load load, LatencyStats afterAnswer,
                  LatencyStats eventCreate, double serverCpuSeconds) {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(System.getProperty("locket.root", ".")).toAbsolutePath().normalize();
        Path jar = root.resolve("bootstrap/target/locket.jar");
        Path java = Path.of(System.getProperty("locket.java", "/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));
        List<Integer> counts = List.of(1000, 10000);
        List<String> transports = List.of("sse", "ws");
        int events = 20;
        double rate = 2;
        boolean rawSse = true;
        int createLoad = 0;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--subscribers" -> counts = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--transports" -> transports = List.of(args[++i].split(","));
                case "--events" -> events = Integer.parseInt(args[++i]);
                case "--rate" -> rate = Double.parseDouble(args[++i]);
                case "--jar" -> jar = Path.of(args[++i]);
                case "--jdk-sse-client" -> rawSse = false;
                case "--create-load" -> createLoad = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: RealtimeBench [--subscribers 1000,10000] [--transports sse,ws]"
                            + " [--events 20] [--rate 2] [--jar PATH] [--jdk-sse-client] [--create-load CONC]");
                    System.exit(2);
                }
            }
        }
        List<Result> results = new ArrayList<>();
        for (String transport : transports) {
            for (int n : counts) {
                Path work = Files.createTempDirectory("locket-rt-bench");
                try (ServerProcess server = ServerProcess.start(java, jar, Optional.empty(), work.resolve("pb_data"),
                        work.resolve("logs"),
                        List.of("-Xss512k"), List.of(), Duration.ofSeconds(60))) {
                    Result r = new RealtimeBench(rawSse, createLoad).run(server, java, transport, n, events, rate);
                    results.add(r);
                    print(r);
                }
            }
        }
        System.out.println();
        System.out.println("| transport | subscribers | held | events | delivered/expected | p50 ms | p99 ms | max ms"
                + " | server RSS before → after (MiB) | KiB/connection | connect s | closed early"
                + " | create load: conc, req/s, errors, > 2 s | event's create answered p50/p99 ms"
                + " | arrival after that answer p50/p99 ms | server CPU s from first event to last arrival |");
        System.out.println("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        for (Result r : results) {
            System.out.printf(Locale.ROOT, "| %s | %d | %d | %d @ %.1f/s | %d/%d | %.1f | %.1f | %.1f | %d → %d | %.1f | %.1f | %d | %s | %.0f / %.0f | %.0f / %.0f | %.2f |%n",
                    r.transport, r.subscribers, r.held, r.events, r.ratePerSec, r.delivered, r.expected,
                    r.latency.p50Ms(), r.latency.p99Ms(), r.latency.worstMs(), r.rssBeforeKb / 1024,
                    r.rssAfterKb / 1024, r.kbPerConnection, r.connectSeconds, r.closedEarly, loadText(r.load),
                    r.eventCreate.p50Ms(), r.eventCreate.p99Ms(), r.afterAnswer.p50Ms(), r.afterAnswer.p99Ms(),
                    r.serverCpuSeconds);
        }
        System.exit(0);
    }

    private static void print(Result r) {
        System.out.printf(Locale.ROOT, "%s n=%d held=%d delivered=%d/%d p50=%.1fms p99=%.1fms max=%.1fms"
                        + " rss %d→%d KiB (%.1f KiB/conn) connect %.1fs closedEarly=%d load %s%n",
                r.transport, r.subscribers, r.held, r.delivered, r.expected, r.latency.p50Ms(), r.latency.p99Ms(),
                r.latency.worstMs(), r.rssBeforeKb, r.rssAfterKb, r.kbPerConnection, r.connectSeconds, r.closedEarly,
                loadText(r.load));
    }

    private static String loadText(Load l) {
        return l.concurrency() == 0 ? "none" : String.format(Locale.ROOT, "%d, %.0f/s, %d, %d", l.concurrency(),
                l.perSecond(), l.failed(), l.over2s());
    }

    Result run(ServerProcess server, Path java, String transport, int n, int events, double rate) throws Exception {
        base = "http://127.0.0.1:" + server.port();
        OneShotHttp admin = new OneShotHttp("127.0.0.1", server.port());
        String token = tokenOf(admin.send("POST", "/api/collections/_superusers/auth-with-password", null,
                "{\"identity\":\"" + Workload.SUPERUSER_EMAIL + "\",\"password\":\"" + Workload.PASSWORD + "\"}").text());
        HttpResponse created = admin.send("POST", "/api/collections", token, "{\"name\":\"" + COLLECTION
                + "\",\"type\":\"base\",\"listRule\":\"\",\"viewRule\":\"\",\"createRule\":\"\","
                + "\"fields\":[{\"name\":\"t\",\"type\":\"text\"}]}");
        if (created.status() != 200) {
            throw new IOException("collection: " + created.text());
        }
        if (createLoad > 0) {
            // no subscriber listens here: each create still passes through the fan-out, as the create benchmark's
            HttpResponse loadCollection = admin.send("POST", "/api/collections", token, "{\"name\":\"" + LOAD_COLLECTION
                    + "\",\"type\":\"base\",\"createRule\":\"\",\"fields\":[{\"name\":\"title\",\"type\":\"text\"},"
                    + "{\"name\":\"body\",\"type\":\"text\"}]}");
            if (loadCollection.status() != 200) {
                throw new IOException("load collection: " + loadCollection.text());
            }
        }
        // warm-up: a few writes before measuring the baseline memory
        for (int i = 0; i < 20; i++) {
            admin.send("POST", "/api/collections/" + COLLECTION + "/records", null, "{\"t\":\"warm\"}");
        }
        long pid = server.handle().pid();
        gc(java, pid);
        long rssBefore = rssKb(pid);
        latencies = new long[Math.max(1, n * events)];
        sentStamps = new long[latencies.length];
        arrivals = new long[latencies.length];

        long start = System.nanoTime();
        List<AutoCloseable> subs = new ArrayList<>(n);
        Semaphore inFlight = new Semaphore(256);
        List<CompletableFuture<Void>> ready = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            CompletableFuture<Void> f = transport.equals("ws") ? openWs(subs) : openSse(subs);
            f.whenComplete((v, e) -> {
                inFlight.release();
                if (e != null) {
                    failedSubscribers.incrementAndGet();
                }
            });
            ready.add(f);
        }
        for (CompletableFuture<Void> f : ready) {
            try {
                f.get(120, TimeUnit.SECONDS);
            } catch (Exception e) {
                // counted above
            }
        }
        double connectSeconds = (System.nanoTime() - start) / 1e9;
        int held = n - failedSubscribers.get();
        Thread.sleep(1000);
        gc(java, pid);
        long rssAfter = rssKb(pid);

        CreateLoad load = createLoad > 0 ? new CreateLoad(server.port(), createLoad) : null;
        if (load != null) {
            load.start();
            Thread.sleep(2000); // the load reaches its steady state before the first timed event
        }
        double cpuBefore = cpuSeconds(pid);
        long periodNanos = (long) (1e9 / rate);
        long next = System.nanoTime();
        for (int i = 0; i < events; i++) {
            long now;
            while ((now = System.nanoTime()) < next) {
                Thread.sleep(Math.max(0, (next - now) / 1_000_000), 0);
            }
            long stamp = System.nanoTime();
            admin.send("POST", "/api/collections/" + COLLECTION + "/records", null, "{\"t\":\"" + stamp + "\"}");
            answered.put(stamp, System.nanoTime());
            next += periodNanos;
        }
        long expected = (long) held * events;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.get() < expected && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        double serverCpu = cpuSeconds(pid) - cpuBefore;
        Load loadResult = load == null ? Load.NONE : load.stop();
        int count = Math.min(latencyCount.get(), latencies.length);
        long[] measured = Arrays.copyOf(latencies, count);
        // Commit happens before the answer: arrival minus answer is a lower bound of commit -> arrival, the
        // send-based latency an upper bound; under the create load the gap is the event's own create queueing.
        long[] afterAnswer = new long[count];
        long[] createTimes = answered.entrySet().stream().mapToLong(e -> e.getValue() - e.getKey()).toArray();
        for (int i = 0; i < count; i++) {
            Long at = answered.get(sentStamps[i]);
            afterAnswer[i] = at == null ? 0 : Math.max(0, arrivals[i] - at);
        }
        for (AutoCloseable s : subs) {
            try {
                s.close();
            } catch (Exception ignored) {
                // closing anyway
            }
        }
        return new Result(transport, n, held, events, rate, expected, received.get(), LatencyStats.ofNanos(measured),
                rssBefore, rssAfter, held == 0 ? 0 : (rssAfter - rssBefore) / (double) held, connectSeconds,
                closedSubscribers.get(), loadResult, LatencyStats.ofNanos(afterAnswer), LatencyStats.ofNanos(createTimes),
                serverCpu);
    }

    /** The create benchmark's traffic: {@code concurrency} loops, each POSTing on a new connection until stopped. */
    private static final class CreateLoad {
        private final int port;
        private final int concurrency;
        private final List<Thread> threads = new ArrayList<>();
        private final AtomicLong ok = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final AtomicLong over2s = new AtomicLong();
        private volatile boolean running = true;
        private long started;

        CreateLoad(int port, int concurrency) {
            this.port = port;
            this.concurrency = concurrency;
        }

        void start() {
            started = System.nanoTime();
            for (int i = 0; i < concurrency; i++) {
                int slot = i;
                threads.add(Thread.ofVirtual().start(() -> loop(slot)));
            }
        }

        private void loop(int slot) {
            OneShotHttp http = new OneShotHttp("127.0.0.1", port);
            String path = "/api/collections/" + LOAD_COLLECTION + "/records";
            for (long n = 0; running; n++) {
                long t0 = System.nanoTime();
                try {
                    int status = http.send("POST", path, null, "{\"title\":\"load " + slot + "-" + n
                            + "\",\"body\":\"the create benchmark's body, kept short\"}").status();
                    (status == 200 ? ok : failed).incrementAndGet();
                } catch (IOException e) {
                    failed.incrementAndGet();
                }
                if (System.nanoTime() - t0 > 2_000_000_000L) {
                    over2s.incrementAndGet();
                }
            }
        }

        Load stop() throws InterruptedException {
            running = false;
            double seconds = (System.nanoTime() - started) / 1e9;
            long done = ok.get();
            for (Thread t : threads) {
                t.join();
            }
            return new Load(concurrency, done, failed.get(), over2s.get(), seconds);
        }
    }

    private void onEvent(String data) {
        int i = data.indexOf("\"t\":\"");
        if (i < 0) {
            return;
        }
        int end = data.indexOf('"', i + 5);
        try {
            long sent = Long.parseLong(data.substring(i + 5, end));
            long now = System.nanoTime();
            int slot = latencyCount.getAndIncrement();
            if (slot < latencies.length) {
                latencies[slot] = now - sent;
                sentStamps[slot] = sent;
                arrivals[slot] = now;
            }
            received.incrementAndGet();
        } catch (NumberFormatException warmUp) {
            // the warm-up records carry no timestamp
        }
    }

    // ---- SSE --------------------------------------------------------------------------------------

    private CompletableFuture<Void> openSse(List<AutoCloseable> subs) {
        CompletableFuture<String> clientId = new CompletableFuture<>();
        if (rawSse) {
            RawSse raw = new RawSse(clientId);
            synchronized (subs) {
                subs.add(raw);
            }
            Thread.ofVirtual().start(raw);
        } else {
            SseLines lines = new SseLines(clientId);
            synchronized (subs) {
                subs.add(lines);
            }
            http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/realtime")).build(),
                    BodyHandlers.fromLineSubscriber(lines)).whenComplete((r, e) -> {
                        if (e != null) {
                            clientId.completeExceptionally(e);
                        }
                    });
        }
        return clientId.thenCompose(id -> http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/api/realtime"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"clientId\":\"" + id + "\",\"subscriptions\":[\""
                                + COLLECTION + "/*\"]}")).build(), BodyHandlers.discarding()))
                .thenAccept(r -> {
                    if (r.statusCode() != 204) {
                        throw new IllegalStateException("subscribe answered " + r.statusCode());
                    }
                });
    }

    /**
     * A plain-socket SSE reader on its own virtual thread, lighter than the JDK client's line subscriber.
     * It only needs {@code id:} and {@code data:} lines, which the server never splits across chunks (one
     * chunk per flush), so chunk-size lines are simply skipped.
     */
    private final class RawSse implements Runnable, AutoCloseable {
        private final CompletableFuture<String> clientId;
        private final java.net.Socket socket = new java.net.Socket();
        private volatile boolean closing;

        RawSse(CompletableFuture<String> clientId) {
            this.clientId = clientId;
        }

        @Override
        public void run() {
            try {
                URI uri = URI.create(base);
                socket.connect(new java.net.InetSocketAddress(uri.getHost(), uri.getPort()), 60_000);
                socket.getOutputStream().write(("GET /api/realtime HTTP/1.1\r\nHost: " + uri.getHost() + "\r\n"
                        + "Accept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8), 8192);
                String id = null;
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.startsWith("id:")) {
                        id = line.substring(3);
                    } else if (line.startsWith("data:")) {
                        if (!clientId.isDone()) {
                            clientId.complete(id);
                        } else {
                            onEvent(line);
                        }
                    }
                }
                throw new IOException("stream ended");
            } catch (IOException e) {
                if (!closing) {
                    closedSubscribers.incrementAndGet();
                }
                clientId.completeExceptionally(e);
            }
        }

        @Override
        public void close() throws IOException {
            closing = true;
            socket.close();
        }
    }

    /** Reads one SSE stream line by line (no thread of its own). */
    private final class SseLines implements Flow.Subscriber<String>, AutoCloseable {
        private final CompletableFuture<String> clientId;
        private volatile Flow.Subscription subscription;
        private String id;
        private volatile boolean closing;

        SseLines(CompletableFuture<String> clientId) {
            this.clientId = clientId;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            if (line.startsWith("id:")) {
                id = line.substring(3);
            } else if (line.startsWith("data:")) {
                if (!clientId.isDone()) {
                    clientId.complete(id);
                } else {
                    onEvent(line);
                }
            }
        }

        @Override
        public void onError(Throwable t) {
            ended(t);
        }

        @Override
        public void onComplete() {
            ended(new IOException("stream ended"));
        }

        /** Counts streams the server ended while the run still needed them. */
        private void ended(Throwable t) {
            if (!closing) {
                closedSubscribers.incrementAndGet();
            }
            clientId.completeExceptionally(t);
        }

        @Override
        public void close() {
            closing = true;
            Flow.Subscription s = subscription;
            if (s != null) {
                s.cancel();
            }
        }
    }

    // ---- WebSocket --------------------------------------------------------------------------------

    private CompletableFuture<Void> openWs(List<AutoCloseable> subs) {
        CompletableFuture<Void> subscribed = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder partial = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                partial.append(data);
                if (last) {
                    String text = partial.toString();
                    partial.setLength(0);
                    if (text.startsWith("{\"type\":\"event\"")) {
                        onEvent(text);
                    } else if (text.contains("\"type\":\"connect\"")) {
                        ws.sendText("{\"type\":\"subscribe\",\"topics\":[\"" + COLLECTION + "/*\"]}", true);
                    } else if (text.contains("\"type\":\"subscribed\"")) {
                        subscribed.complete(null);
                    } else if (text.contains("\"type\":\"error\"")) {
                        subscribed.completeExceptionally(new IOException(text));
                    }
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                closedSubscribers.incrementAndGet();
                subscribed.completeExceptionally(new IOException("closed " + code + " " + reason));
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                subscribed.completeExceptionally(error);
            }
        };
        return http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(60))
                .buildAsync(URI.create(base.replace("http:", "ws:") + "/api/realtime/ws"), listener)
                .thenCompose(ws -> {
                    synchronized (subs) {
                        subs.add(ws::abort);
                    }
                    return subscribed;
                });
    }

    // ---- helpers ----------------------------------------------------------------------------------

    private static String tokenOf(String json) {
        int i = json.indexOf("\"token\":\"");
        return json.substring(i + 9, json.indexOf('"', i + 9));
    }

    /** The server's user + system CPU time so far (/proc/PID/stat, in clock ticks of 1/100 s). */
    private static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"), StandardCharsets.US_ASCII);
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** A full GC in the server first, so the RSS figures compare live data rather than garbage. */
    private static void gc(Path java, long pid) throws IOException, InterruptedException {
        Path jcmd = java.resolveSibling("jcmd");
        if (Files.isExecutable(jcmd)) {
            new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(30, TimeUnit.SECONDS);
        }
        Thread.sleep(500);
    }
}
