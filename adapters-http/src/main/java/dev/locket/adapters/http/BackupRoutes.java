package dev.locket.adapters.http;

import dev.locket.application.port.in.admin.ManageBackups;
import dev.locket.application.port.out.BackupStore;
import dev.locket.domain.error.BadRequest;
import dev.locket.domain.error.Forbidden;
import dev.locket.domain.error.Unauthorized;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The backups API (admin-and-ops §4): list, create, upload, download (file token), delete, restore. */
final class BackupRoutes implements HttpService {

    static final String LOAD_FAILED = "An error occurred while loading the submitted data.";
    private static final Pattern NAME = Pattern.compile("\\bname=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("\\bfilename=(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^;\\s]+))",
            Pattern.CASE_INSENSITIVE);

    private final HttpContext ctx;
    private final AdminPorts ports;

    BackupRoutes(HttpContext ctx, AdminPorts ports) {
        this.ctx = ctx;
        this.ports = ports;
    }

    private ManageBackups port() {
        return ports.backups();
    }

    @Override
    public void routing(HttpRules rules) {
        Routes.getOrHead(rules, "/api/backups", this::list);
        rules.post("/api/backups", this::create);
        rules.post("/api/backups/upload", this::upload);
        Routes.getOrHead(rules, "/api/backups/{key}", this::download);
        rules.delete("/api/backups/{key}", this::delete);
        rules.post("/api/backups/{key}/restore", this::restore);
    }

    private void list(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        List<Object> out = new ArrayList<>();
        for (BackupStore.BackupFile f : port().list(r.info())) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("key", f.key());
            item.put("size", f.size());
            item.put("modified", f.modified());
            out.add(item);
        }
        Responses.json(req, res, 200, out);
    }

    private void create(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        requireSuperuser(r);
        Map<String, Object> body = Routes.bodyMap(r, LOAD_FAILED);
        Object name = body.get("name");
        if (name != null && !(name instanceof String)) {
            throw new BadRequest(LOAD_FAILED);
        }
        port().create((String) name, r.info());
        Responses.noContent(res);
    }

    private void upload(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        requireSuperuser(r);
        port().upload(filePart(req), r.info());
        Responses.noContent(res);
    }

    private void download(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        String key = r.pathParam("key");
        try (InputStream in = port().download(key, r.query("token"))) {
            res.status(Status.OK_200);
            res.header(HeaderNames.CONTENT_TYPE, "application/zip");
            res.header(HeaderNames.CONTENT_DISPOSITION, "attachment; filename=" + key);
            if (req.prologue().method().text().equals("HEAD") || HeadAsGet.isHead(req)) {
                res.send();
                return;
            }
            try (OutputStream out = res.outputStream()) {
                in.transferTo(out);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private void delete(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        port().delete(r.pathParam("key"), r.info());
        Responses.noContent(res);
    }

    private void restore(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        port().restore(r.pathParam("key"), r.info());
        Responses.noContent(res);
    }

    /** Upstream checks superuser access in a middleware, before any body is read. */
    private static void requireSuperuser(ApiRequest r) {
        if (r.auth().isEmpty()) {
            throw new Unauthorized();
        }
        if (!r.info().isSuperuser()) {
            throw new Forbidden(Forbidden.NOT_ALLOWED);
        }
    }

    /** The multipart part {@code file} (no body size limit applies to backups); null when there is none. */
    private static ManageBackups.Upload filePart(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.strip().toLowerCase(Locale.ROOT).startsWith("multipart/form-data") || !req.content().hasEntity()) {
            return null;
        }
        String boundary = ApiRequest.boundary(type);
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readAllBytes();
        } catch (IOException | RuntimeException e) {
            throw new BadRequest(LOAD_FAILED);
        }
        if (boundary.isEmpty()) {
            throw new BadRequest(LOAD_FAILED);
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        byte[] next = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int pos = indexOf(body, delimiter, 0);
        while (pos >= 0) {
            int after = pos + delimiter.length;
            if (after + 1 < body.length && body[after] == '-' && body[after + 1] == '-') {
                return null;
            }
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), after);
            if (headersEnd < 0) {
                throw new BadRequest(LOAD_FAILED);
            }
            String headers = new String(body, after, headersEnd - after, StandardCharsets.UTF_8);
            int contentStart = headersEnd + 4;
            int end = indexOf(body, next, contentStart);
            if (end < 0) {
                throw new BadRequest(LOAD_FAILED);
            }
            String disposition = "";
            for (String line : headers.split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                    disposition = line;
                }
            }
            Matcher n = NAME.matcher(disposition.replaceAll("(?i)filename=(\"(?:[^\"\\\\]|\\\\.)*\"|[^;\\s]+)", ""));
            Matcher f = FILENAME.matcher(disposition);
            if (n.find() && "file".equals(n.group(1) != null ? n.group(1) : n.group(2)) && f.find()) {
                String fileName = f.group(1) != null ? f.group(1).replace("\\\"", "\"") : f.group(2);
                byte[] content = java.util.Arrays.copyOfRange(body, contentStart, end);
                return new ManageBackups.Upload(fileName, content);
            }
            pos = end + 2;
        }
        return null;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
