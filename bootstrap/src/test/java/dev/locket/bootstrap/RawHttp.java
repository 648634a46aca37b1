package dev.locket.bootstrap;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A bare HTTP/1.1 exchange over one socket, so a scenario's request target goes out byte for byte as
 * written (upstream's tables hold targets such as {@code ?filter=data.status>200} that
 * {@code java.net.URI} refuses) and the raw response bytes can be compared.
 */
final class RawHttp {
    private static final int HARD_TIMEOUT_MS = 15_000;

    private RawHttp() {
    }

    /** A response: status, lower-cased headers and the decoded (de-chunked) body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /**
     * Sends one request; {@code streamMs > 0} means the response is a long-lived stream and whatever arrived
     * within that time is the body.
     */
    static Response exchange(int port, String method, String target, Map<String, String> headers, byte[] body,
                             int streamMs) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(HARD_TIMEOUT_MS);
            Map<String, String> all = new LinkedHashMap<>();
            all.put("Host", "127.0.0.1:" + port);
            if (streamMs == 0) {
                all.put("Connection", "close"); // a stream is read until streamMs and then the socket is closed
            }
            all.putAll(headers);
            if (body != null) {
                all.put("Content-Length", Integer.toString(body.length));
            } else if (!java.util.Set.of("GET", "HEAD", "DELETE", "OPTIONS").contains(method)) {
                all.put("Content-Length", "0");
            }
            StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
            all.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            try {
                out.write(head.toString().getBytes(StandardCharsets.UTF_8));
                if (body != null) {
                    out.write(body);
                }
                out.flush();
            } catch (IOException answeredEarly) {
                // the server may answer (413, 400) and close before reading a large body: read what it said
            }
            return read(socket, method.equals("HEAD"), streamMs);
        }
    }

    /**
     * Reads one response by its framing (Content-Length or chunked); the server is not relied on to close
     * the connection. A stream ({@code deadline > 0}) keeps whatever arrived before the deadline.
     */
    private static Response read(Socket socket, boolean head, int streamMs) throws IOException {
        BufferedInputStream in = new BufferedInputStream(socket.getInputStream());
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed before the response head: " + headBytes);
            }
            headBytes.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        String[] lines = headBytes.toString(StandardCharsets.UTF_8).strip().split("\r\n");
        int status = Integer.parseInt(lines[0].split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.merge(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                    lines[i].substring(colon + 1).trim(), (a, b) -> a + ", " + b);
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        long deadline = 0;
        if (streamMs > 0) {
            // the head came in full; of a stream's body, what arrives within streamMs counts
            socket.setSoTimeout(streamMs);
            deadline = System.nanoTime() + streamMs * 1_000_000L;
        }
        if (head || status == 204 || status == 304 || status / 100 == 1) {
            return new Response(status, headers, body.toByteArray());
        }
        try {
            if (headers.containsKey("content-length")) {
                copy(in, body, Long.parseLong(headers.get("content-length")), deadline);
            } else if (headers.getOrDefault("transfer-encoding", "").toLowerCase(Locale.ROOT).contains("chunked")) {
                while (true) {
                    String sizeLine = line(in);
                    int size = Integer.parseInt(sizeLine.split(";")[0].trim(), 16);
                    if (size == 0) {
                        break;
                    }
                    copy(in, body, size, deadline);
                    line(in);
                }
            } else {
                copy(in, body, Long.MAX_VALUE, deadline);
            }
        } catch (SocketTimeoutException timeUp) {
            if (deadline == 0) {
                throw timeUp;
            }
        }
        return new Response(status, headers, body.toByteArray());
    }

    private static String line(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
            if (b != '\r') {
                sb.append((char) b);
            }
        }
        if (b < 0 && sb.isEmpty()) {
            throw new IOException("connection closed inside a chunked body");
        }
        return sb.toString();
    }

    private static void copy(InputStream in, ByteArrayOutputStream out, long length, long deadline)
            throws IOException {
        byte[] buf = new byte[8192];
        long left = length;
        while (left > 0) {
            if (deadline > 0 && System.nanoTime() > deadline) {
                return;
            }
            int n = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (n < 0) {
                if (length == Long.MAX_VALUE) {
                    return;
                }
                throw new IOException("connection closed after " + (length - left) + " of " + length + " bytes");
            }
            out.write(buf, 0, n);
            left -= n;
        }
    }

    static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
