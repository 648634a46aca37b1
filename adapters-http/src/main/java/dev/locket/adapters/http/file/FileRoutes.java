package dev.locket.adapters.http.file;

import dev.locket.adapters.http.support.ApiErrors;
import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.adapters.http.support.HeadAsGet;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.adapters.http.support.Responses;
import dev.locket.adapters.http.support.Routes;
import dev.locket.application.port.in.file.DownloadFile;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.Unauthorized;
import dev.locket.domain.file.MimeTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** File downloads, file tokens (files.md §4) and the S3 settings test (admin-and-ops §2). */
public final class FileRoutes implements HttpService {
    static final String CSP = "default-src 'none'; media-src 'self'; style-src 'unsafe-inline'; sandbox";
    static final String CACHE_CONTROL = "max-age=2592000, stale-while-revalidate=86400";
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    private static final Pattern RANGE = Pattern.compile("^bytes=(\\d*)-(\\d*)$");

    private final HttpContext ctx;

    public FileRoutes(HttpContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.getOrHead(rules, "/api/files/{collection}/{recordId}/{filename}", this::download);
        rules.post("/api/files/token", this::token);
        rules.post("/api/settings/test/s3", this::testS3);
    }

    private void token(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        String token = ctx.ports().files().token().createFileToken(r.info());
        Responses.json(req, res, 200, Map.of("token", token));
    }

    private void testS3(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        if (r.auth().isEmpty()) {
            throw new Unauthorized();
        }
        Map<String, Object> body = Routes.bodyMap(r, BadRequest.LOAD_FAILED);
        Object fs = body.get("filesystem");
        ctx.ports().files().testS3().testS3(fs == null ? "" : fs.toString(), r.info());
        Responses.noContent(res);
    }

    private void download(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        DownloadFile.Download d = ctx.ports().files().download().download(new DownloadFile.Query(
                r.pathParam("collection"), r.pathParam("recordId"), r.pathParam("filename"), r.query("thumb"),
                r.query("token"), r.info()));
        boolean attachment = goBool(r.query("download")) || !MimeTypes.inline(d.contentType());
        res.header(HeaderNames.CONTENT_DISPOSITION, (attachment ? "attachment" : "inline") + "; filename=" + d.name());
        res.header(HeaderNames.CONTENT_TYPE, MimeTypes.served(d.name(), d.contentType()));
        res.header("Content-Security-Policy", CSP);
        res.header(HeaderNames.CACHE_CONTROL, CACHE_CONTROL);
        res.header(HeaderNames.ACCEPT_RANGES, "bytes");
        res.headers().remove(HeaderNames.create("X-Frame-Options")); // files.md §4: not on this route
        sendContent(req, res, d.modified(), d.size(), d.content()::open);
    }

    /** Opens stored bytes from an offset. */
    @FunctionalInterface
    interface Opener {
        InputStream open(long offset) throws IOException;
    }

    /**
     * Writes stored bytes as Go's {@code http.ServeContent} does: {@code Last-Modified} with a 304 for a
     * fresh {@code If-Modified-Since}, one byte range (206/416), and no body for HEAD. The caller has set
     * the content type and any other headers.
     */
    static void sendContent(ServerRequest req, ServerResponse res, Instant lastModified, long size, Opener opener) {
        Instant modified = lastModified == null ? null : lastModified.truncatedTo(ChronoUnit.SECONDS);
        if (modified != null && modified.getEpochSecond() > 0) {
            res.header(HeaderNames.LAST_MODIFIED, HTTP_DATE.format(modified));
            if (notModifiedSince(req, modified)) {
                res.headers().remove(HeaderNames.CONTENT_TYPE);
                res.status(Status.NOT_MODIFIED_304);
                res.send();
                return;
            }
        }
        long start = 0;
        long length = size;
        String range = req.headers().first(HeaderNames.RANGE).orElse("");
        if (!range.isEmpty() && ifRangeHolds(req, modified)) {
            Matcher m = RANGE.matcher(range.trim());
            if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                long[] span = span(m.group(1), m.group(2), size);
                if (span == null) {
                    res.header(HeaderNames.CONTENT_RANGE, "bytes */" + size);
                    ApiErrors.write(req, res, 416, "Requested Range Not Satisfiable", Map.of());
                    return;
                }
                start = span[0];
                length = span[1] - span[0] + 1;
                res.status(Status.PARTIAL_CONTENT_206);
                res.header(HeaderNames.CONTENT_RANGE, "bytes " + span[0] + "-" + span[1] + "/" + size);
            }
        }
        res.header(HeaderNames.CONTENT_LENGTH, String.valueOf(length));
        if (HeadAsGet.isHead(req) || req.prologue().method().equals(Method.HEAD)) {
            res.send();
            return;
        }
        try (InputStream in = opener.open(start); OutputStream out = res.outputStream()) {
            byte[] buf = new byte[65536];
            long left = length;
            while (left > 0) {
                int n = in.read(buf, 0, (int) Math.min(buf.length, left));
                if (n < 0) {
                    break;
                }
                out.write(buf, 0, n);
                left -= n;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A single {@code bytes=a-b}, {@code a-} or {@code -n} range as inclusive offsets; null when unsatisfiable. */
    static long[] span(String a, String b, long size) {
        try {
            if (a.isEmpty()) {
                long n = Long.parseLong(b);
                if (n <= 0 || size == 0) {
                    return null;
                }
                return new long[] {Math.max(0, size - n), size - 1};
            }
            long from = Long.parseLong(a);
            if (from >= size) {
                return null;
            }
            long to = b.isEmpty() ? size - 1 : Math.min(Long.parseLong(b), size - 1);
            return to < from ? null : new long[] {from, to};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static boolean notModifiedSince(ServerRequest req, Instant modified) {
        String since = req.headers().first(HeaderNames.IF_MODIFIED_SINCE).orElse("");
        if (since.isEmpty() || req.headers().contains(HeaderNames.IF_NONE_MATCH)) {
            return false;
        }
        Instant t = parseDate(since);
        return t != null && !modified.isAfter(t);
    }

    private static boolean ifRangeHolds(ServerRequest req, Instant modified) {
        String ifRange = req.headers().first(HeaderNames.IF_RANGE).orElse("");
        if (ifRange.isEmpty()) {
            return true;
        }
        Instant t = parseDate(ifRange);
        return t != null && modified != null && modified.equals(t);
    }

    private static Instant parseDate(String text) {
        try {
            return ZonedDateTime.parse(text.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Go's strconv.ParseBool truth values; anything else is false. */
    static boolean goBool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            default -> false;
        };
    }
}
