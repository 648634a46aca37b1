package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;
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
        Path dir = LocketProcess.sdkDataDir(tmp);
        try (TestOidcServer idp = new TestOidcServer(); LocketProcess server = LocketProcess.serve(dir)) {
            String out = server.runSdk(tmp, Map.of("LOCKET_OIDC_URL", idp.url(""),
                    "LOCKET_OIDC_CLIENT_ID", TestOidcServer.CLIENT_ID,
                    "LOCKET_OIDC_CLIENT_SECRET", TestOidcServer.CLIENT_SECRET), "needs-oidc/oauth2.test.mjs");
            assertTrue(out.contains("skipped 0") && !out.contains("pass 0"), "the suite must really run here:\n" + out);
        }
    }
}
