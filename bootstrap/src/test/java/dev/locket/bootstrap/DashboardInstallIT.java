package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A new user's first minutes in a real browser: the printed installer link, the first superuser, the shell. */
class DashboardInstallIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/_/#/pbinstall/[\\w.-]+");
    private static Browser browser;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBrowser() throws Exception {
        browser = Browser.start();
    }

    @AfterAll
    static void closeBrowser() throws Exception {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void theInstallerLinkCreatesTheFirstSuperuserAndOpensTheShell() throws Exception {
        try (LocketProcess server = LocketProcess.serve(tmp.resolve("pb_data"))) {
            Matcher link = LINK.matcher(server.awaitOutput("superuser upsert EMAIL PASSWORD"));
            assertTrue(link.find(), server.output());

            // a broken or expired link explains what to do instead
            browser.open(server.baseUrl() + "/_/#/pbinstall/not-a-token");
            browser.waitForText("h1", "Installer link expired");
            browser.screenshot("installer-expired");

            browser.open(link.group());
            browser.waitFor("#installer-email");
            Map<String, Object> firstLoad = browser.transferred();
            System.out.println("first load of the installer link: " + firstLoad);
            assertTrue(((Number) firstLoad.get("transferBytes")).longValue() < 300_000, firstLoad.toString());
            browser.assertEverythingLabelled();
            browser.screenshot("installer");

            // the server's validation error shows next to its field
            browser.type("#installer-email", "first@example.com");
            browser.type("#installer-password", "first-pass-1");
            browser.type("#installer-password-confirm", "other-pass-2");
            browser.click("form button[type=submit]");
            String mismatch = browser.text("#installer-password-confirm-error");
            assertTrue(mismatch.toLowerCase().contains("match"), mismatch);
            assertEquals("installer-password-confirm-error",
                    browser.driver.findElement(org.openqa.selenium.By.id("installer-password-confirm"))
                            .getAttribute("aria-describedby"));
            browser.screenshot("installer-field-error");

            browser.type("#installer-password-confirm", "first-pass-1");
            browser.click("form button[type=submit]");
            browser.waitForHash("#/collections");
            assertEquals("Collections", browser.text(".sidebar a[aria-current=page]"));
            assertEquals("first@example.com", browser.text(".account-email"));

            // the session is where the JS SDK keeps it
            JsonNode stored = JSON.readTree((String) browser.js("return localStorage.getItem('pocketbase_auth')"));
            assertEquals("first@example.com", stored.path("record").path("email").asText());
            assertEquals("_superusers", stored.path("record").path("collectionName").asText());
            HttpResponse<String> superusers = LocketProcess.get(server.baseUrl()
                    + "/api/collections/_superusers/records?fields=email", stored.path("token").asText());
            assertEquals(List.of("first@example.com"), JSON.readTree(superusers.body()).path("items")
                    .findValuesAsText("email"), "the installer account is gone");
            browser.screenshot("collections");

            browser.click(".sidebar a[href='#/logs']");
            browser.waitForHash("#/logs");
            browser.waitForText("#content h1", "Logs");
            browser.screenshot("logs");
            browser.click(".sidebar a[href='#/settings']");
            browser.waitForHash("#/settings");
            browser.waitForText("#content h1", "Settings");
            browser.assertEverythingLabelled();
            browser.screenshot("settings");

            // the same shell on a phone: nothing wider than the screen
            browser.resize(Browser.PHONE);
            browser.waitFor(".sidebar a[href='#/collections']").click();
            browser.waitForHash("#/collections");
            assertTrue((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"),
                    "no horizontal scrolling at 390 px");
            browser.screenshot("collections-phone");
            browser.resize(Browser.DESKTOP);

            // signed in, the installer link leads into the dashboard instead
            browser.open(link.group());
            browser.waitForHash("#/collections");
            assertEquals(List.of(), browser.scriptErrors());
        }
    }

    @Test
    void theInstallerCanRestoreABackupInstead() throws Exception {
        // a backup of another instance, whose superuser is the SDK suites' one
        Path source = LocketProcess.sdkDataDir(java.nio.file.Files.createDirectories(tmp.resolve("source")));
        try (LocketProcess other = LocketProcess.serve(source)) {
            String token = JSON.readTree(post(other, "/api/collections/_superusers/auth-with-password", null,
                    "{\"identity\":\"" + LocketProcess.SDK_EMAIL + "\",\"password\":\"" + LocketProcess.SDK_PASSWORD
                            + "\"}").body()).get("token").asText();
            assertEquals(204, post(other, "/api/backups", token, "{\"name\":\"seed.zip\"}").statusCode());
        }
        Path archive = source.resolve("backups/seed.zip");
        assertTrue(java.nio.file.Files.isRegularFile(archive));

        try (LocketProcess server = LocketProcess.serve(tmp.resolve("fresh"))) {
            Matcher link = LINK.matcher(server.awaitOutput("superuser upsert EMAIL PASSWORD"));
            assertTrue(link.find(), server.output());
            browser.open(link.group());
            browser.waitFor("#installer-email");
            browser.driver.findElement(org.openqa.selenium.By.id("installer-backup")).sendKeys(archive.toString());
            browser.waitForText("dialog[open] h2", "Restore this backup?");
            browser.screenshot("installer-restore-confirm");
            browser.click("dialog[open] .btn.danger");
            browser.waitForHash("#/login");

            // the restored data has the other instance's superuser, once the server reopened it
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
            int status = 0;
            while (status != 200 && System.nanoTime() < deadline) {
                Thread.sleep(300);
                try {
                    status = post(server, "/api/collections/_superusers/auth-with-password", null, "{\"identity\":\""
                            + LocketProcess.SDK_EMAIL + "\",\"password\":\"" + LocketProcess.SDK_PASSWORD + "\"}")
                            .statusCode();
                } catch (java.io.IOException reopening) {
                    status = 0;
                }
            }
            assertEquals(200, status, "the backup's superuser can log in");
            browser.type("#login-identity", LocketProcess.SDK_EMAIL);
            browser.type("#login-password", LocketProcess.SDK_PASSWORD);
            browser.click("form button[type=submit]");
            browser.waitForHash("#/collections");
            assertEquals(LocketProcess.SDK_EMAIL, browser.text(".account-email"));
            browser.click(".account button");
            browser.waitForHash("#/login");
        }
    }

    private static HttpResponse<String> post(LocketProcess server, String path, String token, String json)
            throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(server.baseUrl() + path))
                .timeout(java.time.Duration.ofSeconds(20)).header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            b.header("Authorization", token);
        }
        return java.net.http.HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
