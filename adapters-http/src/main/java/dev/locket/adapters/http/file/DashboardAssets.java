package dev.locket.adapters.http.file;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * The dashboard's static files, read from the classpath: the app under {@code /_/} and the WebJars it imports
 * under {@code /_/vendor/}. Like upstream's {@code /_/} route it gzips what compresses, sends a
 * Content-Security-Policy, and lets the browser cache: versioned vendor files for two weeks, the app's own
 * files with revalidation (their names carry no version). Files are read once and kept in memory.
 */
public final class DashboardAssets {
    /** Below this size gzip's overhead outweighs the saving (upstream's middleware uses the same idea). */
    private static final int GZIP_MIN_BYTES = 256;
    private static final String VENDOR = "vendor/";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script(?![^>]*\\ssrc=)[^>]*>(.*?)</script>",
            Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"),
            Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"),
            Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"),
            Map.entry("map", "application/json"),
            Map.entry("svg", "image/svg+xml"),
            Map.entry("txt", "text/plain; charset=utf-8"),
            Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"),
            Map.entry("woff2", "font/woff2"));

    private final ClassLoader loader;
    private final String appRoot;
    private final String vendorRoot;
    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();
    private final String csp;

    private DashboardAssets(ClassLoader loader, String appRoot, String vendorRoot) {
        this.loader = loader;
        this.appRoot = appRoot;
        this.vendorRoot = vendorRoot;
        this.csp = policy(asset(appRoot + "/index.html").map(a -> new String(a.plain, StandardCharsets.UTF_8))
                .orElse(""));
    }

    /**
     * Serves {@code appRoot} (a classpath folder holding {@code index.html}) at {@code /_/} and {@code vendorRoot}
     * (e.g. {@code META-INF/resources/webjars}) at {@code /_/vendor/}. Unknown files fall through to the next
     * route (the API's JSON 404).
     */
    public static void register(HttpRouting.Builder routing, ClassLoader loader, String appRoot, String vendorRoot) {
        DashboardAssets assets = new DashboardAssets(loader, appRoot, vendorRoot);
        // relative, so the redirect also works behind a proxy that mounts the app under a sub-path
        routing.get("/_", (req, res) -> res.status(Status.MOVED_PERMANENTLY_301).header(HeaderNames.LOCATION, "./_/")
                .send());
        routing.get("/_/*", assets::serve);
    }

    private void serve(ServerRequest req, ServerResponse res) {
        String path = req.path().path().substring("/_/".length());
        Optional<String> resource = resourceFor(path.isEmpty() ? "index.html" : path);
        Optional<Asset> found = resource.flatMap(this::asset);
        if (found.isEmpty()) {
            res.next();
            return;
        }
        Asset asset = found.get();
        boolean gzip = asset.gzipped != null && acceptsGzip(req);
        // each encoding is its own representation, with its own validator
        String etag = "\"" + asset.digest + (gzip ? "-gz" : "") + "\"";
        res.header(HeaderNames.CONTENT_TYPE, asset.type);
        res.header(HeaderNames.ETAG, etag);
        res.header(HeaderNames.VARY, "Accept-Encoding");
        res.header(HeaderNames.CACHE_CONTROL, path.startsWith(VENDOR)
                ? "public, max-age=1209600, stale-while-revalidate=86400" : "no-cache");
        res.header(HeaderNames.create("Content-Security-Policy"), csp);
        res.header(HeaderNames.create("X-Content-Type-Options"), "nosniff");
        String ifNoneMatch = req.headers().first(HeaderNames.IF_NONE_MATCH).orElse("");
        if (matches(ifNoneMatch, etag)) {
            res.status(Status.NOT_MODIFIED_304).send();
            return;
        }
        if (gzip) {
            res.header(HeaderNames.CONTENT_ENCODING, "gzip");
            res.send(asset.gzipped);
        } else {
            res.send(asset.plain);
        }
    }

    /** The classpath name for a request path, or empty for anything that could leave the two roots. */
    private Optional<String> resourceFor(String path) {
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")
                    || segment.indexOf('\0') >= 0) {
                return Optional.empty();
            }
        }
        if (path.startsWith(VENDOR)) {
            return Optional.of(vendorRoot + "/" + path.substring(VENDOR.length()));
        }
        return Optional.of(appRoot + "/" + path);
    }

    private Optional<Asset> asset(String name) {
        return cache.computeIfAbsent(name, this::load);
    }

    private Optional<Asset> load(String name) {
        String type = TYPES.get(extension(name));
        if (type == null) {
            return Optional.empty(); // also keeps directories and class files out
        }
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] plain = in.readAllBytes();
            byte[] gzipped = compressible(type) && plain.length >= GZIP_MIN_BYTES ? gzip(plain) : null;
            return Optional.of(new Asset(type, plain, gzipped, digest(plain).substring(0, 22)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Upstream's policy, with the hashes of index.html's inline scripts (the import map) allowed: browsers
     * apply script-src to inline import maps too.
     */
    static String policy(String indexHtml) {
        List<String> hashes = new ArrayList<>();
        Matcher m = INLINE_SCRIPT.matcher(indexHtml);
        while (m.find()) {
            hashes.add("'sha256-" + Base64.getEncoder().encodeToString(sha256(m.group(1).getBytes(
                    StandardCharsets.UTF_8))) + "'");
        }
        return "default-src 'self'; style-src 'self' 'unsafe-inline'; "
                + "img-src 'self' http://127.0.0.1:* https://tile.openstreetmap.org data: blob:; "
                + "connect-src 'self' http://127.0.0.1:* https://nominatim.openstreetmap.org; "
                + "script-src 'self' http://127.0.0.1:*" + (hashes.isEmpty() ? "" : " " + String.join(" ", hashes))
                + "; frame-ancestors 'none'";
    }

    private static boolean acceptsGzip(ServerRequest req) {
        for (String value : req.headers().values(HeaderNames.ACCEPT_ENCODING)) {
            for (String coding : value.split(",")) {
                String[] parts = coding.trim().toLowerCase(Locale.ROOT).split(";");
                if (parts[0].trim().equals("gzip") && !(parts.length > 1 && parts[1].replace(" ", "").equals("q=0"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals("W/" + etag)) {
                return true;
            }
        }
        return false;
    }

    private static boolean compressible(String type) {
        return type.startsWith("text/") || type.startsWith("application/json") || type.startsWith("image/svg");
    }

    private static String extension(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        return dot > slash ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
    }

    private static byte[] gzip(byte[] plain) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(plain.length / 3 + 64);
        // the best compression: each file is compressed once and served many times
        try (GZIPOutputStream gz = new GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.BEST_COMPRESSION);
            }
        }) {
            gz.write(plain);
        }
        return out.toByteArray();
    }

    private static String digest(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sha256(bytes));
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Asset(String type, byte[] plain, byte[] gzipped, String digest) {
    }
}
