package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin/ops APIs (settings, crons, SQL console, logs, backups) against the packaged jar on a fixture copy. */
class AdminApiIT {
    static final String SUPERUSER = CliIT.SUPERUSER_TOKEN;
    static final String USER = HostileInputIT.USER;
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path dir;
    static LocketProcess server;
    static HttpClient client;

    @BeforeAll
    static void start() throws Exception {
        dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        server = LocketProcess.serve(dir);
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    @AfterAll
    static void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void settingsAreReadAndPatchedBySuperusersOnlyWithSecretsNeverAnswered() throws Exception {
        assertEquals(401, send("GET", "/api/settings", null, null).statusCode());
        assertEquals(403, send("GET", "/api/settings", USER, null).statusCode());
        assertEquals(403, send("PATCH", "/api/settings", USER, "{\"meta\":{\"appName\":\"x\"}}").statusCode());

        HttpResponse<String> get = send("GET", "/api/settings", SUPERUSER, null);
        assertEquals(200, get.statusCode());
        JsonNode s = JSON.readTree(get.body());
        assertEquals("acme_test", s.at("/meta/appName").asText());
        assertTrue(get.body().startsWith("{\"superuserIPs\":[],\"smtp\":{"), get.body());
        assertFalse(s.get("smtp").has("password"));

        HttpResponse<String> patched = send("PATCH", "/api/settings", SUPERUSER,
                "{\"meta\":{\"appName\":\"Locket Test\"},\"smtp\":{\"password\":\"p4ss\"},\"s3\":{\"secret\":\"s3cr3t\"}}");
        assertEquals(200, patched.statusCode(), patched.body());
        assertEquals("Locket Test", JSON.readTree(patched.body()).at("/meta/appName").asText());
        assertFalse(patched.body().contains("p4ss") || patched.body().contains("s3cr3t"), patched.body());
        assertEquals("Locket Test", JSON.readTree(send("GET", "/api/settings", SUPERUSER, null).body())
                .at("/meta/appName").asText());

        HttpResponse<String> invalid = send("PATCH", "/api/settings", SUPERUSER,
                "{\"meta\":{\"appURL\":\"\"},\"rateLimits\":{\"rules\":[{\"label\":\"bad label!\",\"duration\":1,"
                        + "\"maxRequests\":1}]}}");
        assertEquals(400, invalid.statusCode());
        JsonNode err = JSON.readTree(invalid.body());
        assertEquals("An error occurred while saving the new settings.", err.get("message").asText());
        assertEquals("validation_required", err.at("/data/meta/appURL/code").asText());
        assertEquals("validation_match_invalid", err.at("/data/rateLimits/rules/0/label/code").asText());

        HttpResponse<String> badType = send("PATCH", "/api/settings", SUPERUSER, "{\"batch\":{\"enabled\":\"yes\"}}");
        assertEquals(400, badType.statusCode());
        assertEquals("An error occurred while loading the submitted data.",
                JSON.readTree(badType.body()).get("message").asText());

        HttpResponse<String> picked = send("GET", "/api/settings?fields=meta.appName", SUPERUSER, null);
        assertEquals("{\"meta\":{\"appName\":\"Locket Test\"}}", picked.body());
    }

    @Test
    void cronsListTheSystemJobsAndRunOnDemand() throws Exception {
        assertEquals(401, send("GET", "/api/crons", null, null).statusCode());
        HttpResponse<String> list = send("GET", "/api/crons", SUPERUSER, null);
        assertEquals(200, list.statusCode());
        assertTrue(list.body().contains("{\"id\":\"__pbLogsCleanup__\",\"expression\":\"0 */6 * * *\"}"), list.body());
        assertTrue(list.body().contains("{\"id\":\"__pbDBOptimize__\",\"expression\":\"0 0 * * *\"}"), list.body());
        assertEquals(204, send("POST", "/api/crons/__pbDBOptimize__", SUPERUSER, null).statusCode());
        HttpResponse<String> missing = send("POST", "/api/crons/nope", SUPERUSER, null);
        assertEquals(404, missing.statusCode());
        assertEquals("Missing or invalid cron job.", JSON.readTree(missing.body()).get("message").asText());
        assertEquals(403, send("POST", "/api/crons/__pbDBOptimize__", USER, null).statusCode());
    }

    @Test
    void sqlConsoleWritesAndReads() throws Exception {
        HttpResponse<String> write = send("POST", "/api/sql", SUPERUSER,
                "{\"query\":\"create table admin_it(id int primary key, v text); insert into admin_it values (1,'x'),(2,null)\"}");
        assertEquals(200, write.statusCode(), write.body());
        assertEquals(2, JSON.readTree(write.body()).get("affectedRows").asInt());
        HttpResponse<String> read = send("POST", "/api/sql", SUPERUSER, "{\"query\":\"select id, v from admin_it order by id\"}");
        assertEquals(200, read.statusCode(), read.body());
        assertTrue(read.body().contains("\"rows\":[[\"1\",\"x\"],[\"2\",null]]"), read.body());
        assertTrue(read.body().contains("{\"name\":\"id\",\"type\":\"INT\",\"nullable\":true}"), read.body());
        // issue 14 item 7: SQLite tells writes from reads, so a CTE'd or commented write is counted and a
        // read-then-write list runs whole on the writer; a list of reads answers the last one (as upstream)
        HttpResponse<String> cte = send("POST", "/api/sql", SUPERUSER,
                "{\"query\":\"WITH x AS (SELECT 1) DELETE FROM admin_it WHERE id = 2\"}");
        assertEquals(1, JSON.readTree(cte.body()).get("affectedRows").asInt(), cte.body());
        HttpResponse<String> commented = send("POST", "/api/sql", SUPERUSER,
                "{\"query\":\"/* c */ UPDATE admin_it SET v = 'y'\"}");
        assertEquals(1, JSON.readTree(commented.body()).get("affectedRows").asInt(), commented.body());
        HttpResponse<String> mixed = send("POST", "/api/sql", SUPERUSER, "{\"query\":\"SELECT 1; DELETE FROM admin_it\"}");
        assertEquals(1, JSON.readTree(mixed.body()).get("affectedRows").asInt(), mixed.body());
        HttpResponse<String> reads = send("POST", "/api/sql", SUPERUSER, "{\"query\":\"select 1;select 2\"}");
        assertTrue(reads.body().contains("\"rows\":[[\"2\"]]"), reads.body());
        HttpResponse<String> bad = send("POST", "/api/sql", SUPERUSER, "{\"query\":\"selectt 1\"}");
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().contains("Failed to execute query. Raw error:\\nSQL logic error"), bad.body());
        assertEquals(401, send("POST", "/api/sql", null, "{\"query\":\"\"}").statusCode());
    }

    @Test
    void requestsAreLoggedInTheBackgroundAndReadableThroughTheLogsApi() throws Exception {
        assertEquals(401, send("GET", "/api/logs", null, null).statusCode());
        send("GET", "/api/collections/missing_collection_for_logs/records", null, null);
        JsonNode found = awaitLog("data.url ~ 'missing_collection_for_logs' && data.status = 404");
        assertEquals(8, found.get("level").asInt());
        assertEquals("GET /api/collections/missing_collection_for_logs/records", found.get("message").asText());
        assertEquals("request", found.at("/data/type").asText());
        assertEquals("", found.at("/data/auth").asText());

        HttpResponse<String> one = send("GET", "/api/logs/" + found.get("id").asText(), SUPERUSER, null);
        assertEquals(200, one.statusCode());
        HttpResponse<String> stats = send("GET", "/api/logs/stats?filter=" + URLEncoder.encode("level = 8",
                StandardCharsets.UTF_8), SUPERUSER, null);
        assertEquals(200, stats.statusCode());
        assertTrue(JSON.readTree(stats.body()).get(0).get("total").asInt() >= 1, stats.body());
        HttpResponse<String> badStats = send("GET", "/api/logs/stats?filter=%28%28", SUPERUSER, null);
        assertEquals(400, badStats.statusCode());
        assertEquals("Invalid filter format.", JSON.readTree(badStats.body()).get("message").asText());
        assertEquals(404, send("GET", "/api/logs/missing", SUPERUSER, null).statusCode());
    }

    /** The first log entry the filter finds, waiting for the background writer; fails when none comes. */
    private static JsonNode awaitLog(String filter) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            Thread.sleep(500);
            HttpResponse<String> list = send("GET", "/api/logs?filter="
                    + URLEncoder.encode(filter, StandardCharsets.UTF_8), SUPERUSER, null);
            assertEquals(200, list.statusCode(), list.body());
            JsonNode items = JSON.readTree(list.body()).get("items");
            if (!items.isEmpty()) {
                return items.get(0);
            }
        }
        throw new AssertionError("no log entry matched " + filter);
    }

    @Test
    void aLoggedRequestCarriesTheClientIpTheTrustedProxyHeaderNamesAndItsTcpPeer() throws Exception {
        String proxy = "{\"trustedProxy\":{\"headers\":[\"X-Real-IP\"],\"useLeftmostIP\":false},"
                + "\"logs\":{\"logIP\":true}}";
        assertEquals(200, send("PATCH", "/api/settings", SUPERUSER, proxy).statusCode());
        try {
            HttpResponse<String> viaProxy = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                            + "/api/collections/logged_via_proxy/records")).header("X-Real-IP", "bogus, 10.0.0.7")
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, viaProxy.statusCode());
            JsonNode found = awaitLog("data.url ~ 'logged_via_proxy'");
            assertEquals("10.0.0.7", found.at("/data/userIP").asText());
            assertEquals("127.0.0.1", found.at("/data/remoteIP").asText());
        } finally {
            send("PATCH", "/api/settings", SUPERUSER,
                    "{\"trustedProxy\":{\"headers\":[],\"useLeftmostIP\":false},\"logs\":{\"logIP\":false}}");
        }
    }

    @Test
    void backupsAreCreatedListedDownloadedWithAFileTokenAndDeleted() throws Exception {
        assertEquals(403, send("POST", "/api/backups", USER, null).statusCode());
        HttpResponse<String> invalid = send("POST", "/api/backups", SUPERUSER, "{\"name\":\"!bad.zip\"}");
        assertEquals(400, invalid.statusCode());
        assertEquals("validation_match_invalid", JSON.readTree(invalid.body()).at("/data/name/code").asText());

        assertEquals(204, send("POST", "/api/backups", SUPERUSER, "{\"name\":\"it_backup.zip\"}").statusCode());
        assertTrue(Files.isRegularFile(dir.resolve("backups/it_backup.zip")));
        JsonNode list = JSON.readTree(send("GET", "/api/backups", SUPERUSER, null).body());
        List<String> keys = new ArrayList<>();
        list.forEach(n -> keys.add(n.get("key").asText()));
        assertTrue(keys.contains("it_backup.zip"), keys.toString());

        // The Authorization header does not count for downloads: only a superuser file token does.
        assertEquals(403, send("GET", "/api/backups/it_backup.zip", SUPERUSER, null).statusCode());
        HttpResponse<byte[]> zip = client.send(HttpRequest.newBuilder(URI.create(server.baseUrl()
                        + "/api/backups/it_backup.zip?token=" + superuserFileToken())).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, zip.statusCode());
        assertEquals('P', zip.body()[0]);
        assertEquals('K', zip.body()[1]);
        assertEquals(Files.size(dir.resolve("backups/it_backup.zip")), zip.body().length);

        HttpResponse<String> noFile = send("POST", "/api/backups/upload", SUPERUSER, null);
        assertEquals(400, noFile.statusCode());
        assertEquals("validation_required", JSON.readTree(noFile.body()).at("/data/file/code").asText());

        assertEquals(204, send("DELETE", "/api/backups/it_backup.zip", SUPERUSER, null).statusCode());
        assertEquals(400, send("DELETE", "/api/backups/it_backup.zip", SUPERUSER, null).statusCode());
        assertEquals(400, send("POST", "/api/backups/it_backup.zip/restore", SUPERUSER, null).statusCode());
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        if (token != null) {
            b.header("Authorization", token);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** A superuser file token signed as upstream does: the record's tokenKey plus the fileToken secret. */
    private static String superuserFileToken() throws Exception {
        return LocketProcess.fixtureSuperuserToken(dir, "fileToken", "{\"id\":\"sywbhecnh46rhm0\",\"type\":\"file\","
                + "\"collectionId\":\"pbc_3142635823\",\"exp\":2524604461}");
    }
}
