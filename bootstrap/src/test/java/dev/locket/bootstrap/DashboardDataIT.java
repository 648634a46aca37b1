package dev.locket.bootstrap;

import static dev.locket.bootstrap.DashboardSteps.assertNoScriptErrors;
import static dev.locket.bootstrap.DashboardSteps.awaitGone;
import static dev.locket.bootstrap.DashboardSteps.awaitSuccess;
import static dev.locket.bootstrap.DashboardSteps.awaitTrue;
import static dev.locket.bootstrap.DashboardSteps.check;
import static dev.locket.bootstrap.DashboardSteps.go;
import static dev.locket.bootstrap.DashboardSteps.press;
import static dev.locket.bootstrap.DashboardSteps.select;
import static dev.locket.bootstrap.DashboardSteps.setValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/**
 * Backups, the collections' export and import, and the logs in a real browser against the packaged jar: a backup
 * made, downloaded with a file token, uploaded again and deleted, the schedule saved; an import reviewed (added,
 * changed and deleted collections and fields) before it is applied; the logs filtered (with the filter's error
 * shown), one entry opened, the log settings saved.
 */
class DashboardDataIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    private static Browser browser;
    private static LocketProcess server;
    private static ApiCalls api;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        server = LocketProcess.serve(LocketProcess.sdkDataDir(tmp));
        api = new ApiCalls(server.baseUrl());
        token = api.call("POST", "/api/collections/_superusers/auth-with-password", null, Map.of(
                "identity", LocketProcess.SDK_EMAIL, "password", LocketProcess.SDK_PASSWORD)).text("token");
        browser = Browser.start();
        DashboardSteps.signIn(browser, server.baseUrl(), LocketProcess.SDK_EMAIL, LocketProcess.SDK_PASSWORD);
    }

    @AfterAll
    static void stop() throws Exception {
        try {
            if (browser != null) {
                browser.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    void backupsAreMadeDownloadedUploadedDeletedAndScheduled() throws Exception {
        Path downloads = Files.createDirectories(tmp.resolve("downloads"));
        browser.driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow",
                "downloadPath", downloads.toString()));
        go(browser, server.baseUrl(), "#/settings/backups", ".backups-list");

        press(browser, "#backups-new");
        browser.type("#backups-create-name", "Not A Valid Name");
        press(browser, "dialog[open] button[type=submit]");
        assertFalse(browser.text("#backups-create-name-error").isBlank());
        browser.assertEverythingLabelled();
        browser.type("#backups-create-name", "first.zip");
        press(browser, "dialog[open] button[type=submit]");
        awaitSuccess(browser, "Backup created.");
        browser.waitFor("tr[data-key='first.zip']");
        long size = JSON.readTree(api.call("GET", "/api/backups", token, null).raw()).get(0).get("size").asLong();

        // the download is a plain GET with a short-lived file token
        press(browser, "tr[data-key='first.zip'] button[aria-label='Download first.zip']");
        Path downloaded = downloads.resolve("first.zip");
        awaitTrue(browser, "first.zip downloaded", () -> Files.isRegularFile(downloaded) && sizeOf(downloaded) == size);

        Path upload = Files.copy(downloaded, tmp.resolve("uploaded.zip"));
        browser.driver.findElement(By.id("backups-upload")).sendKeys(upload.toString());
        awaitSuccess(browser, "Uploaded uploaded.zip.");
        browser.waitFor("tr[data-key='uploaded.zip']");
        browser.assertEverythingLabelled();
        browser.screenshot("settings-backups");

        press(browser, "tr[data-key='uploaded.zip'] button[aria-label='Delete uploaded.zip']");
        browser.waitForText("dialog[open] h2", "Delete this backup?");
        press(browser, "dialog[open] .btn.danger");
        awaitSuccess(browser, "Deleted uploaded.zip.");
        awaitGone(browser, "tr[data-key='uploaded.zip']");

        // the restore dialog asks for the name before it lets go
        press(browser, "tr[data-key='first.zip'] button[aria-label='Restore first.zip']");
        browser.waitFor("#backups-restore-confirm");
        assertFalse(browser.waitFor("dialog[open] .btn.danger").isEnabled());
        browser.screenshot("settings-backups-restore");
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        awaitGone(browser, "dialog[open]");

        // a schedule: a bad expression is refused at its input, a preset is saved
        check(browser, "#backups-auto-enabled", true);
        browser.type("#backups-backups-cron", "every day");
        press(browser, ".settings-form button[type=submit]");
        assertFalse(browser.text("#backups-backups-cron-error").isBlank());
        select(browser, "#backups-preset", "0 0 * * 0");
        browser.type("#backups-backups-cronMaxKeep", "5");
        press(browser, ".settings-form button[type=submit]");
        awaitSuccess(browser, "Backup settings saved.");
        JsonNode backups = settings().path("backups");
        assertEquals("0 0 * * 0", backups.path("cron").asText());
        assertEquals(5, backups.path("cronMaxKeep").asInt());
        go(browser, server.baseUrl(), "#/settings/crons", "tr[data-id='__pbAutoBackup__']");
        assertEquals("0 0 * * 0", browser.text("tr[data-id='__pbAutoBackup__'] td:nth-child(2)"));
        assertNoScriptErrors(browser);
    }

    @Test
    void anImportIsReviewedBeforeItChangesAnything() throws Exception {
        createCollection("notes", List.of(Map.of("name", "title", "type", "text")));
        createCollection("old_stuff", List.of(Map.of("name", "label", "type", "text")));

        go(browser, server.baseUrl(), "#/settings/export-collections", "#export-json");
        browser.assertEverythingLabelled();
        browser.screenshot("settings-export-collections");
        ArrayNode exported = (ArrayNode) JSON.readTree(browser.waitFor("#export-json").getAttribute("value"));
        assertTrue(names(exported).containsAll(List.of("users", "notes", "old_stuff")), names(exported).toString());
        assertFalse(exported.get(0).has("created"), "timestamps are not exported");

        // the import text: notes gets a field, tags is new, old_stuff is left out
        ArrayNode incoming = JSON.createArrayNode();
        for (JsonNode c : exported) {
            if (c.path("name").asText().equals("old_stuff")) {
                continue;
            }
            if (c.path("name").asText().equals("notes")) {
                ((ArrayNode) c.get("fields")).addObject().put("name", "body").put("type", "editor");
                ((ObjectNode) c).put("listRule", "");
            }
            incoming.add(c);
        }
        ObjectNode tags = incoming.addObject().put("name", "tags").put("type", "base");
        tags.putArray("fields").addObject().put("name", "label").put("type", "text");

        go(browser, server.baseUrl(), "#/settings/import-collections", "#import-json");
        setValue(browser, "#import-json", "[{\"broken\": ");
        assertTrue(browser.text("#import-json-error").startsWith("This is not valid JSON"));
        setValue(browser, "#import-json", JSON.writeValueAsString(incoming));
        browser.waitForText(".import-summary", "1 to add, 1 to change, 1 to delete");
        browser.assertEverythingLabelled();
        press(browser, "form button[type=submit]"); // Review changes
        browser.waitForText("dialog[open] h2", "Review the changes");
        assertTrue(browser.text("dialog[open] .import-added").contains("tags"));
        String changed = browser.text("dialog[open] .import-changed");
        assertTrue(changed.contains("notes") && changed.contains("Field added: body editor")
                && changed.contains("listRule: null → \"\""), changed);
        assertTrue(browser.text("dialog[open] .import-deleted").contains("old_stuff"));
        browser.assertEverythingLabelled();
        browser.screenshot("settings-import-review");
        assertEquals(200, api.call("GET", "/api/collections/old_stuff", token, null).status(), "nothing changed yet");

        press(browser, "dialog[open] .btn.danger"); // Import
        awaitSuccess(browser, "Collections imported.");
        assertEquals(404, api.call("GET", "/api/collections/old_stuff", token, null).status());
        assertEquals(200, api.call("GET", "/api/collections/tags", token, null).status());
        JsonNode notes = JSON.readTree(api.call("GET", "/api/collections/notes", token, null).raw());
        assertTrue(names((ArrayNode) notes.get("fields")).contains("body"));
        assertEquals("", notes.path("listRule").asText("null"));

        // an export of another instance: same names, other ids; the page offers the stored ids instead
        check(browser, "#import-delete-missing", false);
        setValue(browser, "#import-json", "[{\"id\": \"pbc_elsewhere01\", \"name\": \"tags\", \"type\": \"base\", "
                + "\"fields\": [{\"id\": \"text_elsewhere\", \"name\": \"label\", \"type\": \"text\"}]}]");
        browser.waitForText(".import-conflicts", "tags already exists here with another id");
        browser.waitForText(".import-summary", "1 to add");
        press(browser, "#import-adopt-ids");
        browser.waitForText(".import-summary", "0 to add");
        String adopted = browser.waitFor("#import-json").getAttribute("value");
        String tagsId = JSON.readTree(api.call("GET", "/api/collections/tags", token, null).raw()).get("id").asText();
        assertTrue(adopted.contains("\"" + tagsId + "\"") && !adopted.contains("pbc_elsewhere01"), adopted);
        DashboardSteps.awaitGone(browser, ".import-conflicts");

        // the server's refusal shows under the text
        setValue(browser, "#import-json", "[{\"name\": \"bad\", \"type\": \"base\", \"fields\": "
                + "[{\"name\": \"x\", \"type\": \"no-such-type\"}]}]");
        browser.waitForText(".import-summary", "1 to add, 0 to change, 0 to delete");
        press(browser, "form button[type=submit]");
        press(browser, "dialog[open] .btn.primary");
        assertTrue(browser.text("#import-json-error").startsWith("Failed to import the collections configuration."));
        assertNoScriptErrors(browser);
    }

    @Test
    void logsAreFilteredOpenedAndConfigured() throws Exception {
        // requests by a guest: the dashboard leaves out its own superuser requests by default
        for (int i = 0; i < 53; i++) {
            api.call("GET", "/api/collections/users/records?probe=dash-logs-" + i, null, null);
        }
        go(browser, server.baseUrl(), "#/logs", "#logs-search");
        browser.type("#logs-search", "data.url ~ 'probe=dash-logs-'");
        press(browser, ".logs-search button[type=submit]");
        assertTrue(browser.hash().startsWith("#/logs?filter="), browser.hash());
        // logs are written in batches: refresh until all are counted; the list shows a page of 50, then the rest
        awaitTrue(browser, "the 53 requests are counted", () -> {
            if (browser.text("lk-logs-chart figcaption").contains("53 in total")) {
                return true;
            }
            browser.click("#logs-refresh");
            return false;
        });
        browser.waitFor("lk-logs-chart svg rect.bar");
        awaitTrue(browser, "a first page", () -> rows() == 50);
        browser.assertEverythingLabelled();
        browser.screenshot("logs");
        press(browser, ".load-more button");
        awaitTrue(browser, "the older ones", () -> rows() == 53);
        assertTrue(browser.driver.findElements(By.cssSelector(".load-more button")).isEmpty(), "nothing older");

        // dragging across the chart zooms the list to that time range, until the zoom is reset. The drag ends
        // past the plot's right edge (the chart clamps it there: the end of the current hour), so the range holds
        // the requests just made whatever the minute of the hour; ending inside the plot would leave out the
        // last minutes of the hour and fail near its end.
        WebElement chart = browser.waitFor("lk-logs-chart svg");
        int width = chart.getSize().getWidth();
        new Actions(browser.driver).moveToElement(chart, -width / 2 + 45, 0).clickAndHold()
                .moveByOffset(width - 49, 0).release().perform();
        browser.waitForText("lk-logs-chart figcaption button", "Reset zoom");
        awaitTrue(browser, "the zoomed list", () -> rows() == 50);
        press(browser, "lk-logs-chart figcaption button");
        browser.waitFor("lk-logs-chart .chart-hint");

        WebElement first = browser.waitFor(".logs-list tr[data-id] .log-message .btn.link");
        String message = first.getText();
        assertTrue(message.startsWith("GET /api/collections/users/records?probe=dash-logs-"), message);
        first.click();
        browser.waitForText("dialog[open] h2", "Log entry");
        String detail = browser.text("dialog[open] .log-detail");
        assertTrue(detail.contains("data.status") && detail.contains("data.url"), detail);
        assertTrue(browser.hash().contains("logId="), browser.hash());
        browser.screenshot("logs-detail");
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        awaitGone(browser, "dialog[open]");
        assertFalse(browser.hash().contains("logId="), browser.hash());

        // the entry's link opens it on a fresh load too
        String id = browser.waitFor(".logs-list tr[data-id]").getAttribute("data-id");
        browser.open(server.baseUrl() + "/_/#/logs?logId=" + id);
        browser.waitForText("dialog[open] .log-detail", id);
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        awaitGone(browser, "dialog[open]");

        // a filter the server cannot read says why, next to the search box
        browser.type("#logs-search", "data.status >>> 1");
        press(browser, ".logs-search button[type=submit]");
        assertFalse(browser.text("#logs-search-error").isBlank());
        browser.screenshot("logs-filter-error");

        press(browser, "#logs-open-settings");
        browser.type("#logs-settings-maxDays", "-1");
        press(browser, "dialog[open] button[type=submit]");
        assertEquals("Must be no less than 0.", browser.text("#logs-settings-maxDays-error"));
        browser.assertEverythingLabelled();
        browser.type("#logs-settings-maxDays", "9");
        check(browser, "#logs-settings-logAuthId", true);
        press(browser, "dialog[open] button[type=submit]");
        awaitSuccess(browser, "Log settings saved.");
        JsonNode logs = settings().path("logs");
        assertEquals(9, logs.path("maxDays").asInt());
        assertTrue(logs.path("logAuthId").asBoolean());

        browser.resize(Browser.PHONE);
        browser.open(server.baseUrl() + "/_/#/logs");
        browser.waitFor("lk-logs-chart svg");
        DashboardSteps.assertNoSidewaysScroll(browser, "#/logs");
        browser.screenshot("logs-phone");
        browser.resize(Browser.DESKTOP);
        assertNoScriptErrors(browser);
    }

    private static int rows() {
        return browser.driver.findElements(By.cssSelector(".logs-list tr[data-id]")).size();
    }

    private static void createCollection(String name, List<Map<String, Object>> fields) throws Exception {
        var reply = api.call("POST", "/api/collections", token, Map.of("name", name, "type", "base", "fields", fields));
        assertEquals(200, reply.status(), reply.raw());
    }

    private static List<String> names(ArrayNode items) {
        return java.util.stream.StreamSupport.stream(items.spliterator(), false).map(c -> c.path("name").asText())
                .toList();
    }

    private static JsonNode settings() throws Exception {
        return JSON.readTree(api.call("GET", "/api/settings", token, null).raw());
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return -1;
        }
    }
}
