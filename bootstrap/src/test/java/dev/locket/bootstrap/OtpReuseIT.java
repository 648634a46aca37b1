package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14 item 6: an OTP is good for one use. Upstream deletes it before answering, so with MFA on the
 * same otpId + code must not yield a second mfaId, and two concurrent uses must not both pass.
 */
class OtpReuseIT {
    @TempDir
    Path tmp;

    @Test
    void anOtpIsConsumedByItsFirstUseEvenWhenMfaFollowsAndUnderConcurrency() throws Exception {
        Path dir = LocketProcess.sdkDataDir(tmp);
        try (LocketProcess server = LocketProcess.serve(dir)) {
            ApiCalls api = new ApiCalls(server.baseUrl());
            String token = api.call("POST", "/api/collections/_superusers/auth-with-password", null,
                    Map.of("identity", LocketProcess.SDK_EMAIL, "password", LocketProcess.SDK_PASSWORD)).text("token");
            assertEquals(200, api.call("PATCH", "/api/collections/_superusers", token,
                    Map.of("otp", Map.of("enabled", true), "mfa", Map.of("enabled", true))).status());

            String[] otp = issueOtp(dir);
            ApiCalls.Reply first = api.call("POST", "/api/collections/_superusers/auth-with-otp", null,
                    Map.of("otpId", otp[0], "password", otp[1]));
            assertEquals(401, first.status(), first.raw());
            assertTrue(!first.text("mfaId").isEmpty(), first.raw());
            ApiCalls.Reply again = api.call("POST", "/api/collections/_superusers/auth-with-otp", null,
                    Map.of("otpId", otp[0], "password", otp[1]));
            assertEquals(400, again.status(), "a used OTP must be refused: " + again.raw());

            String[] fresh = issueOtp(dir);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<ApiCalls.Reply>> uses = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    Callable<ApiCalls.Reply> use = () -> new ApiCalls(server.baseUrl()).call("POST",
                            "/api/collections/_superusers/auth-with-otp", null,
                            Map.of("otpId", fresh[0], "password", fresh[1]));
                    uses.add(pool.submit(use));
                }
                int passed = 0;
                for (Future<ApiCalls.Reply> f : uses) {
                    ApiCalls.Reply r = f.get();
                    if (r.status() != 400) {
                        passed++;
                    }
                }
                assertEquals(1, passed, "exactly one concurrent use of an OTP may pass");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /** The CLI's {@code superuser otp}: id and code as it prints them. */
    private String[] issueOtp(Path dir) throws Exception {
        LocketProcess.Result r = LocketProcess.run(tmp, "superuser", "otp", LocketProcess.SDK_EMAIL,
                "--dir", dir.toString());
        assertEquals(0, r.exitCode(), r.output());
        Matcher id = Pattern.compile("Id:\\s+(\\S+)").matcher(r.output());
        Matcher pass = Pattern.compile("Pass:\\s+(\\S+)").matcher(r.output());
        assertTrue(id.find() && pass.find(), r.output());
        return new String[] {id.group(1), pass.group(1)};
    }
}
