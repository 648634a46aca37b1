package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code serve} on a data directory without superusers prints upstream's one-time installer link. */
class InstallerIT {
    private static final Pattern LINK = Pattern.compile("(http://127\\.0\\.0\\.1:\\d+)/_/#/pbinstall/([\\w.-]+)");

    @TempDir
    Path tmp;

    @Test
    void theInstallerLinkCreatesTheFirstSuperuserOnceThenDisappears() throws Exception {
        Path dir = tmp.resolve("pb_data");
        String token;
        try (LocketProcess server = LocketProcess.serve(dir)) {
            String output = server.awaitOutput("superuser upsert EMAIL PASSWORD");
            Matcher link = LINK.matcher(output);
            assertTrue(link.find(), output);
            assertEquals(server.baseUrl(), link.group(1));
            token = link.group(2);

            HttpResponse<String> created = post(server.baseUrl() + "/api/collections/_superusers/records", token,
                    "{\"email\":\"first@example.com\",\"password\":\"first-pass-1\",\"passwordConfirm\":\"first-pass-1\"}");
            assertEquals(200, created.statusCode(), created.body());

            HttpResponse<String> login = post(server.baseUrl() + "/api/collections/_superusers/auth-with-password",
                    null, "{\"identity\":\"first@example.com\",\"password\":\"first-pass-1\"}");
            assertEquals(200, login.statusCode(), login.body());
            String superToken = login.body().replaceAll("(?s).*\"token\":\"([^\"]+)\".*", "$1");

            HttpResponse<String> list = LocketProcess.get(server.baseUrl()
                    + "/api/collections/_superusers/records?fields=email", superToken);
            assertEquals(200, list.statusCode(), list.body());
            assertTrue(list.body().contains("first@example.com"), list.body());
            assertFalse(list.body().contains("__pbinstaller@example.com"), "the installer account is gone: " + list.body());

            HttpResponse<String> again = post(server.baseUrl() + "/api/collections/_superusers/records", token,
                    "{\"email\":\"second@example.com\",\"password\":\"second-pass\",\"passwordConfirm\":\"second-pass\"}");
            assertEquals(403, again.statusCode(), "the installer token died with its account: " + again.body());
        }
        try (LocketProcess restarted = LocketProcess.serve(dir)) {
            restarted.terminate();
            assertTrue(restarted.output().contains("Dashboard:"), restarted.output());
            assertFalse(restarted.output().contains("pbinstall"), "no installer once a superuser exists");
        }
    }

    @Test
    void noInstallerWhenTheCommandLineCreatedASuperuser() throws Exception {
        Path dir = LocketProcess.sdkDataDir(tmp);
        try (LocketProcess server = LocketProcess.serve(dir)) {
            server.terminate();
            assertTrue(server.output().contains("Dashboard:"), server.output());
            assertFalse(server.output().contains("pbinstall"), server.output());
        }
    }

    private static HttpResponse<String> post(String url, String token, String json) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
