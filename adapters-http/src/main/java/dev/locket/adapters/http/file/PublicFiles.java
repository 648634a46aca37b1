package dev.locket.adapters.http.file;

import dev.locket.domain.file.MimeTypes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * {@code serve --publicDir}: the files of a folder at {@code /}, as upstream's {@code apis.Static} serves
 * {@code pb_public} after every other route. A directory answers its {@code index.html} (a URL without the
 * trailing slash is redirected to it), {@code …/index.html} and a file URL with a trailing slash are redirected
 * to their canonical form, and with {@code indexFallback} a missing path answers the root {@code index.html}
 * (single-page apps with pretty URLs). Whatever is not found falls through to the JSON 404.
 */
public final class PublicFiles {
    private static final String INDEX = "index.html";
    /** Go's built-in extension table ({@code mime.TypeByExtension}), which wins over content sniffing. */
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry(".avif", "image/avif"),
            Map.entry(".css", "text/css; charset=utf-8"),
            Map.entry(".gif", "image/gif"),
            Map.entry(".htm", "text/html; charset=utf-8"),
            Map.entry(".html", "text/html; charset=utf-8"),
            Map.entry(".jpeg", "image/jpeg"),
            Map.entry(".jpg", "image/jpeg"),
            Map.entry(".js", "text/javascript; charset=utf-8"),
            Map.entry(".json", "application/json"),
            Map.entry(".mjs", "text/javascript; charset=utf-8"),
            Map.entry(".pdf", "application/pdf"),
            Map.entry(".png", "image/png"),
            Map.entry(".svg", "image/svg+xml"),
            Map.entry(".wasm", "application/wasm"),
            Map.entry(".webp", "image/webp"),
            Map.entry(".xml", "text/xml; charset=utf-8"),
            Map.entry(".ico", "image/vnd.microsoft.icon"),
            Map.entry(".txt", "text/plain; charset=utf-8"),
            Map.entry(".woff2", "font/woff2"),
            Map.entry(".woff", "font/woff"),
            Map.entry(".map", "application/json"));

    private final Path root;
    private final boolean indexFallback;

    private PublicFiles(Path root, boolean indexFallback) {
        this.root = root.toAbsolutePath().normalize();
        this.indexFallback = indexFallback;
    }

    /** Registers {@code GET /*} (HEAD too) over {@code dir}; a missing folder simply serves nothing. */
    public static void register(HttpRouting.Builder routing, Path dir, boolean indexFallback) {
        PublicFiles files = new PublicFiles(dir, indexFallback);
        routing.get("/*", files::handle);
    }

    private void handle(ServerRequest req, ServerResponse res) {
        String urlPath = req.path().path();
        String name = clean(urlPath);
        if (name == null) {
            serveFallbackOrNext(req, res, null);
            return;
        }
        Path file = name.isEmpty() ? root : root.resolve(name).normalize();
        if (!file.startsWith(root) || !Files.exists(file)) {
            serveFallbackOrNext(req, res, name);
            return;
        }
        if (Files.isDirectory(file)) {
            if (!urlPath.endsWith("/")) {
                redirect(res, urlPath + "/");
                return;
            }
            Path index = file.resolve(INDEX);
            if (Files.isRegularFile(index)) {
                send(req, res, index);
            } else {
                serveFallbackOrNext(req, res, name.isEmpty() ? INDEX : name + "/" + INDEX);
            }
            return;
        }
        if (urlPath.endsWith("/")) {
            String trimmed = urlPath.replaceAll("/+$", "");
            if (!trimmed.isEmpty()) {
                redirect(res, trimmed);
                return;
            }
        } else if (urlPath.endsWith(INDEX)) {
            redirect(res, urlPath.substring(0, urlPath.length() - INDEX.length()));
            return;
        }
        send(req, res, file);
    }

    /**
     * The requested name relative to the root, or null when it climbs out of it or cannot name a file at all
     * (a decoded {@code %00}: no such file, so the next route or a 404 answers, never a 500; found by ApiFuzzIT).
     */
    private static String clean(String urlPath) {
        if (urlPath.indexOf('\0') >= 0) {
            return null;
        }
        String p = urlPath.replace('\\', '/');
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        Path normalized = Path.of(p.isEmpty() ? "." : p).normalize();
        String name = normalized.toString().replace('\\', '/');
        if (name.equals("..") || name.startsWith("../")) {
            return null;
        }
        return name;
    }

    private void serveFallbackOrNext(ServerRequest req, ServerResponse res, String name) {
        Path index = root.resolve(INDEX);
        if (indexFallback && !INDEX.equals(name) && Files.isRegularFile(index)) {
            send(req, res, index);
            return;
        }
        res.next();
    }

    private static void redirect(ServerResponse res, String location) {
        // Go's safeRedirectPath: several leading slashes would make an off-site redirect ("//evil.example")
        String safe = location;
        if (safe.length() > 1 && (safe.charAt(0) == '/' || safe.charAt(0) == '\\')
                && (safe.charAt(1) == '/' || safe.charAt(1) == '\\')) {
            safe = "/" + safe.replaceFirst("^[/\\\\]+", "");
        }
        res.status(Status.MOVED_PERMANENTLY_301);
        res.header(HeaderNames.LOCATION, safe);
        res.send();
    }

    private static void send(ServerRequest req, ServerResponse res, Path file) {
        try {
            long size = Files.size(file);
            res.header(HeaderNames.CONTENT_TYPE, type(file));
            FileRoutes.sendContent(req, res, Files.getLastModifiedTime(file).toInstant(), size, offset -> {
                InputStream in = Files.newInputStream(file);
                in.skipNBytes(offset);
                return in;
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(Path file) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String byExtension = dot < 0 ? null : TYPES.get(name.substring(dot).toLowerCase(Locale.ROOT));
        if (byExtension != null) {
            return byExtension;
        }
        byte[] head = new byte[MimeTypes.SNIFF_LENGTH];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        return MimeTypes.detect(head, n);
    }
}
