package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A restore puts the backed-up data back and the server reopens the data directory on the same port. */
class BackupRestoreIT {
    static final String SUPERUSER = CliIT.SUPERUSER_TOKEN;

    @TempDir
    Path tmp;

    @Test
    void restoringABackupBringsBackItsDataWhileTheServerKeepsServing() throws Exception {
        Path dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        try (LocketProcess server = LocketProcess.serve(dir)) {
            HttpClient client = HttpClient.newHttpClient();
            assertEquals(204, post(client, server, "/api/backups", "{\"name\":\"before.zip\"}").statusCode());
            assertEquals(200, post(client, server, "/api/sql", "{\"query\":\"create table after_backup(id int)\"}")
                    .statusCode());
            assertEquals(204, post(client, server, "/api/backups/before.zip/restore", null).statusCode());

            HttpResponse<String> check = null;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                Thread.sleep(300);
                try {
                    check = post(client, server, "/api/sql", "{\"query\":\"select count(*) from after_backup\"}");
                } catch (java.io.IOException reopening) {
                    continue; // the server is between its close and its reopen
                }
                if (check.statusCode() == 400) {
                    break;
                }
            }
            assertEquals(400, check.statusCode(), "the table created after the backup is gone: " + check.body());
            assertTrue(check.body().contains("no such table: after_backup"), check.body());
            HttpResponse<String> users = post(client, server, "/api/sql", "{\"query\":\"select count(*) from users\"}");
            assertEquals(200, users.statusCode());
            assertTrue(Files.isRegularFile(dir.resolve("backups/before.zip")), "the backups folder is kept");
            assertTrue(server.output().contains("data directory reopened"), server.output());
        }
    }

    private static HttpResponse<String> post(HttpClient client, LocketProcess server, String path, String body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .timeout(Duration.ofSeconds(20)).header("Authorization", SUPERUSER)
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
