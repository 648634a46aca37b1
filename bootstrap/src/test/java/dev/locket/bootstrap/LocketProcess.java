package dev.locket.bootstrap;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.locket.sdktest.JsSdk;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The packaged {@code locket.jar} run as a user runs it: a separate JVM started with {@code java -jar}. */
final class LocketProcess implements AutoCloseable {
    private final Process process;
    private final Path log;
    final int port;

    private LocketProcess(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    static Path jar() {
        return Path.of(System.getProperty("locket.jar", "target/locket.jar")).toAbsolutePath();
    }

    static Path fixture() {
        return Path.of(System.getProperty("locket.fixture", "../bootstrap/src/test/fixtures/pb_data")).toAbsolutePath();
    }

    static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** Runs a short command of the jar to completion and returns its exit code and output. */
    static Result run(Path workDir, String... args) throws IOException, InterruptedException {
        return runAnswering(workDir, "", args);
    }

    /** {@link #run} with {@code answers} typed on its stdin (then end of input), for the CLI's y/N questions. */
    static Result runAnswering(Path workDir, String answers, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(java(), "-jar", jar().toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("locket-cli", ".log");
        Process p = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(out.toFile()).start();
        try (var stdin = p.getOutputStream()) {
            stdin.write(answers.getBytes(StandardCharsets.UTF_8));
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("timed out: " + cmd);
        }
        return new Result(p.exitValue(), Files.readString(out));
    }

    record Result(int exitCode, String output) {
    }

    /** Starts {@code serve} on a free port over {@code dataDir} and waits until the API answers. */
    static LocketProcess serve(Path dataDir) throws IOException, InterruptedException {
        return serve(dataDir, freePort());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Starts {@code serve} on {@code port} (e.g. to restart on the address clients know) with {@code flags}. */
    static LocketProcess serve(Path dataDir, int port, String... flags) throws IOException, InterruptedException {
        return serve(dataDir, port, Map.of(), flags);
    }

    /** Starts {@code serve} on a free port in a JVM given {@code jvmArgs} (e.g. a small {@code -Xmx}). */
    static LocketProcess serve(Path dataDir, List<String> jvmArgs) throws IOException, InterruptedException {
        return start(dataDir, freePort(), jvmArgs, Map.of());
    }

    /** Starts {@code serve} with more flags and environment variables ({@code env}, then {@code flags}). */
    static LocketProcess serve(Path dataDir, int port, Map<String, String> env, String... flags)
            throws IOException, InterruptedException {
        return start(dataDir, port, List.of(), env, flags);
    }

    private static LocketProcess start(Path dataDir, int port, List<String> jvmArgs, Map<String, String> env,
                                       String... flags) throws IOException, InterruptedException {
        Path log = Files.createTempFile("locket-serve", ".log");
        List<String> cmd = new ArrayList<>(List.of(java()));
        cmd.addAll(jvmArgs);
        cmd.addAll(List.of("-jar", jar().toString(), "serve", "--http", "127.0.0.1:" + port,
                "--dir", dataDir.toString()));
        cmd.addAll(List.of(flags));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dataDir.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        LocketProcess lp = new LocketProcess(p, log, port);
        lp.awaitHealthy();
        return lp;
    }

    String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    /** The output once it contains {@code text}: some lines (the installer link) come after the API answers. */
    String awaitOutput(String text) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            String out = output();
            if (out.contains(text)) {
                return out;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("'" + text + "' never appeared in the server output:\n" + output());
    }

    private void awaitHealthy() throws IOException, InterruptedException {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("server exited early:\n" + output());
            }
            try {
                HttpResponse<String> r = client.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/api/health"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(100);
        }
        close();
        throw new IllegalStateException("server did not become healthy:\n" + output());
    }

    /** Sends SIGTERM and waits for the process to finish; returns its exit code. */
    int terminate() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
        }
        return process.exitValue();
    }

    /** {@code kill -9}: the JVM gets no chance to flush, close or clean anything (CrashIT). */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            terminate();
        }
    }

    /** Copies a directory tree (the fixture must never be opened in place). */
    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path src : (Iterable<Path>) walk::iterator) {
                Path dst = to.resolve(from.relativize(src).toString());
                if (Files.isDirectory(src)) {
                    Files.createDirectories(dst);
                } else {
                    Files.copy(src, dst);
                }
            }
        }
    }

    static HttpResponse<String> get(String url, String token) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url));
        if (token != null) {
            b.header("Authorization", token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }

    /** The {@code e2e/} folder with the JS SDK installed (see {@link JsSdk#install()}). */
    static Path e2e() throws IOException, InterruptedException {
        return JsSdk.install();
    }

    /** The superuser every JS SDK suite signs in with (LOCKET_SUPERUSER_EMAIL / _PASSWORD). */
    static final String SDK_EMAIL = "sdk@example.com";
    static final String SDK_PASSWORD = "sdk-password-1";

    /** A fresh data directory under {@code tmp} holding the SDK suites' superuser. */
    static Path sdkDataDir(Path tmp) throws IOException, InterruptedException {
        Path dir = tmp.resolve("pb_data");
        Result upsert = run(tmp, "superuser", "upsert", SDK_EMAIL, SDK_PASSWORD, "--dir", dir.toString());
        if (upsert.exitCode() != 0) {
            throw new IllegalStateException("superuser upsert failed: " + upsert.output());
        }
        return dir;
    }

    /**
     * Runs {@code node --test <args>} in {@code e2e/} against this server, with the superuser and {@code env}
     * in the environment, and returns its report; throws with the report and the server log when it fails.
     */
    String runSdk(Path tmp, Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("node", "--test", "--test-concurrency=1", "--test-reporter=spec"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(e2e().toFile()).redirectErrorStream(true);
        pb.environment().put("LOCKET_URL", baseUrl());
        pb.environment().put("LOCKET_SUPERUSER_EMAIL", SDK_EMAIL);
        pb.environment().put("LOCKET_SUPERUSER_PASSWORD", SDK_PASSWORD);
        pb.environment().putAll(env);
        Path log = Files.createTempFile(tmp, "node", ".log");
        Process node = pb.redirectOutput(log.toFile()).start();
        if (!node.waitFor(180, TimeUnit.SECONDS)) {
            node.destroyForcibly().waitFor();
        }
        String out = Files.readString(log);
        System.out.println(out);
        if (node.exitValue() != 0) {
            throw new AssertionError("JS SDK suite " + String.join(" ", args) + " failed:\n" + out + "\nserver:\n"
                    + output());
        }
        return out;
    }

    /**
     * A token for the fixture's superuser ({@code sywbhecnh46rhm0}) with {@code claimsJson}, signed as upstream
     * signs it: HS256 keyed by the record's tokenKey plus the {@code _superusers} collection's
     * {@code secretOption} secret ({@code authToken}, {@code fileToken}, …) read from the copy in {@code dir}.
     */
    static String fixtureSuperuserToken(Path dir, String secretOption, String claimsJson) throws Exception {
        String tokenKey;
        String secret;
        try (var db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
             var st = db.createStatement()) {
            try (var rs = st.executeQuery("SELECT tokenKey FROM _superusers WHERE id = 'sywbhecnh46rhm0'")) {
                tokenKey = rs.getString(1);
            }
            try (var rs = st.executeQuery("SELECT options FROM _collections WHERE name = '_superusers'")) {
                secret = new ObjectMapper().readTree(rs.getString(1)).get(secretOption).get("secret").asText();
            }
        }
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String unsigned = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                + "." + b64.encodeToString(claimsJson.getBytes(StandardCharsets.UTF_8));
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec((tokenKey + secret).getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return unsigned + "." + b64.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.UTF_8)));
    }
}
