package dev.locket.adapters.http.wire;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.IntUnaryOperator;
import java.util.regex.Pattern;

/**
 * The response side of one HTTP/1 connection, between Helidon and the socket. For an HTTP/1.1
 * request it only reads the response head (a 101 hands the connection to WebSocket; a response that
 * ends the connection stops Helidon from reading another request) and passes the bytes on untouched.
 * For an HTTP/1.0 request it answers as Go's server does: status line {@code HTTP/1.0}, no chunked
 * coding (a streamed body such as an SSE stream is sent as is and ended by closing the connection),
 * and {@code Connection: keep-alive} only when the client asked for it and the length is known.
 */
final class WireResponses implements DataWriter {
    private static final byte[] HEAD_END = {'\r', '\n', '\r', '\n'};
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");

    private enum Body { HEAD, PASS, LENGTH, CHUNK_SIZE, CHUNK_DATA, CHUNK_CRLF, TRAILERS, DONE }

    private final DataWriter out;
    private volatile WireExchange exchange;
    private volatile boolean upgraded;
    private volatile boolean last;
    private Body body = Body.PASS;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private long remaining;

    /** @param out the socket */
    WireResponses(DataWriter out) {
        this.out = out;
    }

    /** A request was handed to Helidon: what is written next is its response. */
    synchronized void begin(WireExchange next) {
        exchange = next;
        body = Body.HEAD;
        pending.reset();
    }

    boolean upgraded() {
        return upgraded;
    }

    /**
     * Whether the response being written ends the connection: from then on Helidon must read nothing
     * more, not even the rest of a body it chose not to consume (it would parse it as a next request).
     */
    boolean last() {
        return last;
    }

    @Override
    public void write(BufferData... buffers) {
        for (BufferData b : buffers) {
            write(b);
        }
    }

    @Override
    public void write(BufferData buffer) {
        BufferData translated = translate(buffer);
        if (translated != null) {
            out.write(translated);
        }
    }

    @Override
    public void writeNow(BufferData... buffers) {
        for (BufferData b : buffers) {
            writeNow(b);
        }
    }

    @Override
    public void writeNow(BufferData buffer) {
        BufferData translated = translate(buffer);
        if (translated != null) {
            out.writeNow(translated);
        }
    }

    /** The bytes to send for {@code buffer}: itself when nothing needs changing, null when nothing is due yet. */
    private synchronized BufferData translate(BufferData buffer) {
        WireExchange x = exchange;
        if (x == null || upgraded || body == Body.PASS && !x.http10()) {
            return buffer;
        }
        if (!x.http10() && body == Body.HEAD && pending.size() == 0 && finalHeadWithin(buffer, x)) {
            return buffer; // the usual 1.1 response: its head read in place, nothing copied
        }
        byte[] bytes = buffer.readBytes();
        ByteArrayOutputStream sent = new ByteArrayOutputStream(bytes.length + 64);
        int at = 0;
        while (at < bytes.length) {
            at = switch (body) {
                case HEAD -> head(x, bytes, at, sent);
                case PASS -> {
                    sent.write(bytes, at, bytes.length - at);
                    yield bytes.length;
                }
                case LENGTH -> {
                    int n = (int) Math.min(remaining, bytes.length - at);
                    sent.write(bytes, at, n);
                    remaining -= n;
                    if (remaining == 0) {
                        body = Body.DONE;
                    }
                    yield at + n;
                }
                case CHUNK_SIZE, TRAILERS -> chunkLine(bytes, at);
                case CHUNK_DATA -> {
                    int n = (int) Math.min(remaining, bytes.length - at);
                    sent.write(bytes, at, n);
                    remaining -= n;
                    if (remaining == 0) {
                        body = Body.CHUNK_CRLF;
                        remaining = 2;
                    }
                    yield at + n;
                }
                case CHUNK_CRLF -> {
                    int n = (int) Math.min(remaining, bytes.length - at);
                    remaining -= n;
                    if (remaining == 0) {
                        body = Body.CHUNK_SIZE;
                    }
                    yield at + n;
                }
                case DONE -> bytes.length; // nothing may follow a complete 1.0 response
            };
        }
        return sent.size() == 0 ? null : BufferData.create(sent.toByteArray());
    }

    /**
     * Reads a complete, final (not 1xx) response head at the start of {@code buffer} without moving
     * its position; false when the buffer holds anything else.
     */
    private boolean finalHeadWithin(BufferData buffer, WireExchange x) {
        int available = buffer.available();
        if (available < 13 || buffer.get(9) == '1') {
            return false;
        }
        for (int i = 0; i + 3 < available; i++) {
            if (buffer.get(i) == '\r' && buffer.get(i + 1) == '\n' && buffer.get(i + 2) == '\r' && buffer.get(i + 3) == '\n') {
                if (x.closeAfter() || closes(buffer::get, i)) {
                    last = true;
                }
                body = Body.PASS;
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the head in bytes {@code [0, end)} has a {@code Connection} header whose value holds "close" (both
     * case-insensitive), read in place: every response passes here, so no string is made of its head.
     */
    private static boolean closes(IntUnaryOperator buffer, int end) {
        int line = lineEnd(buffer, 0, end) + 2; // past the status line
        while (line < end) {
            int lineEnd = lineEnd(buffer, line, end);
            int colon = line;
            while (colon < lineEnd && buffer.applyAsInt(colon) != ':') {
                colon++;
            }
            if (colon < lineEnd && within(buffer, line, colon, "connection", true)
                    && within(buffer, colon + 1, lineEnd, "close", false)) {
                return true;
            }
            line = lineEnd + 2;
        }
        return false;
    }

    /** Where the line starting at {@code from} ends (its CR), or {@code end}. */
    private static int lineEnd(IntUnaryOperator buffer, int from, int end) {
        for (int i = from; i + 1 < end; i++) {
            if (buffer.applyAsInt(i) == '\r' && buffer.applyAsInt(i + 1) == '\n') {
                return i;
            }
        }
        return end;
    }

    /**
     * {@code lower} (lower-case ASCII) occurs in {@code buffer[from, to)} ignoring case; with {@code whole}, it is
     * all of that range apart from surrounding spaces and tabs.
     */
    private static boolean within(IntUnaryOperator buffer, int from, int to, String lower, boolean whole) {
        if (whole) {
            while (from < to && (buffer.applyAsInt(from) == ' ' || buffer.applyAsInt(from) == '\t')) {
                from++;
            }
            while (to > from && (buffer.applyAsInt(to - 1) == ' ' || buffer.applyAsInt(to - 1) == '\t')) {
                to--;
            }
            return to - from == lower.length() && matchesAt(buffer, from, lower);
        }
        for (int i = from; i + lower.length() <= to; i++) {
            if (matchesAt(buffer, i, lower)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matchesAt(IntUnaryOperator buffer, int at, String lower) {
        for (int k = 0; k < lower.length(); k++) {
            int b = buffer.applyAsInt(at + k);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lower.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** What the response head says about framing. */
    private record Head(String[] lines, int status, boolean chunked, long length) {
        static Head parse(String head) {
            String[] lines = splitLines(head);
            boolean chunked = false;
            long length = -1;
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT);
                String value = lines[i].substring(colon + 1).strip().toLowerCase(Locale.ROOT);
                switch (name) {
                    case "transfer-encoding" -> chunked |= value.contains("chunked");
                    case "content-length" -> length = DIGITS.matcher(value).matches() ? Long.parseLong(value) : -1;
                    default -> {
                    }
                }
            }
            return new Head(lines, WireResponses.status(lines[0]), chunked, length);
        }
    }

    /** The head's lines, split at CRLF without a regex (Helidon writes one head per response). */
    private static String[] splitLines(String head) {
        List<String> out = new ArrayList<>(16);
        int from = 0;
        for (int at = head.indexOf("\r\n"); at >= 0; at = head.indexOf("\r\n", from)) {
            out.add(head.substring(from, at));
            from = at + 2;
        }
        out.add(head.substring(from));
        int n = out.size();
        while (n > 1 && out.get(n - 1).isEmpty()) {
            n--; // String.split's dropped trailing empty strings
        }
        return out.subList(0, n).toArray(String[]::new);
    }

    /** Collects the response head; once complete, sends it (translated for 1.0) and picks the body framing. */
    private int head(WireExchange x, byte[] bytes, int at, ByteArrayOutputStream sent) {
        int before = pending.size();
        pending.write(bytes, at, bytes.length - at);
        byte[] all = pending.toByteArray();
        int end = indexOf(all, HEAD_END, Math.max(0, before - 3));
        if (end < 0) {
            return bytes.length;
        }
        int consumed = end + HEAD_END.length - before;
        String head = new String(all, 0, end, StandardCharsets.ISO_8859_1);
        pending.reset();
        Head h = Head.parse(head);
        String[] lines = h.lines();
        int status = h.status();
        boolean closing = closes(i -> all[i] & 0xff, end);
        boolean chunked = h.chunked();
        long length = h.length();
        if (status >= 100 && status < 200) {
            if (status == 101) {
                upgraded = true;
                body = Body.PASS;
            }
            if (!x.http10()) {
                sent.write(all, 0, end + HEAD_END.length);
            }
            return at + consumed; // an interim response: the final head follows (1.0 clients never see it)
        }
        if (!x.http10()) {
            if (closing || x.closeAfter()) {
                last = true;
            }
            sent.write(all, 0, end + HEAD_END.length);
            body = Body.PASS;
            return at + consumed;
        }
        boolean noBody = x.method().equals("HEAD") || status == 204 || status == 304;
        boolean keepAlive = x.keepAlive() && !closing && (noBody || length >= 0 && !chunked);
        if (!keepAlive) {
            last = true;
        }
        StringBuilder translated = new StringBuilder(head.length() + 32);
        translated.append("HTTP/1.0").append(lines[0].substring(Math.min(lines[0].length(), 8))).append("\r\n");
        for (int i = 1; i < lines.length; i++) {
            String lower = lines[i].toLowerCase(Locale.ROOT);
            if (!lower.startsWith("connection:") && !lower.startsWith("keep-alive:")
                    && !lower.startsWith("transfer-encoding:")) {
                translated.append(lines[i]).append("\r\n");
            }
        }
        if (keepAlive) {
            translated.append("Connection: keep-alive\r\n");
        }
        translated.append("\r\n");
        sent.writeBytes(translated.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (noBody) {
            body = Body.DONE;
        } else if (chunked) {
            body = Body.CHUNK_SIZE;
        } else if (length >= 0) {
            body = length == 0 ? Body.DONE : Body.LENGTH;
            remaining = length;
        } else {
            body = Body.PASS; // ended by closing the connection
        }
        return at + consumed;
    }

    /** Reads a chunk-size or trailer line of a chunked 1.1 body (nothing of it is sent to a 1.0 client). */
    private int chunkLine(byte[] bytes, int at) {
        int lf = at;
        while (lf < bytes.length && bytes[lf] != '\n') {
            lf++;
        }
        pending.write(bytes, at, lf - at);
        if (lf == bytes.length) {
            return lf;
        }
        String line = pending.toString(StandardCharsets.ISO_8859_1).strip();
        pending.reset();
        if (body == Body.TRAILERS) {
            if (line.isEmpty()) {
                body = Body.DONE;
            }
            return lf + 1;
        }
        int semicolon = line.indexOf(';');
        long size = Long.parseLong(semicolon < 0 ? line : line.substring(0, semicolon).strip(), 16);
        if (size == 0) {
            body = Body.TRAILERS;
        } else {
            body = Body.CHUNK_DATA;
            remaining = size;
        }
        return lf + 1;
    }

    private static int status(String statusLine) {
        String[] parts = statusLine.split(" ", 3);
        try {
            return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
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
