package dev.locket.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

/**
 * File transfer benchmark: uploads and downloads of 10 MB files and of 1,000 small files through the
 * server (local storage), each next to a plain disk copy of the same bytes on the same disk in the same
 * run, printing how many times slower the HTTP path is.
 * Usage: {@code FileBench --jar bootstrap/target/locket.jar [--java /path/to/java] [--large 5] [--small 1000]}.
 */
public final class FileBench {
    private static final int LARGE_SIZE = 10 * 1024 * 1024;
    private static final int SMALL_SIZE = 4 * 1024;

    private FileBench() {
    }

    public static void main(String[] args) throws Exception {
        Path jar = null;
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        int large = 5;
        int small = 1000;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--jar" -> jar = Path.of(args[i + 1]);
                case "--java" -> java = Path.of(args[i + 1]);
                case "--large" -> large = Integer.parseInt(args[i + 1]);
                case "--small" -> small = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        if (jar == null) {
            System.err.println("usage: FileBench --jar <locket.jar> [--java <java>] [--large N] [--small N]");
            System.exit(2);
        }
        run(java, jar, large, small, new PrintStream(System.out, true, StandardCharsets.UTF_8));
    }

    static void run(Path java, Path jar, int large, int small, PrintStream out) throws Exception {
        Path work = Files.createTempDirectory("locket-filebench-");
        Random random = new Random(42);
        byte[] big = new byte[LARGE_SIZE];
        random.nextBytes(big);
        byte[] little = new byte[SMALL_SIZE];
        random.nextBytes(little);
        Path bigSource = Files.write(work.resolve("big.bin"), big);
        Path smallSource = Files.write(work.resolve("small.bin"), little);
        try (ServerProcess server = ServerProcess.start(java, jar, Optional.empty(), work.resolve("pb_data"),
                work.resolve("logs"), List.of(), List.of(), Duration.ofSeconds(120))) {
            String base = "http://127.0.0.1:" + server.port();
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            ObjectMapper json = new ObjectMapper();
            String token = (String) call(http, json, "POST", base + "/api/collections/_superusers/auth-with-password",
                    null, Map.of("identity", Workload.SUPERUSER_EMAIL, "password", Workload.PASSWORD)).get("token");
            call(http, json, "POST", base + "/api/collections", token, Map.of("name", "bench_files", "type", "base",
                    "listRule", "", "viewRule", "", "fields", List.of(Map.of("name", "doc", "type", "file",
                            "maxSelect", 1, "maxSize", 64 * 1024 * 1024))));

            out.printf(Locale.ROOT, "file bench: %d x 10 MB and %d x 4 KB, local storage, one keep-alive connection%n",
                    large, small);
            measure(out, "10 MB", large, big.length, http, json, base, token, bigSource, work);
            measure(out, "4 KB", small, little.length, http, json, base, token, smallSource, work);
        }
    }

    private static void measure(PrintStream out, String label, int n, int size, HttpClient http, ObjectMapper json,
                                String base, String token, Path source, Path work) throws Exception {
        List<String> urls = new ArrayList<>();
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Map<String, Object> rec = upload(http, json, base, token, source);
            urls.add(base + "/api/files/bench_files/" + rec.get("id") + "/" + rec.get("doc"));
        }
        double up = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        for (String u : urls) {
            HttpResponse<InputStream> r = http.send(HttpRequest.newBuilder(URI.create(u)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            long read;
            try (InputStream in = r.body()) {
                read = in.transferTo(OutputStream.nullOutputStream());
            }
            if (r.statusCode() != 200 || read != size) {
                throw new IOException("download failed: " + r.statusCode() + " " + read);
            }
        }
        double down = (System.nanoTime() - t1) / 1e9;

        // the floor: the same bytes copied file to file, then read back, on the same disk
        Path copies = Files.createDirectories(work.resolve("copies-" + label.replace(' ', '_')));
        long t2 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Files.copy(source, copies.resolve(i + ".bin"), StandardCopyOption.REPLACE_EXISTING);
        }
        double copy = (System.nanoTime() - t2) / 1e9;
        long t3 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            try (InputStream in = Files.newInputStream(copies.resolve(i + ".bin"))) {
                in.transferTo(OutputStream.nullOutputStream());
            }
        }
        double readBack = (System.nanoTime() - t3) / 1e9;
        double mb = (double) n * size / (1024 * 1024);
        out.printf(Locale.ROOT, "%-6s upload   %4d files %8.3fs %8.1f MB/s | disk copy %8.3fs | ratio %6.1fx%n",
                label, n, up, mb / up, copy, up / copy);
        out.printf(Locale.ROOT, "%-6s download %4d files %8.3fs %8.1f MB/s | disk read %8.3fs | ratio %6.1fx%n",
                label, n, down, mb / down, readBack, down / readBack);
    }

    private static Map<String, Object> upload(HttpClient http, ObjectMapper json, String base, String token,
                                              Path source) throws Exception {
        String boundary = "benchBoundary7";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"doc\"; filename=\"f.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + "/api/collections/bench_files/records"))
                .header("Authorization", token)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(source), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        HttpResponse<byte[]> r = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
        if (r.statusCode() != 200) {
            throw new IOException("upload failed: " + r.statusCode() + " " + new String(r.body(), StandardCharsets.UTF_8));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> rec = json.readValue(r.body(), Map.class);
        return rec;
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
