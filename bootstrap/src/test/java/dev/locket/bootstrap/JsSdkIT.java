package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
        Path e2e = LocketProcess.e2e();
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
}
