package dev.locket.adapters.http.admin;

import dev.locket.adapters.http.AdminPorts;
import dev.locket.adapters.http.support.RequestIp;
import dev.locket.adapters.http.support.ApiRequest;
import dev.locket.adapters.http.support.HeadAsGet;
import dev.locket.adapters.http.support.HttpContext;
import dev.locket.adapters.http.support.MultipartReader;
import dev.locket.adapters.http.support.Responses;
import dev.locket.adapters.http.support.Routes;
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
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The backups API (admin-and-ops §4): list, create, upload, download (file token), delete, restore. */
public final class BackupRoutes implements HttpService {


    private final HttpContext ctx;
    private final AdminPorts ports;

    public BackupRoutes(HttpContext ctx, AdminPorts ports) {
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
        Map<String, Object> body = Routes.bodyMap(r, BadRequest.LOAD_FAILED);
        Object name = body.get("name");
        if (name != null && !(name instanceof String)) {
            throw new BadRequest(BadRequest.LOAD_FAILED);
        }
        port().create((String) name, r.info());
        Responses.noContent(res);
    }

    private void upload(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        requireSuperuser(r);
        List<MultipartReader.FilePart> parts = fileParts(req);
        try {
            port().upload(upload(parts), r.info());
        } finally {
            MultipartReader.delete(parts);
        }
        Responses.noContent(res);
    }

    private void download(ServerRequest req, ServerResponse res) {
        ApiRequest r = ApiRequest.of(req, ctx);
        String key = r.pathParam("key");
        try (InputStream in = port().download(key, r.query("token"), RequestIp.of(req))) {
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

    /**
     * The multipart file parts, spooled to temp files as they arrive (no body size limit applies to
     * backups, so nothing of it may be held in memory); none when the body is not multipart.
     */
    private static List<MultipartReader.FilePart> fileParts(ServerRequest req) {
        String type = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        if (!type.strip().toLowerCase(Locale.ROOT).startsWith("multipart/form-data") || !req.content().hasEntity()) {
            return List.of();
        }
        try (InputStream in = req.content().inputStream()) {
            return MultipartReader.read(in, ApiRequest.boundary(type), Long.MAX_VALUE, true).files();
        } catch (IOException | RuntimeException e) {
            throw new BadRequest(BadRequest.LOAD_FAILED);
        }
    }

    /** The first file part named {@code file}, as upstream's {@code FindUploadedFiles("file")}; null when none. */
    private static ManageBackups.Upload upload(List<MultipartReader.FilePart> parts) {
        for (MultipartReader.FilePart part : parts) {
            if (part.key().equals("file")) {
                return new ManageBackups.Upload(part.filename(), part::open);
            }
        }
        return null;
    }
}
