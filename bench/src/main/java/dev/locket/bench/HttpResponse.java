package dev.locket.bench;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** An HTTP/1.1 response read off a socket: status, headers (lower-cased names) and the whole body. */
public record HttpResponse(int status, Map<String, String> headers, byte[] body) {

    public HttpResponse {
        headers = Map.copyOf(headers);
    }

    /** The body decoded as UTF-8. */
    public String text() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /**
     * Reads one response from the stream. The body is delimited by chunked encoding, by
     * Content-Length, or (with neither) by the end of the stream, as HTTP/1.1 prescribes for a
     * connection the server closes. Interim 1xx responses are skipped.
     */
    public static HttpResponse read(InputStream in, String requestMethod) throws IOException {
        while (true) {
            String statusLine = readLine(in);
            if (statusLine == null) {
                throw new EOFException("connection closed before a status line");
            }
            if (statusLine.isEmpty()) {
                continue;
            }
            int status = parseStatus(statusLine);
            Map<String, String> headers = readHeaders(in);
            if (status >= 100 && status < 200) {
                continue;
            }
            byte[] body = readBody(in, requestMethod, status, headers);
            return new HttpResponse(status, headers, body);
        }
    }

    static int parseStatus(String statusLine) throws IOException {
        // "HTTP/1.1 200 OK" — the reason phrase is optional.
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            throw new IOException("malformed status line: " + statusLine);
        }
        try {
            return Integer.parseInt(parts[1].trim());
        } catch (NumberFormatException e) {
            throw new IOException("malformed status code: " + statusLine, e);
        }
    }

    private static Map<String, String> readHeaders(InputStream in) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>();
        while (true) {
            String line = readLine(in);
            if (line == null) {
                throw new EOFException("connection closed inside the headers");
            }
            if (line.isEmpty()) {
                return headers;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new IOException("malformed header line: " + line);
            }
            String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            headers.merge(name, value, (a, b) -> a + ", " + b);
        }
    }

    private static byte[] readBody(InputStream in, String method, int status, Map<String, String> headers)
            throws IOException {
        if ("HEAD".equalsIgnoreCase(method) || status == 204 || status == 304) {
            return new byte[0];
        }
        String transferEncoding = headers.getOrDefault("transfer-encoding", "");
        if (transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            return readChunked(in);
        }
        String length = headers.get("content-length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new IOException("malformed content-length: " + length, e);
            }
            if (n < 0 || n > Integer.MAX_VALUE - 16) {
                throw new IOException("unsupported content-length: " + length);
            }
            byte[] body = in.readNBytes((int) n);
            if (body.length != n) {
                throw new EOFException("connection closed after " + body.length + " of " + n + " body bytes");
            }
            return body;
        }
        return in.readAllBytes();
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new EOFException("connection closed inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            String hex = (semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim();
            int size;
            try {
                size = Integer.parseInt(hex, 16);
            } catch (NumberFormatException e) {
                throw new IOException("malformed chunk size: " + sizeLine, e);
            }
            if (size == 0) {
                // Trailers end with an empty line.
                String trailer;
                do {
                    trailer = readLine(in);
                } while (trailer != null && !trailer.isEmpty());
                return out.toByteArray();
            }
            byte[] chunk = in.readNBytes(size);
            if (chunk.length != size) {
                throw new EOFException("connection closed inside a chunk");
            }
            out.write(chunk);
            String end = readLine(in);
            if (end == null || !end.isEmpty()) {
                throw new IOException("missing CRLF after a chunk");
            }
        }
    }

    /** Reads a CRLF- (or bare LF-) terminated ASCII line; null at end of stream before any byte. */
    static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder(64);
        int b;
        boolean any = false;
        while ((b = in.read()) != -1) {
            any = true;
            if (b == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            if (sb.length() > 65536) {
                throw new IOException("header line too long");
            }
            sb.append((char) b);
        }
        return any ? sb.toString() : null;
    }
}
