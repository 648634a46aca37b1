package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Large request bodies are streamed to disk, never held whole in memory (issue 14 item 9): a server
 * whose heap is smaller than what is uploaded at once still stores concurrent record files and
 * backup uploads intact. (The memory figures come from {@code bench}'s UploadMemoryBench.)
 */
class LargeBodiesIT {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BOUNDARY = "largeBodiesBoundary";
    static final long MIB = 1 << 20;

    @TempDir
    Path tmp;

    @Test
    void concurrentLargeUploadsAndBackupsFitInAHeapSmallerThanThem() throws Exception {
        try (LocketProcess server = LocketProcess.serve(LocketProcess.sdkDataDir(tmp), List.of("-Xmx96m"))) {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            String token = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(server.baseUrl()
                            + "/api/collections/_superusers/auth-with-password")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"identity\":\"" + LocketProcess.SDK_EMAIL
                            + "\",\"password\":\"" + LocketProcess.SDK_PASSWORD + "\"}")), 200)).get("token").asText();
            send(http, HttpRequest.newBuilder(URI.create(server.baseUrl() + "/api/collections"))
                    .header("Authorization", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"big_files\",\"type\":\"base\",\"fields\":"
                            + "[{\"name\":\"doc\",\"type\":\"file\",\"maxSelect\":1,\"maxSize\":209715200}]}")), 200);

            List<Future<String>> results = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(5)) {
                for (int i = 0; i < 3; i++) {
                    results.add(pool.submit(() -> send(http, multipart(server.baseUrl()
                            + "/api/collections/big_files/records", token, "doc", "big.bin", 64 * MIB, ""), 200)));
                }
                for (int i = 0; i < 2; i++) {
                    String name = "uploaded" + i + ".zip";
                    results.add(pool.submit(() -> send(http, multipart(server.baseUrl() + "/api/backups/upload", token,
                            "file", name, 128 * MIB, "PK\u0003\u0004"), 204)));
                }
                for (Future<String> f : results) {
                    f.get(5, TimeUnit.MINUTES);
                }
            }

            JsonNode records = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/api/collections/big_files/records")).header("Authorization", token).GET(), 200));
            assertEquals(3, records.get("totalItems").asInt());
            for (JsonNode r : records.get("items")) {
                HttpResponse<InputStream> file = http.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/api/files/big_files/" + r.get("id").asText() + "/" + r.get("doc").asText())).build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                long size;
                try (InputStream in = file.body()) {
                    size = in.transferTo(java.io.OutputStream.nullOutputStream());
                }
                assertEquals(64 * MIB, size, "the stored file is the uploaded one");
            }
            JsonNode backups = JSON.readTree(send(http, HttpRequest.newBuilder(URI.create(server.baseUrl()
                    + "/api/backups")).header("Authorization", token).GET(), 200));
            int uploaded = 0;
            for (JsonNode b : backups) {
                if (b.get("key").asText().startsWith("uploaded")) {
                    assertEquals(128 * MIB, b.get("size").asLong(), b.toString());
                    uploaded++;
                }
            }
            assertEquals(2, uploaded, backups.toString());
            assertFalse(server.output().contains("OutOfMemoryError") || server.output().contains("Java heap space"),
                    server.output());
        }
    }

    static String send(HttpClient http, HttpRequest.Builder request, int expected) throws Exception {
        HttpResponse<String> r = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(expected, r.statusCode(), r.body());
        return r.body();
    }

    /** A multipart body with one file part of {@code size} bytes generated while it is sent. */
    static HttpRequest.Builder multipart(String url, String token, String field, String filename, long size,
                                         String prefix) {
        byte[] head = ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n" + prefix)
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] tail = ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.ISO_8859_1);
        long body = size - prefix.length();
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", token)
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(
                        () -> new Filler(head, body, tail)), head.length + body + tail.length));
    }

    /** head, {@code size} bytes of 'x', tail. */
    static final class Filler extends InputStream {
        private final byte[] head;
        private final byte[] tail;
        private final long size;
        private long pos;

        Filler(byte[] head, long size, byte[] tail) {
            this.head = head;
            this.size = size;
            this.tail = tail;
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
                b[off + i] = pos < head.length ? head[(int) pos]
                        : pos < head.length + size ? (byte) 'x' : tail[(int) (pos - head.length - size)];
            }
            return n;
        }
    }
}
