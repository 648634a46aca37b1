package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PocketBase's serve flags, commands and start-up messages, on the packaged jar as a user runs it. */
class ServeFlagsIT {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @TempDir
    Path tmp;

    @Test
    void anOldDefaultJavaGetsOneClearLineAndTheLauncherFindsAJdk21() throws Exception {
        Path old = oldJava();
        Process p = new ProcessBuilder(old.toString(), "-jar", LocketProcess.jar().toString(), "--version")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.matches("Locket needs Java 21 or newer; found 1[0-9] \\(.*\\)"), out);
        assertEquals(1, out.lines().count(), "one line, no stack trace: " + out);

        // ./locket with that old java first on PATH and no JAVA_HOME
        Path root = Path.of(System.getProperty("locket.root", "..")).toAbsolutePath().normalize();
        ProcessBuilder pb = new ProcessBuilder(root.resolve("locket").toString(), "--version")
                .redirectErrorStream(true).directory(tmp.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().put("PATH", old.getParent() + ":/usr/bin:/bin");
        Process launcher = pb.start();
        String version = new String(launcher.getInputStream().readAllBytes()).strip();
        assertTrue(launcher.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, launcher.exitValue(), version);
        assertTrue(version.startsWith("locket version "), version);
    }

    /** A JDK older than 21 (Debian's default 17): the machine a new user has. */
    private static Path oldJava() throws IOException {
        try (Stream<Path> jvms = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path jvm : jvms.sorted().toList()) {
                Path java = jvm.resolve("bin/java");
                if (jvm.getFileName().toString().matches(".*-1[1-7]-.*") && Files.isExecutable(java)) {
                    return java;
                }
            }
        }
        throw new IllegalStateException("no JDK older than 21 under /usr/lib/jvm to run this test with"
                + " (apt-get install openjdk-17-jre-headless)");
    }

    @Test
    void unknownFlagsAreRefusedWithExitCode2() throws Exception {
        LocketProcess.Result r = LocketProcess.run(tmp, "serve", "--frobnicate");
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().startsWith("Error: unknown flag: --frobnicate"), r.output());
    }

    @Test
    void theDataDirDefaultsToPbDataBesideTheJar() throws Exception {
        Path app = tmp.resolve("app");
        Files.createDirectories(app);
        Files.copy(LocketProcess.jar(), app.resolve("locket.jar"));
        Files.createSymbolicLink(app.resolve("libs"), LocketProcess.jar().getParent().resolve("libs"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Process p = new ProcessBuilder(LocketProcess.java(), "-jar", app.resolve("locket.jar").toString(), "superuser",
                "upsert", "first@example.com", "first-pass-1").directory(elsewhere.toFile()).redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(Files.isRegularFile(app.resolve("pb_data/data.db")), "pb_data beside the jar, as upstream");
        assertFalse(Files.exists(elsewhere.resolve("pb_data")), "not in the working directory");
    }

    @Test
    void bannerSaysHowToCreateTheFirstSuperuserAndWarnsAboutJavaScript() throws Exception {
        Path dir = tmp.resolve("pb_data");
        Files.createDirectories(tmp.resolve("pb_hooks"));
        Files.writeString(tmp.resolve("pb_hooks/main.pb.js"), "onBootstrap((e) => e.next())");
        Files.createDirectories(tmp.resolve("pb_migrations"));
        Files.writeString(tmp.resolve("pb_migrations/1700000000_created_posts.js"), "migrate((app) => {})");
        try (LocketProcess server = LocketProcess.serve(dir)) {
            // printed once the listener is up, so health may answer a moment before it appears
            String out = server.awaitOutput("└─ Dashboard:");
            assertTrue(out.contains("├─ REST API:  " + server.baseUrl() + "/api/"), out);
            assertTrue(out.contains("└─ Dashboard: " + server.baseUrl() + "/_/"), out);
            out = server.awaitOutput("superuser upsert EMAIL PASSWORD --dir " + dir);
            assertTrue(out.contains("(!) No superuser exists yet."), out);
            assertTrue(out.contains("pb_hooks holds JavaScript hooks (main.pb.js); Locket does not run JavaScript"),
                    out);
            assertTrue(out.contains("JavaScript migrations not applied to this data (1700000000_created_posts.js)"),
                    out);
        }
        assertEquals(0, LocketProcess.run(tmp, "superuser", "upsert", "a@example.com", "a-pass-1234",
                "--dir", dir.toString()).exitCode());
        try (LocketProcess server = LocketProcess.serve(dir)) {
            String out = server.awaitOutput("└─ Dashboard:");
            assertFalse(out.contains("No superuser exists yet"), out);
        }
    }

    @Test
    void superuserOtpPrintsACodeThatSignsIn() throws Exception {
        Path dir = LocketProcess.sdkDataDir(tmp);
        LocketProcess.Result disabled = LocketProcess.run(tmp, "superuser", "otp", LocketProcess.SDK_EMAIL,
                "--dir", dir.toString());
        assertEquals(1, disabled.exitCode(), disabled.output());
        assertTrue(disabled.output().contains("OTP auth is not enabled for the _superusers collection"),
                disabled.output());
        try (LocketProcess server = LocketProcess.serve(dir)) {
            String token = SlowQueriesIT.superuserToken(server);
            HttpResponse<String> enable = SlowQueriesIT.send(server, "PATCH", "/api/collections/_superusers", token,
                    "{\"otp\":{\"enabled\":true,\"duration\":120,\"length\":6}}");
            assertEquals(200, enable.statusCode(), enable.body());
        }
        LocketProcess.Result otp = LocketProcess.run(tmp, "superuser", "otp", LocketProcess.SDK_EMAIL,
                "--dir", dir.toString());
        assertEquals(0, otp.exitCode(), otp.output());
        String id = line(otp.output(), "├─ Id:");
        String pass = line(otp.output(), "├─ Pass:");
        assertTrue(pass.matches("\\d{6}"), otp.output());
        assertTrue(otp.output().contains("└─ Valid: 120s"), otp.output());
        try (LocketProcess server = LocketProcess.serve(dir)) {
            HttpResponse<String> login = SlowQueriesIT.send(server, "POST",
                    "/api/collections/_superusers/auth-with-otp", null,
                    "{\"otpId\":\"" + id + "\",\"password\":\"" + pass + "\"}");
            assertEquals(200, login.statusCode(), login.body());
            assertTrue(login.body().contains("\"token\""), login.body());
        }
        LocketProcess.Result unknown = LocketProcess.run(tmp, "superuser", "otp", "nobody@example.com",
                "--dir", dir.toString());
        assertEquals(1, unknown.exitCode(), unknown.output());
    }

    private static String line(String output, String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(
                () -> new AssertionError(prefix + " missing in\n" + output)).substring(prefix.length()).strip();
    }

    @Test
    void publicDirServesFilesWithIndexFallbackAndOriginsRestrictCors() throws Exception {
        Path dir = tmp.resolve("pb_data");
        Path pub = Files.createDirectories(tmp.resolve("pb_public/docs"));
        Files.writeString(tmp.resolve("pb_public/index.html"), "<h1>app</h1>");
        Files.writeString(tmp.resolve("pb_public/app.js"), "console.log(1)");
        Files.writeString(pub.resolve("index.html"), "<h1>docs</h1>");
        try (LocketProcess server = LocketProcess.serve(dir, LocketProcess.freePort(), "--origins",
                "https://app.example,https://*.example.org")) {
            HttpResponse<String> js = get(server, "/app.js", Map.of());
            assertEquals(200, js.statusCode());
            assertEquals("console.log(1)", js.body());
            assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("content-type").orElseThrow());
            assertEquals("<h1>app</h1>", get(server, "/", Map.of()).body());
            assertEquals("<h1>app</h1>", get(server, "/settings/profile", Map.of()).body(), "SPA fallback");
            HttpResponse<String> docs = get(server, "/docs", Map.of());
            assertEquals(301, docs.statusCode());
            assertEquals("/docs/", docs.headers().firstValue("location").orElseThrow());
            assertEquals("<h1>docs</h1>", get(server, "/docs/", Map.of()).body());
            assertEquals(301, get(server, "/docs/index.html", Map.of()).statusCode());
            assertEquals(200, get(server, "/api/health", Map.of()).statusCode(), "API routes win");

            HttpResponse<String> allowed = get(server, "/api/health", Map.of("Origin", "https://app.example"));
            assertEquals("https://app.example", allowed.headers().firstValue("access-control-allow-origin")
                    .orElseThrow());
            HttpResponse<String> sub = get(server, "/api/health", Map.of("Origin", "https://x.example.org"));
            assertEquals("https://x.example.org", sub.headers().firstValue("access-control-allow-origin")
                    .orElseThrow());
            HttpResponse<String> denied = get(server, "/api/health", Map.of("Origin", "https://evil.example"));
            assertTrue(denied.headers().firstValue("access-control-allow-origin").isEmpty());
        }
        try (LocketProcess server = LocketProcess.serve(dir, LocketProcess.freePort(), "--indexFallback=false",
                "--publicDir", pub.toString())) {
            assertEquals("<h1>docs</h1>", get(server, "/", Map.of()).body());
            HttpResponse<String> missing = get(server, "/settings/profile", Map.of());
            assertEquals(404, missing.statusCode());
            assertTrue(missing.body().contains("\"status\":404"), missing.body());
        }
    }

    @Test
    void devModeLogsRequestsAndSqlStatements() throws Exception {
        try (LocketProcess server = LocketProcess.serve(tmp.resolve("pb_data"), LocketProcess.freePort(), "--dev")) {
            get(server, "/api/collections/users/records", Map.of());
            Thread.sleep(300);
            String out = server.output();
            assertTrue(out.matches("(?s).*\\[\\d+\\.\\d+ms\\] SELECT .*"), out);
            assertTrue(out.contains("GET /api/collections/users/records 200"), out);
        }
    }

    @Test
    void aPocketBaseDataDirOlderThanV023IsRefusedUntouched() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("pb_data"));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
             Statement st = c.createStatement()) {
            // the tables PocketBase v0.22 kept (its _collections had "schema" instead of "fields")
            st.execute("CREATE TABLE _admins (id TEXT PRIMARY KEY, avatar INTEGER DEFAULT 0 NOT NULL, email TEXT"
                    + " UNIQUE NOT NULL, tokenKey TEXT UNIQUE NOT NULL, passwordHash TEXT NOT NULL,"
                    + " lastResetSentAt TEXT DEFAULT '' NOT NULL, created TEXT DEFAULT '' NOT NULL,"
                    + " updated TEXT DEFAULT '' NOT NULL)");
            st.execute("CREATE TABLE _collections (id TEXT PRIMARY KEY, system BOOLEAN DEFAULT FALSE NOT NULL,"
                    + " type TEXT DEFAULT 'base' NOT NULL, name TEXT UNIQUE NOT NULL, schema JSON DEFAULT '[]' NOT"
                    + " NULL, indexes JSON DEFAULT '[]' NOT NULL, listRule TEXT, viewRule TEXT, createRule TEXT,"
                    + " updateRule TEXT, deleteRule TEXT, options JSON DEFAULT '{}' NOT NULL,"
                    + " created TEXT DEFAULT '' NOT NULL, updated TEXT DEFAULT '' NOT NULL)");
            st.execute("CREATE TABLE _params (id TEXT PRIMARY KEY, key TEXT UNIQUE NOT NULL, value JSON,"
                    + " created TEXT DEFAULT '' NOT NULL, updated TEXT DEFAULT '' NOT NULL)");
            st.execute("CREATE TABLE _migrations (file VARCHAR(255) PRIMARY KEY NOT NULL, applied INTEGER NOT NULL)");
            st.execute("INSERT INTO _migrations VALUES ('1640988000_init.go', 1)");
            st.execute("INSERT INTO _admins (id, email, tokenKey, passwordHash) VALUES ('a1', 'old@example.com',"
                    + " 'k', '$2a$10$x')");
        }
        Map<String, String> before = digests(dir);
        LocketProcess.Result r = LocketProcess.run(tmp, "serve", "--http", "127.0.0.1:" + LocketProcess.freePort(),
                "--dir", dir.toString());
        assertEquals(1, r.exitCode(), r.output());
        List<String> errors = r.output().lines().filter(l -> l.startsWith("Error:")).toList();
        assertEquals(1, errors.size(), r.output());
        assertTrue(errors.getFirst().contains("written by PocketBase before v0.23"), r.output());
        assertFalse(r.output().contains("\tat "), "no stack trace:\n" + r.output());
        assertEquals(before, digests(dir), "nothing in the data directory changed, nothing was added");
        assertEquals(1, LocketProcess.run(tmp, "superuser", "upsert", "x@example.com", "x-pass-1234", "--dir",
                dir.toString()).exitCode(), "every command refuses it");
        assertEquals(before, digests(dir));
    }

    private static Map<String, String> digests(Path dir) throws Exception {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                byte[] sha = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                out.put(dir.relativize(f).toString(), java.util.HexFormat.of().formatHex(sha));
            }
        }
        return out;
    }

    private static HttpResponse<String> get(LocketProcess server, String path, Map<String, String> headers)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path));
        headers.forEach(b::header);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
