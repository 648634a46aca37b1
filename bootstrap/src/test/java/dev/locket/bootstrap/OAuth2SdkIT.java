package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code e2e/needs-oidc/oauth2.test.mjs} (official JS SDK) against the real jar and a test OpenID
 * Connect provider; the plain {@link JsSdkIT} run skips that file, as it has no provider.
 */
class OAuth2SdkIT {
    @TempDir
    Path tmp;

    @Test
    void theJsSdkLogsInWithAnOAuth2Code() throws Exception {
        Path e2e = LocketProcess.e2e();
        Path dir = tmp.resolve("pb_data");
        LocketProcess.Result upsert = LocketProcess.run(tmp, "superuser", "upsert", "sdk@example.com",
                "sdk-password-1", "--dir", dir.toString());
        assertEquals(0, upsert.exitCode(), upsert.output());
        try (TestOidcServer idp = new TestOidcServer(); LocketProcess server = LocketProcess.serve(dir)) {
            ProcessBuilder pb = new ProcessBuilder("node", "--test", "--test-reporter=spec",
                    "needs-oidc/oauth2.test.mjs").directory(e2e.toFile()).redirectErrorStream(true);
            pb.environment().put("LOCKET_URL", server.baseUrl());
            pb.environment().put("LOCKET_SUPERUSER_EMAIL", "sdk@example.com");
            pb.environment().put("LOCKET_SUPERUSER_PASSWORD", "sdk-password-1");
            pb.environment().put("LOCKET_OIDC_URL", idp.url(""));
            pb.environment().put("LOCKET_OIDC_CLIENT_ID", TestOidcServer.CLIENT_ID);
            pb.environment().put("LOCKET_OIDC_CLIENT_SECRET", TestOidcServer.CLIENT_SECRET);
            Path log = tmp.resolve("node.log");
            Process node = pb.redirectOutput(log.toFile()).start();
            if (!node.waitFor(120, TimeUnit.SECONDS)) {
                node.destroyForcibly();
            }
            String out = Files.readString(log);
            System.out.println(out);
            assertEquals(0, node.exitValue(), "OAuth2 SDK suite failed:\n" + out + "\nserver:\n" + server.output());
            assertEquals(true, out.contains("skipped 0") && !out.contains("pass 0"),
                    "the suite must really run here:\n" + out);
        }
    }
}
