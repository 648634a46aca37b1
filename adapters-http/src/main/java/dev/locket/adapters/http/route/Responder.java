package dev.locket.adapters.http.route;

import dev.locket.adapters.http.json.GoJson;
import dev.locket.adapters.http.support.HeadAsGet;
import dev.locket.adapters.http.support.Responses;
import dev.locket.domain.error.ApiError;
import dev.locket.domain.error.NotFound;
import dev.locket.domain.file.MimeTypes;
import dev.locket.domain.json.FieldsPicker;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.zip.GZIPOutputStream;

/**
 * The response side of a {@link RequestEvent}, as upstream's router event writes it: a helper sets the
 * Content-Type only when none is set yet, writes the status and the body once, and compresses it when the
 * {@code gzip()} middleware runs on the route and the client accepts gzip.
 */
public abstract sealed class Responder permits RequestEvent {

    private final ServerRequest req;
    private final ServerResponse res;
    private boolean gzip;

    Responder(ServerRequest req, ServerResponse res) {
        this.req = req;
        this.res = res;
    }

    /** The underlying Helidon request, for what the helpers do not cover. */
    public ServerRequest request() {
        return req;
    }

    /** The underlying Helidon response, for what the helpers do not cover. */
    public ServerResponse response() {
        return res;
    }

    /** Whether a response has been written (a later error is then only logged, as upstream). */
    public boolean written() {
        return res.isSent();
    }

    /** The status written or set so far. */
    public int status() {
        return res.status().code();
    }

    /** Sets a response header (replacing any value it had). */
    public void setHeader(String name, String value) {
        res.header(HeaderNames.create(name), value);
    }

    /** Adds a value to a response header. */
    public void addHeader(String name, String value) {
        var header = HeaderNames.create(name);
        if (res.headers().contains(header)) {
            var values = new java.util.ArrayList<>(res.headers().get(header).allValues());
            values.add(value);
            res.header(header, values.toArray(String[]::new));
        } else {
            res.header(header, value);
        }
    }

    /**
     * {@code value} as JSON: maps, lists, strings, numbers, booleans as they are, records of collections as the
     * API writes them, other objects (Java records, beans) by their properties. A 2xx body honours the
     * {@code ?fields=} picker as the API's does.
     */
    public void json(int status, Object value) {
        Object tree = JsonValues.shape(value);
        String fields = req.query().contains("fields") ? req.query().all("fields").getFirst() : "";
        if (!fields.isEmpty() && status >= 200 && status <= 299) {
            FieldsPicker picker = FieldsPicker.parse(fields);
            if (!picker.isEmpty()) {
                tree = Responses.sorted(picker.pick(tree));
            }
        }
        send(status, "application/json", GoJson.write(tree));
    }

    /** Plain text ({@code text/plain; charset=utf-8} unless a Content-Type is already set). */
    public void string(int status, String text) {
        send(status, "text/plain; charset=utf-8", text.getBytes(StandardCharsets.UTF_8));
    }

    /** HTML ({@code text/html; charset=utf-8} unless a Content-Type is already set). */
    public void html(int status, String html) {
        send(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
    }

    /** Raw bytes of the given type. */
    public void blob(int status, String contentType, byte[] bytes) {
        send(status, contentType, bytes);
    }

    /** Copies {@code in} to the response as it is read (the stream is closed afterwards). */
    public void stream(int status, String contentType, InputStream in) {
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.status(Status.create(status));
        boolean compress = gzipping();
        if (compress) {
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
        }
        try (InputStream source = in; OutputStream raw = res.outputStream();
             OutputStream out = compress ? new GZIPOutputStream(raw) : raw) {
            source.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Serves a file: 404 "File not found." when it is missing or a directory, its type sniffed from its content
     * as upstream's file handling does.
     */
    public void file(Path path) {
        if (!Files.isRegularFile(path)) {
            throw new NotFound("File not found.");
        }
        byte[] head;
        try (InputStream in = Files.newInputStream(path)) {
            head = in.readNBytes(MimeTypes.SNIFF_LENGTH);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            stream(200, MimeTypes.served(path.getFileName().toString(), MimeTypes.detect(head, head.length)),
                    Files.newInputStream(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only the status (and the headers set so far). */
    public void noContent(int status) {
        res.status(Status.create(status));
        res.send();
    }

    /** A redirect; a status outside 3xx is upstream's 500 "Invalid redirect status code.". */
    public void redirect(int status, String url) {
        if (status < 300 || status > 399) {
            throw ApiError.of(500, "Invalid redirect status code", null);
        }
        res.header(HeaderNames.LOCATION, url);
        res.status(Status.create(status));
        res.send();
    }

    /** Compress what is written from now on when the client accepts gzip (the {@code gzip()} middleware). */
    void gzip() {
        gzip = true;
    }

    private boolean gzipping() {
        return gzip && req.headers().first(HeaderNames.ACCEPT_ENCODING).orElse("")
                .toLowerCase(Locale.ROOT).contains("gzip");
    }

    private void send(int status, String contentType, byte[] bytes) {
        if (!res.headers().contains(HeaderNames.CONTENT_TYPE)) {
            res.header(HeaderNames.CONTENT_TYPE, contentType);
        }
        res.status(Status.create(status));
        byte[] out = bytes;
        if (bytes.length > 0 && gzipping()) {
            ByteArrayOutputStream zipped = new ByteArrayOutputStream(bytes.length / 2 + 64);
            try (GZIPOutputStream gz = new GZIPOutputStream(zipped)) {
                gz.write(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out = zipped.toByteArray();
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
        }
        if (isHead()) {
            res.header(HeaderNames.CONTENT_LENGTH, String.valueOf(out.length));
            res.send();
            return;
        }
        res.send(out);
    }

    boolean isHead() {
        return HeadAsGet.isHead(req);
    }
}
