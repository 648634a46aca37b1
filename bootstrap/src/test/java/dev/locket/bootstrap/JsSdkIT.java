package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@code e2e/} suite, written with the official PocketBase JS SDK, against the real jar.
 * The build installs the SDK from npm itself ({@code npm ci}), so a clean clone passes.
 */
class JsSdkIT {
    @TempDir
    Path tmp;

    @Test
    void theOfficialJsSdkWorksAgainstLocket() throws Exception {
        Path e2e = Path.of(System.getProperty("locket.e2e.dir", "../e2e")).toAbsolutePath().normalize();
        if (!Files.isDirectory(e2e.resolve("node_modules/pocketbase"))
                || !Files.isDirectory(e2e.resolve("node_modules/eventsource"))) {
            run(e2e, 300, "npm", "ci", "--no-audit", "--no-fund");
        }
        Path dir = tmp.resolve("pb_data");
        LocketProcess.Result upsert = LocketProcess.run(tmp, "superuser", "upsert", "sdk@example.com",
                "sdk-password-1", "--dir", dir.toString());
        assertEquals(0, upsert.exitCode(), upsert.output());
        try (LocketProcess server = LocketProcess.serve(dir)) {
            ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-concurrency=1", "--test-reporter=spec", ".")
                    .directory(e2e.toFile()).redirectErrorStream(true);
            pb.environment().put("LOCKET_URL", server.baseUrl());
            pb.environment().put("LOCKET_SUPERUSER_EMAIL", "sdk@example.com");
            pb.environment().put("LOCKET_SUPERUSER_PASSWORD", "sdk-password-1");
            Path log = tmp.resolve("node.log");
            Process node = pb.redirectOutput(log.toFile()).start();
            if (!node.waitFor(180, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
            String out = Files.readString(log);
            System.out.println(out);
            assertEquals(0, node.exitValue(), "JS SDK suite failed:\n" + out + "\nserver:\n" + server.output());
        }
    }

    private static void run(Path dir, int seconds, String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).inheritIO().start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("failed: " + String.join(" ", cmd));
        }
    }
}
