package dev.locket.adapters.http.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;

import dev.locket.adapters.http.HttpConfig;
import dev.locket.adapters.http.HttpPorts;
import dev.locket.adapters.http.server.LocketHttpServer;
import dev.locket.application.port.in.auth.AuthRefresh;
import dev.locket.application.port.in.auth.AuthWithPassword;
import dev.locket.application.port.in.auth.Authenticate;
import dev.locket.application.port.in.collection.ManageCollections;
import dev.locket.application.port.in.record.CreateRecord;
import dev.locket.application.port.in.record.DeleteRecord;
import dev.locket.application.port.in.record.ListRecords;
import dev.locket.application.port.in.record.UpdateRecord;
import dev.locket.application.port.in.record.ViewRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dashboard's static files over a real server: gzip, caching validators, CSP, and no way out of the roots. */
class DashboardAssetsIT {
    private static final String ROOT = "dashboard-fixture/";
    private static LocketHttpServer server;
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        HttpPorts ports = HttpPorts.builder()
                .records(mock(ListRecords.class), mock(ViewRecord.class), mock(CreateRecord.class),
                        mock(UpdateRecord.class), mock(DeleteRecord.class))
                .collections(mock(ManageCollections.class))
                .auth(mock(AuthWithPassword.class), mock(AuthRefresh.class), mock(Authenticate.class))
                .build();
        server = LocketHttpServer.start(new HttpConfig("127.0.0.1", 0), ports, routing -> DashboardAssets.register(
                routing, DashboardAssetsIT.class.getClassLoader(), ROOT + "app", ROOT + "vendor"));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void theBareMountRedirectsToTheFolderSoRelativeUrlsResolve() throws Exception {
        HttpResponse<byte[]> r = get("/_", null, null);
        assertEquals(301, r.statusCode());
        assertEquals("./_/", r.headers().firstValue("Location").orElseThrow());
    }

    @Test
    void theIndexIsGzippedForBrowsersAndAllowsItsImportMapInTheContentSecurityPolicy() throws Exception {
        HttpResponse<byte[]> r = get("/_/", "gzip, deflate, br", null);
        assertEquals(200, r.statusCode());
        assertEquals("text/html; charset=utf-8", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("gzip", r.headers().firstValue("Content-Encoding").orElseThrow());
        assertEquals("Accept-Encoding", r.headers().firstValue("Vary").orElseThrow());
        byte[] plain = resource("app/index.html");
        assertArrayEquals(plain, gunzip(r.body()));
        assertTrue(r.body().length < plain.length, "compressed: " + r.body().length + " < " + plain.length);

        String importMap = "{ \"imports\": { \"lib\": \"./vendor/lib/1.0/lib.js\" } }";
        String hash = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
                .digest(importMap.getBytes(StandardCharsets.UTF_8)));
        String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
        assertTrue(csp.contains("script-src 'self' http://127.0.0.1:* 'sha256-" + hash + "'"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    }

    @Test
    void withoutGzipTheSameFileComesPlainWithItsOwnValidator() throws Exception {
        HttpResponse<byte[]> plain = get("/_/app.js", null, null);
        HttpResponse<byte[]> gzipped = get("/_/app.js", "gzip", null);
        assertEquals(200, plain.statusCode());
        assertEquals("text/javascript; charset=utf-8", plain.headers().firstValue("Content-Type").orElseThrow());
        assertFalse(plain.headers().firstValue("Content-Encoding").isPresent());
        assertArrayEquals(resource("app/app.js"), plain.body());
        assertEquals("no-cache", plain.headers().firstValue("Cache-Control").orElseThrow(),
                "unversioned app files are revalidated");
        String plainTag = plain.headers().firstValue("ETag").orElseThrow();
        String gzipTag = gzipped.headers().firstValue("ETag").orElseThrow();
        assertFalse(plainTag.equals(gzipTag), "each encoding has its own ETag");

        HttpResponse<byte[]> revalidated = get("/_/app.js", "gzip", gzipTag);
        assertEquals(304, revalidated.statusCode());
        assertEquals(0, revalidated.body().length);
        assertEquals(200, get("/_/app.js", "gzip", "\"something-else\"").statusCode());
    }

    @Test
    void tinyFilesAreNotWorthCompressing() throws Exception {
        HttpResponse<byte[]> r = get("/_/tiny.js", "gzip", null);
        assertEquals(200, r.statusCode());
        assertFalse(r.headers().firstValue("Content-Encoding").isPresent());
        assertArrayEquals(resource("app/tiny.js"), r.body());
    }

    @Test
    void versionedVendorFilesAreCachedForTwoWeeks() throws Exception {
        HttpResponse<byte[]> r = get("/_/vendor/lib/1.0/lib.js", null, null);
        assertEquals(200, r.statusCode());
        assertArrayEquals(resource("vendor/lib/1.0/lib.js"), r.body());
        assertTrue(r.headers().firstValue("Cache-Control").orElseThrow().contains("max-age=1209600"));
    }

    @Test
    void nothingOutsideTheTwoRootsIsServed() throws Exception {
        for (String path : new String[] {"/_/missing.js", "/_/../dashboard-fixture/app/app.js",
                "/_/vendor/../app/app.js", "/_/%2e%2e/app/app.js", "/_/vendor/%2e%2e/%2e%2e/app/app.js",
                "/_/vendor", "/_/vendor/lib", "/_/app.js/", "/_/index",
                "/_/../../dev/locket/adapters/http/DashboardAssets.class"}) {
            HttpResponse<byte[]> r = get(path, null, null);
            String body = new String(r.body(), StandardCharsets.UTF_8);
            assertEquals(404, r.statusCode(), path + " -> " + body);
            assertTrue(body.contains("\"status\":404"), "the API's JSON 404 for " + path + ": " + body);
        }
    }

    private static HttpResponse<byte[]> get(String path, String acceptEncoding, String ifNoneMatch)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path));
        if (acceptEncoding != null) {
            b.header("Accept-Encoding", acceptEncoding);
        }
        if (ifNoneMatch != null) {
            b.header("If-None-Match", ifNoneMatch);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DashboardAssetsIT.class.getClassLoader().getResourceAsStream(ROOT + name)) {
            return in.readAllBytes();
        }
    }

    private static byte[] gunzip(byte[] bytes) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
            return in.readAllBytes();
        }
    }
}
