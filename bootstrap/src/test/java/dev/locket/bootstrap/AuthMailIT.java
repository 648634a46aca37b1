package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.locket.adapters.http.settings.SettingsJson;
import dev.locket.adapters.sqlite.SqliteAdapter;
import dev.locket.application.service.settings.SettingsService;
import dev.locket.domain.settings.MetaConfig;
import dev.locket.domain.settings.Secret;
import dev.locket.domain.settings.SmtpConfig;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The mail-driven auth flows end to end: the packaged jar sends through a real SMTP server
 * (GreenMail); the test reads each mail, takes the token or OTP out of it and completes the
 * flow over HTTP, as a user clicking the link would.
 */
class AuthMailIT {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"));

    @TempDir
    Path tmp;

    final HttpClient http = HttpClient.newHttpClient();
    String base;

    /** Points the data directory's settings at GreenMail (as a settings PATCH would). */
    static void configureSmtp(Path dir, int port) {
        configureSmtp(dir, port, "https://locket.test");
    }

    /** As {@link #configureSmtp(Path, int)}, with the app URL the mails link to. */
    static void configureSmtp(Path dir, int port, String appUrl) {
        try (SqliteAdapter sqlite = SqliteAdapter.open(dir, Clock.systemUTC())) {
            new SettingsService(sqlite.settingsStore(), new SettingsJson()).save(s -> s
                    .withSmtp(new SmtpConfig(true, port, "127.0.0.1", "mailer", Secret.of("s3cret"),
                            SmtpConfig.AUTH_PLAIN, false, ""))
                    .withMeta(new MetaConfig(s.meta().accentColor(), "Locket IT", appUrl,
                            "Locket Support", "support@locket.test", s.meta().hideControls())));
        }
    }

    @Test
    void verificationResetOtpEmailChangeAndMfaThroughRealMail() throws Exception {
        Path dir = tmp.resolve("pb_data");
        LocketProcess.Result upsert = LocketProcess.run(tmp, "superuser", "upsert", "root@example.com",
                "root-password-1", "--dir", dir.toString());
        assertEquals(0, upsert.exitCode(), upsert.output());
        configureSmtp(dir, mail.getSmtp().getPort());
        try (LocketProcess server = LocketProcess.serve(dir)) {
            base = server.baseUrl() + "/api/collections/";
            String root = post("_superusers/auth-with-password",
                    "{\"identity\":\"root@example.com\",\"password\":\"root-password-1\"}", null, 200).get("token").asText();
            String aliceId = post("users/records", "{\"email\":\"alice@example.com\",\"password\":\"alice-pass-1\","
                    + "\"passwordConfirm\":\"alice-pass-1\"}", null, 200).get("id").asText();

            // verification
            post("users/request-verification", "{\"email\":\"alice@example.com\"}", null, 204);
            MimeMessage verify = awaitMail("alice@example.com", "Verify your Locket IT email");
            assertEquals("support@locket.test", ((jakarta.mail.internet.InternetAddress) verify.getFrom()[0]).getAddress());
            post("users/confirm-verification", "{\"token\":\"" + link(verify, "confirm-verification") + "\"}", null, 204);
            assertTrue(get("users/records/" + aliceId, root).get("verified").asBoolean());

            // password reset revokes the old session
            String oldToken = login("alice@example.com", "alice-pass-1");
            post("users/request-password-reset", "{\"email\":\"alice@example.com\"}", null, 204);
            MimeMessage reset = awaitMail("alice@example.com", "Reset your Locket IT password");
            post("users/confirm-password-reset", "{\"token\":\"" + link(reset, "confirm-password-reset")
                    + "\",\"password\":\"alice-pass-2\",\"passwordConfirm\":\"alice-pass-2\"}", null, 204);
            post("users/auth-refresh", "", oldToken, 401);
            post("users/auth-with-password", "{\"identity\":\"alice@example.com\",\"password\":\"alice-pass-1\"}",
                    null, 400);
            String aliceToken = login("alice@example.com", "alice-pass-2");

            // OTP
            patch("users", "{\"otp\":{\"enabled\":true,\"duration\":180,\"length\":6,\"emailTemplate\":"
                    + "{\"subject\":\"OTP for {APP_NAME}\",\"body\":\"<p>Your code: <strong>{OTP}</strong></p>\"}}}", root);
            String otpId = post("users/request-otp", "{\"email\":\"alice@example.com\"}", null, 200).get("otpId").asText();
            String code = otp(awaitMail("alice@example.com", "OTP for Locket IT"));
            JsonNode otpAuth = post("users/auth-with-otp", "{\"otpId\":\"" + otpId + "\",\"password\":\"" + code + "\"}",
                    null, 200);
            assertEquals(aliceId, otpAuth.get("record").get("id").asText());
            // unknown addresses get an id too, and no mail
            int before = mail.getReceivedMessages().length;
            assertEquals(15, post("users/request-otp", "{\"email\":\"nobody@example.com\"}", null, 200)
                    .get("otpId").asText().length());

            // email change
            post("users/request-email-change", "{\"newEmail\":\"alice2@example.com\"}", aliceToken, 204);
            MimeMessage change = awaitMail("alice2@example.com", "Confirm your Locket IT new email address");
            post("users/confirm-email-change", "{\"token\":\"" + link(change, "confirm-email-change")
                    + "\",\"password\":\"alice-pass-2\"}", null, 204);
            assertEquals(before + 1, mail.getReceivedMessages().length, "only the email change mail was added");
            String renamed = login("alice2@example.com", "alice-pass-2");
            assertNotEquals(aliceToken, renamed);
            post("users/auth-refresh", "", aliceToken, 401);

            // MFA: password first (401 {mfaId}), then OTP completes
            patch("users", "{\"mfa\":{\"enabled\":true,\"duration\":600,\"rule\":\"\"}}", root);
            HttpResponse<String> first = send("POST", "users/auth-with-password",
                    "{\"identity\":\"alice2@example.com\",\"password\":\"alice-pass-2\"}", null);
            assertEquals(401, first.statusCode(), first.body());
            String mfaId = JSON.readTree(first.body()).get("mfaId").asText();
            assertEquals("{\"mfaId\":\"" + mfaId + "\"}", first.body());
            String otp2 = post("users/request-otp", "{\"email\":\"alice2@example.com\"}", null, 200).get("otpId").asText();
            String code2 = otp(awaitMail("alice2@example.com", "OTP for Locket IT"));
            JsonNode done = post("users/auth-with-otp?mfaId=" + mfaId,
                    "{\"otpId\":\"" + otp2 + "\",\"password\":\"" + code2 + "\"}", null, 200);
            assertTrue(done.get("token").asText().length() > 20);
            assertTrue(done.get("record").path("password").isMissingNode(), "password never in a response");
        }
    }

    private String login(String email, String password) throws Exception {
        return post("users/auth-with-password", "{\"identity\":\"" + email + "\",\"password\":\"" + password + "\"}",
                null, 200).get("token").asText();
    }

    private MimeMessage awaitMail(String to, String subject) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            MimeMessage[] all = mail.getReceivedMessages();
            for (int i = all.length - 1; i >= 0; i--) {
                if (all[i].getAllRecipients()[0].toString().equals(to) && subject.equals(all[i].getSubject())) {
                    return all[i];
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail '" + subject + "' to " + to);
    }

    private static String link(MimeMessage m, String action) {
        Matcher matcher = Pattern.compile("https://locket\\.test/_/#/auth/" + action + "/([A-Za-z0-9_.-]+)")
                .matcher(GreenMailUtil.getBody(m).replace("=\r\n", ""));
        assertTrue(matcher.find(), GreenMailUtil.getBody(m));
        return matcher.group(1);
    }

    private static String otp(MimeMessage m) {
        Matcher matcher = Pattern.compile("<strong>(\\d{6})</strong>").matcher(GreenMailUtil.getBody(m));
        assertTrue(matcher.find(), GreenMailUtil.getBody(m));
        return matcher.group(1);
    }

    private JsonNode post(String path, String body, String token, int status) throws Exception {
        HttpResponse<String> r = send("POST", path, body, token);
        assertEquals(status, r.statusCode(), path + " -> " + r.body());
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }

    private void patch(String path, String body, String token) throws Exception {
        HttpResponse<String> r = send("PATCH", path, body, token);
        assertEquals(200, r.statusCode(), path + " -> " + r.body());
    }

    private JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> r = send("GET", path, null, token);
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String token) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .method(method, body == null || body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
