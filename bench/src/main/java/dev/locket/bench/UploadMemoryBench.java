package dev.locket.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server memory under concurrent large uploads: N clients each send one S MiB body at the same time,
 * as a record create with a file ({@code --kind file}), a record create whose JSON body holds an S MiB
 * string ({@code json}) or a backup upload ({@code backup}); the server's resident set (VmRSS) is
 * sampled every 50 ms. Prints the RSS before, the peak during, the RSS a few seconds after, and the
 * kernel's high-water mark (VmHWM), next to the total bytes uploaded, so a server that buffers bodies
 * shows RSS growing with N × S.
 * Usage: {@code UploadMemoryBench --jar bootstrap/target/locket.jar [--java J] [--clients 48] [--mib 30]
 * [--kind file|json|backup] [--server-jvm-arg ARG]...}.
 */
public final class UploadMemoryBench {
    private UploadMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = null;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        int clients = 48;
        int mib = 30;
        String kind = "file";
        List<String> jvmArgs = new ArrayList<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[i + 1]);
                case "--java" -> java = Path.of(args[i + 1]);
                case "--clients" -> clients = Integer.parseInt(args[i + 1]);
                case "--mib" -> mib = Integer.parseInt(args[i + 1]);
                case "--kind" -> kind = args[i + 1];
                case "--server-jvm-arg" -> jvmArgs.add(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (jar == null) {
            System.err.println("usage: UploadMemoryBench --jar <locket.jar> [--java J] [--clients N] [--mib S]");
            System.exit(2);
        }
        run(java, jar, clients, mib, kind, jvmArgs, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    static void run(Path java, Path jar, int clients, int mib, String kind, List<String> jvmArgs, PrintStream out)
            throws Exception {
        Path work = Files.createTempDirectory("locket-uploadmem-");
        try (ServerProcess server = ServerProcess.start(java, jar, Optional.empty(), work.resolve("pb_data"),
                work.resolve("logs"), jvmArgs, List.of(), Duration.ofSeconds(120))) {
            long pid = server.handle().pid();
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ObjectMapper json = new ObjectMapper();
            String token = (String) call(http, json, "POST", base + "/api/collections/_superusers/auth-with-password",
                    null, Map.of("identity", Workload.SUPERUSER_EMAIL, "password", Workload.PASSWORD)).get("token");
            call(http, json, "POST", base + "/api/collections", token, Map.of("name", "bench_uploads", "type", "base",
                    "fields", List.of(Map.of("name", "doc", "type", "file", "maxSelect", 1,
                            "maxSize", (long) (mib + 1) << 20), Map.of("name", "title", "type", "text"))));
            Thread.sleep(1000);
            long before = status(pid, "VmRSS:");
            AtomicLong peak = new AtomicLong(before);
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    try {
                        peak.accumulateAndGet(status(pid, "VmRSS:"), Math::max);
                        Thread.sleep(50);
                    } catch (IOException | InterruptedException e) {
                        return;
                    }
                }
            });
            long t0 = System.nanoTime();
            int ok = 0;
            List<String> failures = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
                List<Future<Integer>> results = new ArrayList<>();
                for (int i = 0; i < clients; i++) {
                    int n = i;
                    results.add(pool.submit(() -> upload(http, base, token, kind, n, (long) mib << 20)));
                }
                for (Future<Integer> f : results) {
                    int status = f.get(10, TimeUnit.MINUTES);
                    if (status < 500) {
                        ok++;
                    } else {
                        failures.add(String.valueOf(status));
                    }
                }
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            Thread.sleep(3000);
            sampler.interrupt();
            long after = status(pid, "VmRSS:");
            long hwm = status(pid, "VmHWM:");
            out.printf(Locale.ROOT, "upload memory (%s): %d concurrent uploads x %d MiB (%d MiB in total), %d answered"
                            + " 2xx/4xx%s, %.1f s%n", kind, clients, mib, (long) clients * mib, ok,
                    failures.isEmpty() ? "" : ", others: " + failures, seconds);
            out.printf(Locale.ROOT, "server RSS MiB: before %d | peak sampled %d | 3 s after %d | VmHWM %d%n",
                    before / 1024, peak.get() / 1024, after / 1024, hwm / 1024);
        }
    }

    /** One upload whose large part is generated while sending (the client holds no copy). */
    private static int upload(HttpClient http, String base, String token, String kind, int n, long size)
            throws Exception {
        String boundary = "uploadMemBoundary3";
        byte[] head;
        byte[] tail;
        String url;
        String type;
        switch (kind) {
            case "file", "backup" -> {
                String part = kind.equals("file") ? "doc\"; filename=\"f.bin\"" : "file\"; filename=\"b" + n + ".zip\"";
                head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + part + "\r\n"
                        + "Content-Type: application/octet-stream\r\n\r\n" + (kind.equals("backup") ? "PK\u0003\u0004" : ""))
                        .getBytes(StandardCharsets.ISO_8859_1);
                tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
                url = kind.equals("file") ? "/api/collections/bench_uploads/records" : "/api/backups/upload";
                type = "multipart/form-data; boundary=" + boundary;
            }
            case "json" -> {
                head = "{\"title\":\"".getBytes(StandardCharsets.UTF_8);
                tail = "\"}".getBytes(StandardCharsets.UTF_8);
                url = "/api/collections/bench_uploads/records";
                type = "application/json";
            }
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        }
        boolean text = kind.equals("json");
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + url))
                .header("Authorization", token)
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new Generated(head, size, tail, text)), head.length + size + tail.length))
                .build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        return r.statusCode();
    }

    private static long status(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"), StandardCharsets.UTF_8)) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    /** head, then {@code size} pseudo-random bytes, then tail. */
    private static final class Generated extends InputStream {
        private final byte[] head;
        private final byte[] tail;
        private final long size;
        private final boolean text;
        private long pos;
        private long seed = 42;

        Generated(byte[] head, long size, byte[] tail, boolean text) {
            this.head = head;
            this.size = size;
            this.tail = tail;
            this.text = text;
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            long total = head.length + size + tail.length;
            if (pos >= total) {
                return -1;
            }
            int n = (int) Math.min(len, total - pos);
            for (int i = 0; i < n; i++, pos++) {
                if (pos < head.length) {
                    b[off + i] = head[(int) pos];
                } else if (pos < head.length + size) {
                    seed = seed * 6364136223846793005L + 1442695040888963407L;
                    b[off + i] = text ? (byte) ('a' + (seed >>> 60)) : (byte) (seed >>> 56);
                } else {
                    b[off + i] = tail[(int) (pos - head.length - size)];
                }
            }
            return n;
        }
    }

    private static Map<String, Object> call(HttpClient http, ObjectMapper json, String method, String url, String token,
                                            Object body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
        if (token != null) {
            b.header("Authorization", token);
        }
        HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException(method + " " + url + " -> " + r.statusCode() + " "
                    + new String(r.body(), StandardCharsets.UTF_8));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> m = json.readValue(r.body(), Map.class);
        return m;
    }
}
