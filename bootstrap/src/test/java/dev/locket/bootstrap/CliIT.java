package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged jar's command line, as a user runs it. */
class CliIT {
    static final String SUPERUSER_TOKEN = "eyJhbGciOiJIUzI1NiJ9.eyJpZCI6InN5d2JoZWNuaDQ2cmhtMCIsInR5cGUiOiJhdXRoIiwiY29sbGVjdGlvbklkIjoicGJjXzMxNDI2MzU4MjMiLCJleHAiOjI1MjQ2MDQ0NjEsInJlZnJlc2hhYmxlIjp0cnVlfQ.UXgO3j-0BumcugrFjbd7j0M4MQvbrLggLlcu_YNGjoY";

    @TempDir
    Path tmp;

    @Test
    void printsItsVersionAndUsage() throws Exception {
        LocketProcess.Result version = LocketProcess.run(tmp, "--version");
        assertEquals(0, version.exitCode());
        assertTrue(version.output().matches("(?s)locket version \\d+\\.\\d+\\.\\d+.*"), version.output());

        LocketProcess.Result help = LocketProcess.run(tmp, "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.output().contains("serve [--http HOST:PORT] [--dir DATA_DIR]"), help.output());

        LocketProcess.Result bad = LocketProcess.run(tmp, "fly");
        assertNotEquals(0, bad.exitCode());
        assertTrue(bad.output().contains("unknown command fly"), bad.output());
    }

    @Test
    void servesACopyOfThePocketBaseFixture() throws Exception {
        Path dir = tmp.resolve("pb_data");
        LocketProcess.copyTree(LocketProcess.fixture(), dir);
        try (LocketProcess server = LocketProcess.serve(dir)) {
            HttpResponse<String> demo2 = LocketProcess.get(server.baseUrl() + "/api/collections/demo2/records", null);
            assertEquals(200, demo2.statusCode(), demo2.body());
            assertTrue(demo2.body().contains("\"totalItems\":3"), demo2.body());
            assertTrue(demo2.body().contains("\"title\":\"test1\""), demo2.body());

            HttpResponse<String> locked = LocketProcess.get(server.baseUrl() + "/api/collections/demo1/records", null);
            assertEquals(403, locked.statusCode(), locked.body());

            HttpResponse<String> asSuperuser = LocketProcess.get(
                    server.baseUrl() + "/api/collections/demo1/records/84nmscqy84lsi1t", SUPERUSER_TOKEN);
            assertEquals(200, asSuperuser.statusCode(), asSuperuser.body());
            assertTrue(asSuperuser.body().contains("\"select_many\":[\"optionB\",\"optionC\"]"), asSuperuser.body());

            HttpResponse<String> extensions = LocketProcess.get(server.baseUrl() + "/_/extensions.js", null);
            assertEquals(200, extensions.statusCode(), "the dashboard's UI extensions script exists, empty");
            assertEquals("", extensions.body());

            assertTrue(server.output().contains("REST API"), server.output());
            assertTrue(server.output().contains("/_/"), server.output());
            assertEquals(0, server.terminate(), "SIGTERM stops the server cleanly");
        }
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
             var rs = db.createStatement().executeQuery("SELECT count(*) FROM _migrations")) {
            assertEquals(77, rs.getInt(1), "the fixture's migrations count as applied, none added");
        }
    }

    @Test
    void createsAFreshDataDirectoryAndASuperuserThatCanLogIn() throws Exception {
        Path dir = tmp.resolve("fresh");
        LocketProcess.Result upsert = LocketProcess.run(tmp, "superuser", "upsert", "admin@example.com",
                "s3cret-pass", "--dir", dir.toString());
        assertEquals(0, upsert.exitCode(), upsert.output());
        assertTrue(Files.exists(dir.resolve("data.db")));
        assertTrue(Files.exists(dir.resolve("auxiliary.db")));
        // as upstream's bootstrap does, a data directory without settings gets the defaults stored
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
             var rs = db.createStatement().executeQuery("SELECT value FROM _params WHERE id = 'settings'")) {
            assertTrue(rs.next(), "a settings row");
            String settings = rs.getString(1);
            assertTrue(settings.startsWith("{\"superuserIPs\":[],\"smtp\":{\"enabled\":false,\"port\":587,"),
                    settings);
            assertTrue(settings.contains("\"meta\":{\"accentColor\":\"#1055c9\",\"appName\":\"Acme\","), settings);
        }

        LocketProcess.Result again = LocketProcess.run(tmp, "superuser", "upsert", "admin@example.com",
                "0ther-pass!", "--dir", dir.toString());
        assertEquals(0, again.exitCode(), again.output());

        try (LocketProcess server = LocketProcess.serve(dir)) {
            HttpResponse<String> login = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(server.baseUrl() + "/api/collections/_superusers/auth-with-password"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(
                            "{\"identity\":\"admin@example.com\",\"password\":\"0ther-pass!\"}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, login.statusCode(), login.body());
            assertTrue(login.body().contains("\"token\":\""), login.body());
            assertTrue(login.body().contains("\"collectionName\":\"_superusers\""), login.body());
        }

        LocketProcess.Result delete = LocketProcess.run(tmp, "superuser", "delete", "admin@example.com",
                "--dir", dir.toString());
        assertNotEquals(0, delete.exitCode(), "the only superuser cannot be deleted: " + delete.output());
    }
}
