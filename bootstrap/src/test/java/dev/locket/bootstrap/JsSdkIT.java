package dev.locket.bootstrap;

import java.nio.file.Path;
import java.util.Map;
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
        try (LocketProcess server = LocketProcess.serve(LocketProcess.sdkDataDir(tmp))) {
            server.runSdk(tmp, Map.of(), ".");
        }
    }
}
