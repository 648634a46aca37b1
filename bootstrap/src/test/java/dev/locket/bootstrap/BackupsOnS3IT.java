package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.locket.adapters.storage.S3ProxyServer;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Backups follow {@code backups.s3} (issue 12 item 6): made, listed, downloaded and pruned in the bucket of
 * a real S3 API server (S3Proxy), the scheduled backup keeps {@code cronMaxKeep}, and a failed scheduled
 * backup is mailed to the superusers (GreenMail).
 */
class BackupsOnS3IT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @RegisterExtension
    static final GreenMailExtension MAIL = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"));

    @TempDir
    Path tmp;

    /**
     * The schedule is a minute's ({@code * * * * *}, upstream's finest), so the failing schedule runs on a second
     * server at the same minute instead of a minute later: one wait for both.
     */
    @Test
    void backupsLiveInTheBucketAndTheScheduleKeepsTheNewestAndMailsFailures() throws Exception {
        Path dir = LocketProcess.sdkDataDir(Files.createDirectories(tmp.resolve("kept")));
        Path failingDir = LocketProcess.sdkDataDir(Files.createDirectories(tmp.resolve("failing")));
        String bucket = S3.newBucket();
        try (S3Client s3 = S3.client()) {
            // three older automatic backups already in the bucket
            for (String old : List.of("@auto_pb_backup_old_1.zip", "@auto_pb_backup_old_2.zip",
                    "@auto_pb_backup_old_3.zip")) {
                s3.putObject(b -> b.bucket(bucket).key(old), RequestBody.fromString("not a real zip"));
                Thread.sleep(1100); // distinct modification times
            }
        }
        try (LocketProcess server = LocketProcess.serve(dir); LocketProcess failing = LocketProcess.serve(failingDir)) {
            String token = SlowQueriesIT.superuserToken(server);
            Map<String, Object> backups = new LinkedHashMap<>();
            backups.put("s3", S3.settings(bucket));
            patch(server, token, Map.of("backups", backups));
            HttpResponse<String> probe = SlowQueriesIT.send(server, "POST", "/api/settings/test/s3", token,
                    "{\"filesystem\":\"backups\"}");
            assertEquals(204, probe.statusCode(), probe.body());

            assertEquals(204, SlowQueriesIT.send(server, "POST", "/api/backups", token,
                    "{\"name\":\"manual.zip\"}").statusCode());
            assertTrue(keys(bucket).contains("manual.zip"), "the backup is in the bucket: " + keys(bucket));
            assertFalse(Files.exists(dir.resolve("backups/manual.zip")), "and not in the data directory");
            JsonNode listed = JSON.readTree(SlowQueriesIT.send(server, "GET", "/api/backups", token, null).body());
            assertTrue(listed.toString().contains("\"key\":\"manual.zip\""), listed.toString());

            String fileToken = JSON.readTree(SlowQueriesIT.send(server, "POST", "/api/files/token", token, null)
                    .body()).get("token").asText();
            HttpResponse<byte[]> zip = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    server.baseUrl() + "/api/backups/manual.zip?token=" + fileToken)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, zip.statusCode());
            assertTrue(zipEntries(zip.body()).contains("data.db"), "a data directory archive");

            // a bucket that does not exist: the scheduled backup fails and every superuser hears of it
            Map<String, Object> broken = new LinkedHashMap<>(S3.settings(bucket));
            broken.put("bucket", "no-such-bucket-" + System.nanoTime());
            Map<String, Object> failingBackups = new LinkedHashMap<>();
            failingBackups.put("s3", broken);
            failingBackups.put("cron", "* * * * *");
            patch(failing, SlowQueriesIT.superuserToken(failing), Map.of("backups", failingBackups, "smtp", smtp(),
                    "meta", Map.of("appName", "Locket test", "senderAddress", "alerts@example.com")));
            // every minute, keep two automatic ones
            backups.put("cron", "* * * * *");
            backups.put("cronMaxKeep", 2);
            patch(server, token, Map.of("backups", backups));

            List<String> autos = awaitAutos(bucket, a -> a.stream().anyMatch(k -> !k.contains("_old_")));
            assertEquals(2, autos.size(), autos.toString());
            assertTrue(autos.contains("@auto_pb_backup_old_3.zip"), "the newest older one stays: " + autos);
            assertTrue(keys(bucket).contains("manual.zip"), "manual backups are not pruned");

            assertTrue(MAIL.waitForIncomingEmail(Duration.ofSeconds(130).toMillis(), 1), failing.output());
            MimeMessage alert = MAIL.getReceivedMessages()[0];
            assertEquals("[Locket test system alert] Autobackup failure", alert.getSubject());
            assertEquals(LocketProcess.SDK_EMAIL, alert.getAllRecipients()[0].toString());
            assertTrue(GreenMailUtil.getBody(alert).contains("Failed to create/upload automated backup"),
                    GreenMailUtil.getBody(alert));
            assertTrue(failing.output().contains("[Backup cron] Failed to create backup @auto_pb_backup_"),
                    failing.output());
            assertFalse(failing.output().contains("\tat "), failing.output());
            assertFalse(server.output().contains("\tat "), server.output());
        }
    }

    private static List<String> awaitAutos(String bucket, java.util.function.Predicate<List<String>> done)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(130).toNanos();
        List<String> autos = List.of();
        while (System.nanoTime() < deadline) {
            autos = keys(bucket).stream().filter(k -> k.startsWith("@auto_pb_backup_")).toList();
            if (done.test(autos) && autos.size() <= 2) {
                return autos;
            }
            Thread.sleep(500);
        }
        return autos;
    }

    private static List<String> keys(String bucket) {
        try (S3Client s3 = S3.client()) {
            return s3.listObjectsV2(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).toList();
        }
    }

    private static List<String> zipEntries(byte[] zip) throws Exception {
        List<String> names = new java.util.ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (var e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                names.add(e.getName());
            }
        }
        return names;
    }

    private static Map<String, Object> smtp() {
        Map<String, Object> smtp = new LinkedHashMap<>();
        smtp.put("enabled", true);
        smtp.put("host", "127.0.0.1");
        smtp.put("port", MAIL.getSmtp().getPort());
        smtp.put("username", "mailer");
        smtp.put("password", "s3cret");
        smtp.put("authMethod", "PLAIN");
        smtp.put("tls", false);
        return smtp;
    }

    private static void patch(LocketProcess server, String token, Map<String, Object> settings) throws Exception {
        HttpResponse<String> r = SlowQueriesIT.send(server, "PATCH", "/api/settings", token,
                JSON.writeValueAsString(settings));
        assertEquals(200, r.statusCode(), r.body());
    }
}
