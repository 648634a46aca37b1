package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code migrate} command of the real jar, as upstream's migratecmd: a migration written by
 * {@code migrate create} and filled in runs on the next {@code serve}, {@code migrate down} reverts it,
 * {@code history-sync} forgets one whose file is gone.
 */
class MigrateCommandIT {
    @TempDir
    Path tmp;

    @Test
    void aCreatedMigrationRunsOnTheNextStartAndMigrateDownRevertsIt() throws Exception {
        Path dir = tmp.resolve("pb_data");
        Path migrations = tmp.resolve("pb_migrations");
        assertEquals(0, LocketProcess.run(tmp, "superuser", "upsert", "admin@example.com", "s3cret-pass",
                "--dir", dir.toString()).exitCode());

        // the schema as it is now, to be the down step: a snapshot of every collection
        LocketProcess.Result snapshot = LocketProcess.runAnswering(tmp, "y\n", "migrate", "collections", "--dir", dir.toString());
        assertEquals(0, snapshot.exitCode(), snapshot.output());
        Path snapshotFile = only(migrations, "_collections_snapshot.json");
        String baseline = Files.readString(snapshotFile);
        assertTrue(baseline.contains("\"name\" : \"users\""), baseline);
        Files.delete(snapshotFile);

        LocketProcess.Result create = LocketProcess.runAnswering(tmp, "yes\n", "migrate", "create", "add_notes", "--dir", dir.toString());
        assertEquals(0, create.exitCode(), create.output());
        Path file = only(migrations, "_add_notes.json");
        assertTrue(Files.readString(file).contains("\"up\""), "an empty template to fill in");
        String baselineUp = baseline.substring(baseline.indexOf('{', baseline.indexOf("\"up\"")),
                baseline.lastIndexOf("\"down\""));
        Files.writeString(file, """
                {"up": {"collections": [{"name": "notes", "type": "base", "listRule": "",
                                         "fields": [{"name": "title", "type": "text"}]}]},
                 "down": %s
                """.formatted(baselineUp.strip().replaceAll(",$", "") + "}"));

        try (LocketProcess server = LocketProcess.serve(dir)) {
            HttpResponse<String> notes = LocketProcess.get(server.baseUrl() + "/api/collections/notes/records", null);
            assertEquals(200, notes.statusCode(), "applied before serving: " + notes.body());
        }
        assertEquals(List.of(file.getFileName().toString()), applied(dir, "%_add_notes.json"));

        // upstream asks first, listing what it would revert; no answer (end of input) cancels
        LocketProcess.Result unanswered = LocketProcess.run(tmp, "migrate", "down", "--dir", dir.toString());
        assertEquals(0, unanswered.exitCode(), unanswered.output());
        assertTrue(unanswered.output().contains(file.getFileName() + "\nDo you really want to revert the last 1 "
                + "applied migration(s)? (y/N) "), unanswered.output());
        assertTrue(unanswered.output().contains("The command has been cancelled"), unanswered.output());
        assertEquals(List.of(file.getFileName().toString()), applied(dir, "%_add_notes.json"), "still applied");

        LocketProcess.Result down = LocketProcess.runAnswering(tmp, "maybe\ny\n", "migrate", "down", "--dir",
                dir.toString());
        assertEquals(0, down.exitCode(), down.output());
        assertTrue(down.output().contains("Reverted " + file.getFileName()), down.output());
        assertEquals(List.of(), applied(dir, "%_add_notes.json"));
        try (LocketProcess server = LocketProcess.serve(dir, LocketProcess.freePort(), "--migrationsDir",
                tmp.resolve("elsewhere").toString())) {
            HttpResponse<String> notes = LocketProcess.get(server.baseUrl() + "/api/collections/notes/records", null);
            assertEquals(404, notes.statusCode(), "reverted: " + notes.body());
            HttpResponse<String> users = LocketProcess.get(server.baseUrl() + "/api/collections/users/records", null);
            assertFalse(users.statusCode() == 404, "the down step kept the other collections");
        }

        LocketProcess.Result up = LocketProcess.run(tmp, "migrate", "up", "--dir", dir.toString());
        assertTrue(up.output().contains("Applied " + file.getFileName()), up.output());
        Files.delete(file);
        LocketProcess.Result sync = LocketProcess.run(tmp, "migrate", "history-sync", "--dir", dir.toString());
        assertEquals(0, sync.exitCode(), sync.output());
        assertEquals(List.of(), applied(dir, "%_add_notes.json"), "history-sync forgets a migration that is gone");
        assertFalse(applied(dir, "%.go").isEmpty(), "upstream's own rows stay");
    }

    @Test
    void automigrateWritesASnapshotWhenACollectionChanges() throws Exception {
        Path dir = tmp.resolve("pb_data");
        Path migrations = tmp.resolve("pb_migrations");
        assertEquals(0, LocketProcess.run(tmp, "superuser", "upsert", "admin@example.com", "s3cret-pass",
                "--dir", dir.toString()).exitCode());
        try (LocketProcess server = LocketProcess.serve(dir, LocketProcess.freePort(), "--automigrate")) {
            String token = superuserToken(server.baseUrl(), "admin@example.com", "s3cret-pass");
            HttpResponse<String> created = post(server.baseUrl() + "/api/collections", token,
                    "{\"name\":\"tasks\",\"type\":\"base\",\"fields\":[{\"name\":\"title\",\"type\":\"text\"}]}");
            assertEquals(200, created.statusCode(), created.body());
        }
        Path file = only(migrations, "_created_tasks.json");
        assertTrue(Files.readString(file).contains("\"tasks\""));
        assertEquals(List.of(file.getFileName().toString()), applied(dir, "%_created_tasks.json"),
                "recorded as applied: the change is made already");

        LocketProcess.Result down = LocketProcess.runAnswering(tmp, "y\n", "migrate", "down", "1", "--dir", dir.toString());
        assertEquals(0, down.exitCode(), down.output());
        try (LocketProcess server = LocketProcess.serve(dir, LocketProcess.freePort(), "--migrationsDir",
                tmp.resolve("elsewhere").toString())) {
            assertEquals(404, LocketProcess.get(server.baseUrl() + "/api/collections/tasks/records", null)
                    .statusCode(), "the down step is the schema before the change");
        }
    }

    static String superuserToken(String base, String email, String password) throws Exception {
        HttpResponse<String> login = post(base + "/api/collections/_superusers/auth-with-password", null,
                "{\"identity\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertEquals(200, login.statusCode(), login.body());
        var m = java.util.regex.Pattern.compile("\"token\":\"([^\"]+)\"").matcher(login.body());
        assertTrue(m.find(), login.body());
        return m.group(1);
    }

    static HttpResponse<String> post(String url, String token, String json) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", token);
        }
        return java.net.http.HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static Path only(Path dir, String suffix) throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> found = s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
            assertEquals(1, found.size(), "one *" + suffix + " in " + dir + ": " + found);
            assertTrue(found.getFirst().getFileName().toString().matches("[0-9]+_.*"), "named <unix>_<name>");
            return found.getFirst();
        }
    }

    private static List<String> applied(Path dir, String like) throws Exception {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
             var ps = db.prepareStatement("SELECT file FROM _migrations WHERE file LIKE ? ORDER BY file")) {
            ps.setString(1, like);
            try (var rs = ps.executeQuery()) {
                List<String> out = new java.util.ArrayList<>();
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
                return out;
            }
        }
    }
}
