package dev.locket.adapters.http.wire;

import dev.locket.adapters.http.support.ApiErrors;
import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.common.buffers.DataWriter;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The request side of one HTTP/1 connection, between the socket and Helidon's HTTP/1.1 parser: it
 * reads each request head and body framing itself, so that Helidon only ever receives requests whose
 * framing is unambiguous, spelled as HTTP/1.1 with a canonical target.
 *
 * <p>Framing follows RFC 9112 §6 as Go's server applies it (PocketBase's server): two different
 * {@code Content-Length}s, or {@code Transfer-Encoding} together with {@code Content-Length}, are 400;
 * a transfer coding other than a single {@code chunked} is 501; both close the connection, so bytes a
 * client pipelined after such a request are never served (no request smuggling behind a proxy). A
 * chunked body is re-chunked as it arrives (extensions and trailers dropped), so Helidon never sees a
 * chunk it could misread. HTTP/1.0 requests are served as Go serves them (Helidon refuses 1.0): a
 * missing Host is allowed, {@code Transfer-Encoding} is ignored, and the connection closes after the
 * response unless the client asked {@code Connection: keep-alive}. After a request that ends the
 * connection (also a client's {@code Connection: close}) Helidon reads end of stream, so it closes
 * the socket right after the response.
 */
final class WireRequests implements Supplier<byte[]> {
    /**
     * The end of a connection between requests: the last exchange was answered, or the client closed or was
     * refused. Helidon ends the connection quietly on this exception, as it does on its own "no more data",
     * which however costs two exceptions with filled-in stack traces per connection: with a new connection per
     * request (the SDKs behind most proxies, every benchmark of issue 16) that was about 11,000 stack walks a
     * second at 5,300 requests a second.
     */
    static final class ConnectionEnd extends CloseConnectionException {
        ConnectionEnd() {
            super("No more data available");
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** Go's default {@code MaxHeaderBytes} plus the slack its server reads: request line and headers together. */
    static final int MAX_HEAD = TransportErrors.MAX_PROLOGUE_AND_HEADERS;
    private static final int MAX_CHUNK_LINE = 4096;
    private static final int MAX_TRAILERS = 64 * 1024;
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    /**
     * How much of a body Go's server reads past a request it answered without reading it, to keep the
     * connection ({@code maxPostHandlerReadBytes}); a larger one ends the connection instead.
     */
    static final long MAX_DISCARD = 256 * 1024;
    /** What {@link #head()} answers when it answered the request itself and the connection goes on. */
    private static final byte[] ANSWERED = new byte[0];
    private static final String TCHARS = "!#$%&'*+-.^_`|~";
    private static final Pattern VERSION = Pattern.compile("HTTP/\\d\\.\\d");
    private static final Pattern DIGITS = Pattern.compile("\\d{1,18}");
    /** Characters Go's {@code httpguts.ValidHostHeader} accepts besides letters, digits and non-ASCII. */
    private static final String HOST_CHARS = "!$%&'()*+,-.:;=[]_~";

    private enum State { HEAD, LENGTH, CHUNK_SIZE, CHUNK_DATA, PASSTHROUGH, CLOSED }

    /** The response side's view of the connection. */
    interface Exchanges {
        /** A request head is handed on: what is written next is its response. */
        void begin(WireExchange exchange);

        /** A 101 was sent: the connection is WebSocket from now on. */
        boolean upgraded();

        /** The response being written ends the connection. */
        boolean last();
    }

    private final DataReader first;
    private final Supplier<byte[]> socket;
    private final DataWriter out;
    private final Exchanges exchanges;
    private final Consumer<String> refused;
    private State state = State.HEAD;
    private long remaining;
    private boolean closeAfter;
    /** The body being read belongs to a request answered here: it is skipped, not handed on. */
    private boolean discarding;
    private long discardBudget;
    /** The socket read being consumed (handed on whole when a body owns all of it: no copy). */
    private byte[] buf = new byte[0];
    private int pos;

    /**
     * @param first     what Helidon already read from the socket to pick the protocol (read first)
     * @param socket      the socket's next reads; null at end of stream
     * @param out         the socket, for the answers given here (framing errors, refused targets)
     * @param exchanges   told about every request handed on
     * @param refused     told why a request was answered here (for the log)
     */
    WireRequests(DataReader first, Supplier<byte[]> socket, DataWriter out, Exchanges exchanges,
                 Consumer<String> refused) {
        this.first = first;
        this.socket = socket;
        this.out = out;
        this.exchanges = exchanges;
        this.refused = refused;
    }

    /**
     * The next bytes for Helidon's parser. Between requests, the end of the connection is a {@link ConnectionEnd};
     * inside a body it is null, which Helidon reads as a body cut short.
     */
    @Override
    public byte[] get() {
        if (state != State.PASSTHROUGH && exchanges.last()) {
            boolean betweenRequests = state == State.HEAD || (state == State.LENGTH && remaining == 0);
            state = State.CLOSED;
            if (betweenRequests) {
                throw new ConnectionEnd();
            }
        }
        while (true) {
            switch (state) {
                case CLOSED -> {
                    return null;
                }
                case PASSTHROUGH -> {
                    return take(Long.MAX_VALUE);
                }
                case HEAD -> {
                    if (exchanges.upgraded()) {
                        state = State.PASSTHROUGH; // WebSocket frames from now on
                        continue;
                    }
                    if (closeAfter) {
                        state = State.CLOSED;
                        throw new ConnectionEnd();
                    }
                    discarding = false;
                    byte[] head = head();
                    if (head == null) {
                        state = State.CLOSED;
                        throw new ConnectionEnd();
                    } else if (head == ANSWERED) {
                        continue;
                    }
                    return head;
                }
                case LENGTH -> {
                    if (remaining == 0) {
                        state = State.HEAD;
                        continue;
                    }
                    byte[] data = take(remaining);
                    remaining -= data.length;
                    if (discarding) {
                        continue;
                    }
                    return data;
                }
                case CHUNK_SIZE -> {
                    long size = chunkSize();
                    if (size < 0) {
                        return endOfStream(); // malformed: the handler sees a truncated body (400)
                    }
                    if (size == 0) {
                        if (!skipTrailers()) {
                            return endOfStream();
                        }
                        state = State.HEAD;
                        if (discarding) {
                            continue;
                        }
                        return LAST_CHUNK.clone();
                    }
                    remaining = size;
                    state = State.CHUNK_DATA;
                }
                case CHUNK_DATA -> {
                    byte[] data = take(remaining);
                    remaining -= data.length;
                    if (remaining == 0) {
                        if (read() != '\r' || read() != '\n') {
                            return endOfStream();
                        }
                        state = State.CHUNK_SIZE;
                    }
                    if (discarding) {
                        discardBudget -= data.length;
                        if (discardBudget < 0) {
                            return endOfStream(); // Go stops reading there and closes
                        }
                        continue;
                    }
                    return chunk(data);
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    // ---- the socket's bytes ------------------------------------------------------------------

    /** Makes at least one byte available, reading the socket when needed. */
    private void fill() {
        while (pos >= buf.length) {
            byte[] next;
            if (first != null && first.available() > 0) {
                next = first.readBytes(first.available());
            } else {
                next = socket.get();
            }
            if (next == null) {
                throw new DataReader.InsufficientDataAvailableException();
            }
            buf = next;
            pos = 0;
        }
    }

    private byte read() {
        fill();
        return buf[pos++];
    }

    /** Up to {@code max} bytes (at least one), the socket's own array when all of it is wanted. */
    private byte[] take(long max) {
        fill();
        int n = (int) Math.min(buf.length - pos, max);
        if (pos == 0 && n == buf.length) {
            pos = n;
            return buf;
        }
        byte[] part = java.util.Arrays.copyOfRange(buf, pos, pos + n);
        pos += n;
        return part;
    }

    private byte[] endOfStream() {
        state = State.CLOSED;
        return null;
    }

    private static byte[] chunk(byte[] data) {
        byte[] size = (Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[size.length + data.length + 2];
        System.arraycopy(size, 0, all, 0, size.length);
        System.arraycopy(data, 0, all, size.length, data.length);
        all[all.length - 2] = '\r';
        all[all.length - 1] = '\n';
        return all;
    }

    /** A chunk-size line (extensions ignored); -1 when malformed. */
    private long chunkSize() {
        String line = line(MAX_CHUNK_LINE);
        if (line == null) {
            return -1;
        }
        int semicolon = line.indexOf(';');
        String hex = (semicolon < 0 ? line : line.substring(0, semicolon)).strip();
        if (hex.isEmpty() || hex.length() > 15) {
            return -1;
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int d = Character.digit(hex.charAt(i), 16);
            if (d < 0) {
                return -1;
            }
            size = size * 16 + d;
        }
        return size;
    }

    private boolean skipTrailers() {
        int total = 0;
        while (true) {
            String line = line(MAX_TRAILERS - total);
            if (line == null) {
                return false;
            }
            if (line.isEmpty()) {
                return true;
            }
            total += line.length() + 2;
        }
    }

    /**
     * One line without its CRLF (a bare LF is accepted, as Go does); null when longer than {@code max}.
     * Each socket read is scanned for the LF and taken whole: a virtual thread is never preempted, so a
     * byte-at-a-time loop over a megabyte head held a carrier ~100 ms and four at once kept {@code /api/health}
     * waiting seconds (AbuseIT huge headers).
     */
    private String line(int max) {
        StringBuilder s = new StringBuilder();
        while (true) {
            fill();
            int end = pos;
            while (end < buf.length && buf[end] != '\n') {
                end++;
            }
            if (s.length() + (end - pos) > max) {
                return null;
            }
            s.append(new String(buf, pos, end - pos, StandardCharsets.ISO_8859_1));
            if (end < buf.length) {
                pos = end + 1;
                int last = s.length() - 1;
                if (last >= 0 && s.charAt(last) == '\r') {
                    s.setLength(last);
                }
                return s.toString();
            }
            pos = end;
        }
    }

    // ---- request heads ----------------------------------------------------------------------

    /** Reads, checks and rewrites the next request head; null (after answering) when it is refused. */
    private byte[] head() {
        int budget = MAX_HEAD;
        // RFC 9112 §2.2: empty lines before a request line are ignored (old clients add one after a POST body).
        while (true) {
            fill();
            byte b = buf[pos];
            if (b != '\r' && b != '\n') {
                break;
            }
            pos++;
            if (--budget <= 0) {
                return refuse(431, "request head too large");
            }
        }
        List<String> lines = new ArrayList<>();
        while (true) {
            String line = line(budget);
            if (line == null) {
                return refuse(431, "request head too large");
            }
            budget -= line.length() + 2;
            if (line.isEmpty()) {
                break;
            }
            if (line.indexOf('\r') >= 0) {
                return refuse(400, "bare CR in the request head");
            }
            lines.add(line);
        }
        String[] requestLine = lines.getFirst().split(" ", -1);
        if (requestLine.length != 3 || !token(requestLine[0]) || requestLine[1].isEmpty()) {
            return refuse(400, "malformed request line");
        }
        String method = requestLine[0];
        String version = requestLine[2];
        if (!VERSION.matcher(version).matches()) {
            return refuse(400, "malformed HTTP version");
        }
        if (version.charAt(5) != '1') {
            return refuse(505, "unsupported HTTP version " + version);
        }
        boolean http10 = version.charAt(7) == '0';

        RequestTarget target = RequestTarget.of(requestLine[1]);
        if (target instanceof RequestTarget.Refuse r && r.status() != 404) {
            return refuse(r.status(), "request target " + requestLine[1]); // Go: unparsable, 400 and close
        }

        List<String[]> headers = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
                return refuse(400, "obsolete line folding"); // RFC 9112 §5.2
            }
            int colon = line.indexOf(':');
            if (colon <= 0 || !token(line.substring(0, colon))) {
                return refuse(400, "malformed header line");
            }
            headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).strip()});
        }

        List<String> lengths = values(headers, "content-length");
        List<String> codings = values(headers, "transfer-encoding");
        List<String> hosts = values(headers, "host");
        List<String> connection = tokens(values(headers, "connection"));
        boolean chunked = false;
        long length = 0;
        boolean close = http10 ? !connection.contains("keep-alive") : connection.contains("close");
        if (!codings.isEmpty() && http10) {
            // Go ignores Transfer-Encoding in HTTP/1.0 (RFC 9112 §6.1: faulty framing, close afterwards)
            headers.removeIf(h -> h[0].equalsIgnoreCase("transfer-encoding"));
            close = true;
        } else if (!codings.isEmpty()) {
            if (codings.size() != 1 || !codings.getFirst().equalsIgnoreCase("chunked")) {
                return refuse(501, "unsupported transfer encoding " + codings);
            }
            if (!lengths.isEmpty()) {
                return refuse(400, "Transfer-Encoding together with Content-Length");
            }
            chunked = true;
        }
        if (!lengths.isEmpty()) {
            String first = lengths.getFirst();
            for (String l : lengths) {
                if (!l.equals(first)) {
                    return refuse(400, "different Content-Length values " + lengths);
                }
            }
            if (!DIGITS.matcher(first).matches()) {
                return refuse(400, "bad Content-Length " + first);
            }
            length = Long.parseLong(first);
            // identical repeats are one length (Go keeps the first): Helidon gets it once
            headers.removeIf(h -> h[0].equalsIgnoreCase("content-length"));
            headers.add(new String[] {"Content-Length", first});
        }
        if (hosts.size() > 1 || hosts.isEmpty() && !http10) {
            return refuse(400, hosts.isEmpty() ? "missing Host header" : "more than one Host header");
        }
        String path;
        String absoluteHost;
        switch (target) {
            case RequestTarget.Refuse r -> {
                path = null;
                absoluteHost = null;
            }
            case RequestTarget.Serve s -> {
                path = s.target();
                absoluteHost = s.host();
            }
        }
        if (!hosts.isEmpty() && !validHost(hosts.getFirst()) || absoluteHost != null && !validHost(absoluteHost)) {
            return refuse(400, "malformed Host header");
        }
        if (path == null) {
            // Go's router answers it, after the request was read and checked as any other
            // a client waiting for 100-continue never sends the body: Go closes rather than wait for it
            boolean awaitsContinue = !http10 && (chunked || length > 0)
                    && tokens(values(headers, "expect")).contains("100-continue");
            return notFound(method, requestLine[1], chunked, length, close || http10, awaitsContinue);
        }
        if (absoluteHost != null) {
            headers.removeIf(h -> h[0].equalsIgnoreCase("host"));
            headers.add(new String[] {"Host", absoluteHost});
        }
        if (http10) {
            // 1.0 knows neither interim responses nor protocol upgrades
            headers.removeIf(h -> h[0].equalsIgnoreCase("expect") || h[0].equalsIgnoreCase("upgrade"));
        }

        closeAfter = close;
        exchanges.begin(new WireExchange(method, http10, http10 && !close, close));
        if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (length > 0) {
            state = State.LENGTH;
            remaining = length;
        } else {
            state = State.HEAD;
        }
        StringBuilder rewritten = new StringBuilder(256);
        rewritten.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
        for (String[] h : headers) {
            rewritten.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        rewritten.append("\r\n");
        return rewritten.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> values(List<String[]> headers, String lowerName) {
        List<String> out = new ArrayList<>();
        for (String[] h : headers) {
            if (h[0].toLowerCase(Locale.ROOT).equals(lowerName)) {
                out.add(h[1]);
            }
        }
        return out;
    }

    private static List<String> tokens(List<String> values) {
        List<String> out = new ArrayList<>();
        for (String v : values) {
            for (String t : v.split(",")) {
                out.add(t.strip().toLowerCase(Locale.ROOT));
            }
        }
        return out;
    }

    private static boolean token(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || TCHARS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean validHost(String host) {
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c >= 0x80
                    || HOST_CHARS.indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    // ---- answers given here -----------------------------------------------------------------

    /** Answers {@code status} with PocketBase's error envelope and ends the connection. */
    private byte[] refuse(int status, String why) {
        refused.accept(status + " " + why);
        write(status, true, false);
        return null;
    }

    /**
     * Answers 404 to a target no route may match and, as Go's server after a handler that left the body
     * unread, skips up to {@link #MAX_DISCARD} of the body and keeps the connection. Closing at once
     * instead made the kernel reset the connection under a client still sending its body, which then
     * lost the answer. A body that is never coming (the client awaits 100-continue) or too large to skip
     * ends the connection at once.
     */
    private byte[] notFound(String method, String target, boolean chunked, long length, boolean close,
                            boolean awaitsContinue) {
        if (awaitsContinue || !chunked && length > MAX_DISCARD) {
            return refuse(404, "request target " + target);
        }
        refused.accept("404 request target " + target);
        write(404, close, method.equals("HEAD"));
        closeAfter = close; // after the skipped body
        discarding = true;
        discardBudget = MAX_DISCARD;
        remaining = length;
        state = chunked ? State.CHUNK_SIZE : length > 0 ? State.LENGTH : State.HEAD;
        return ANSWERED;
    }

    private void write(int status, boolean close, boolean headOnly) {
        String message = ApiErrors.defaultMessage(status);
        byte[] body = ("{\"data\":{},\"message\":\"" + message + "\",\"status\":" + status + "}")
                .getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream response = new ByteArrayOutputStream(256 + body.length);
        StringBuilder head = new StringBuilder(256);
        head.append("HTTP/1.1 ").append(status).append(' ').append(Status.create(status).reasonPhrase()).append("\r\n");
        head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length)
                .append(close ? "\r\nConnection: close\r\n\r\n" : "\r\n\r\n");
        response.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        if (!headOnly) {
            response.writeBytes(body);
        }
        out.writeNow(BufferData.create(response.toByteArray()));
    }
}
