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
}
