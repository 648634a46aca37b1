package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files over real HTTP on a copy of the fixture: serving headers, ranges, thumbs, uploads and cleanup. */
class FilesIT {
    /** The fixture's superuser sywbhecnh46rhm0, valid until 2050 (as in the conformance scenarios). */
    static final String SUPERUSER = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6InN5d2JoZWNuaDQ2cmhtMCIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoicGJjXzMxNDI2MzU4MjMiLCJleHAiOjI1MjQ2MDQ0NjEsInJlZnJlc2hhYmxlIjp0cnVlfQ.UXgO3j-0BumcugrFjbd7j0M4MQvbrLggLlcu_YNGjoY";
    static final String DEMO1 = "wsmn24bux7wo113";

    @TempDir
    static Path tmp;
    static Path dir;
    static LocketProcess server;
    static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        server = LocketProcess.serve(dir);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    private static HttpResponse<byte[]> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return client.send(b.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static HttpRequest.Builder req(String path) {
        return HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
    }

    private static String text(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    /** A multipart body: {name, filename-or-null, bytes} triples. */
    private static byte[] multipart(String boundary, Object[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object[] p : parts) {
            String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + p[0] + "\""
                    + (p[1] == null ? "" : "; filename=\"" + p[1] + "\"") + "\r\n\r\n";
            out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
            out.writeBytes((byte[]) p[2]);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static HttpResponse<byte[]> postMultipart(String path, String method, Object[]... parts)
            throws IOException, InterruptedException {
        String boundary = "b0undary42";
        return send(req(path).header("Authorization", SUPERUSER)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .method(method, HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, parts))));
    }

    private static String field(HttpResponse<byte[]> r, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"([^\"]*)\"").matcher(text(r));
        return m.find() ? m.group(1) : "";
    }

    private static Set<String> listing(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return Set.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }

    @Test
    void svgIsServedAsAnAttachmentWithPocketBaseHeaders() throws Exception {
        HttpResponse<byte[]> r = send(req("/api/files/demo1/84nmscqy84lsi1t/logo_vcfJJG5TAh.svg"));
        assertEquals(200, r.statusCode());
        assertEquals("image/svg+xml", r.headers().firstValue("Content-Type").orElse(""));
        assertEquals("attachment; filename=logo_vcfJJG5TAh.svg", r.headers().firstValue("Content-Disposition").orElse(""));
        assertEquals("default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox",
                r.headers().firstValue("Content-Security-Policy").orElse(""));
        assertEquals("max-age=2592000, stale-while-revalidate=86400", r.headers().firstValue("Cache-Control").orElse(""));
        assertTrue(r.headers().firstValue("X-Frame-Options").isEmpty());
        assertArrayEquals(Files.readAllBytes(dir.resolve("storage/" + DEMO1 + "/84nmscqy84lsi1t/logo_vcfJJG5TAh.svg")),
                r.body());

        String modified = r.headers().firstValue("Last-Modified").orElseThrow();
        assertEquals(304, send(req("/api/files/demo1/84nmscqy84lsi1t/logo_vcfJJG5TAh.svg")
                .header("If-Modified-Since", modified)).statusCode());
    }

    @Test
    void rangesAnswerPartialContent() throws Exception {
        byte[] all = Files.readAllBytes(dir.resolve("storage/" + DEMO1 + "/84nmscqy84lsi1t/300_WlbFWSGmW9.png"));
        HttpResponse<byte[]> r = send(req("/api/files/demo1/84nmscqy84lsi1t/300_WlbFWSGmW9.png").header("Range", "bytes=1-3"));
        assertEquals(206, r.statusCode());
        assertEquals("bytes 1-3/" + all.length, r.headers().firstValue("Content-Range").orElse(""));
        assertEquals("PNG", new String(r.body(), StandardCharsets.ISO_8859_1));
        assertEquals(416, send(req("/api/files/demo1/84nmscqy84lsi1t/300_WlbFWSGmW9.png")
                .header("Range", "bytes=" + all.length + "-")).statusCode());
    }

    @Test
    void namesThatTryToEscapeAreNotFound() throws Exception {
        for (String path : List.of("/api/files/demo1/84nmscqy84lsi1t/..%2F..%2F..%2Fdata.db",
                "/api/files/demo1/..%2F..%2F/data.db", "/api/files/demo1/84nmscqy84lsi1t/..",
                "/api/files/demo1/84nmscqy84lsi1t/%2e%2e%5cdata.db")) {
            HttpResponse<byte[]> r = send(req(path));
            assertEquals(404, r.statusCode(), path);
            assertFalse(text(r).contains("SQLite"), path);
        }
    }

    @Test
    void uploadsAreStoredAndConcurrentFirstThumbRequestsShareOneThumb() throws Exception {
        byte[] png = Files.readAllBytes(dir.resolve("storage/" + DEMO1 + "/84nmscqy84lsi1t/300_WlbFWSGmW9.png"));
        HttpResponse<byte[]> created = postMultipart("/api/collections/demo1/records", "POST",
                new Object[] {"file_many", "Photo.png", png}, new Object[] {"text", null, "x".getBytes()});
        assertEquals(200, created.statusCode(), text(created));
        String id = field(created, "id");
        Matcher m = Pattern.compile("\"file_many\":\\[\"(photo_[a-z0-9]{10}\\.png)\"\\]").matcher(text(created));
        assertTrue(m.find(), text(created));
        String name = m.group(1);
        Path folder = dir.resolve("storage/" + DEMO1 + "/" + id);
        assertArrayEquals(png, Files.readAllBytes(folder.resolve(name)));
        assertTrue(Files.readString(folder.resolve(name + ".attrs")).contains("\"original-filename\":\"Photo.png\""));

        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<HttpResponse<byte[]>>> all = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Callable<HttpResponse<byte[]>> call = () -> send(req("/api/files/demo1/" + id + "/" + name + "?thumb=100x100"));
                all.add(pool.submit(call));
            }
            byte[] first = null;
            for (Future<HttpResponse<byte[]>> f : all) {
                HttpResponse<byte[]> r = f.get();
                assertEquals(200, r.statusCode());
                assertEquals("inline; filename=100x100_" + name, r.headers().firstValue("Content-Disposition").orElse(""));
                if (first == null) {
                    first = r.body();
                }
                assertArrayEquals(first, r.body());
            }
        }
        assertEquals(Set.of("100x100_" + name, "100x100_" + name + ".attrs"), listing(folder.resolve("thumbs_" + name)));

        HttpResponse<byte[]> replaced = postMultipart("/api/collections/demo1/records/" + id, "PATCH",
                new Object[] {"file_many", "other.txt", "plain".getBytes()});
        assertEquals(200, replaced.statusCode(), text(replaced));
        assertFalse(Files.exists(folder.resolve(name)), "replaced file deleted");
        assertFalse(Files.exists(folder.resolve("thumbs_" + name)), "its thumbs too");

        assertEquals(204, send(req("/api/collections/demo1/records/" + id).header("Authorization", SUPERUSER)
                .DELETE()).statusCode());
        for (int i = 0; i < 50 && Files.exists(folder); i++) {
            Thread.sleep(50);
        }
        assertFalse(Files.exists(folder), "record folder deleted");
    }

    @Test
    void aFailedWriteLeavesNoFilesBehind() throws Exception {
        HttpResponse<byte[]> col = send(req("/api/collections").header("Authorization", SUPERUSER)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("""
                        {"name":"fit_unique","type":"base","fields":[{"name":"code","type":"text"},
                         {"name":"doc","type":"file","maxSelect":1}],
                         "indexes":["CREATE UNIQUE INDEX idx_fit_code ON fit_unique (code)"]}""")));
        assertEquals(200, col.statusCode(), text(col));
        String colId = field(col, "id");
        HttpResponse<byte[]> first = postMultipart("/api/collections/fit_unique/records", "POST",
                new Object[] {"code", null, "same".getBytes()}, new Object[] {"doc", "a.txt", "one".getBytes()});
        assertEquals(200, first.statusCode(), text(first));
        Set<String> before = listing(dir.resolve("storage/" + colId));

        // the unique index fails inside the write, after the upload was stored
        HttpResponse<byte[]> dup = postMultipart("/api/collections/fit_unique/records", "POST",
                new Object[] {"code", null, "same".getBytes()}, new Object[] {"doc", "b.txt", "two".getBytes()});
        assertEquals(400, dup.statusCode(), text(dup));
        // a validation failure before the write
        HttpResponse<byte[]> invalid = postMultipart("/api/collections/fit_unique/records", "POST",
                new Object[] {"doc", null, "not_stored.txt".getBytes()}, new Object[] {"doc", "c.txt", "three".getBytes()},
                new Object[] {"code", null, "fresh".getBytes()});
        assertEquals(400, invalid.statusCode(), text(invalid));
        assertTrue(text(invalid).contains("validation_invalid_file"), text(invalid));
        assertEquals(before, listing(dir.resolve("storage/" + colId)));

        assertEquals(204, send(req("/api/collections/fit_unique").header("Authorization", SUPERUSER).DELETE()).statusCode());
        for (int i = 0; i < 50 && Files.exists(dir.resolve("storage/" + colId)); i++) {
            Thread.sleep(50);
        }
        assertFalse(Files.exists(dir.resolve("storage/" + colId)), "collection folder deleted");
    }

    @Test
    void anOversizedStreamedBodyIsRefusedWith413() throws Exception {
        // no Content-Length: the limit (32 MiB + the fields' allowance) is checked while reading
        String boundary = "big";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file_many\"; filename=\"x.bin\"\r\n\r\n")
                .getBytes(StandardCharsets.UTF_8);
        // demo1's allowance: file_many 99 × 5 MiB, file_one 5 MiB, json maxSize 5 MiB (upstream counts json and
        // editor fields too); then 1 MiB more
        long total = 32L * 1024 * 1024 + 99 * 5L * 1024 * 1024 + 5L * 1024 * 1024 + 5L * 1024 * 1024 + 1024 * 1024;
        InputStream body = new InputStream() {
            long sent;

            @Override
            public int read() {
                return sent < head.length ? head[(int) sent++] : sent++ < total ? 'x' : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (sent >= total) {
                    return -1;
                }
                int n = (int) Math.min(len, total - sent);
                for (int i = 0; i < n; i++) {
                    b[off + i] = (byte) read();
                }
                return n;
            }
        };
        HttpResponse<byte[]> r;
        try {
            r = send(req("/api/collections/demo1/records").header("Authorization", SUPERUSER)
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> body)));
        } catch (IOException closedEarly) {
            return; // the server may close the connection once it answered 413 mid-upload
        }
        assertEquals(413, r.statusCode(), text(r));
    }
}
