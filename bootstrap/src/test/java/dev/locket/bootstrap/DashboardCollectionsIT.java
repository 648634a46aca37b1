package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
/**
 * Collections and records in a real browser, as a person builds an app: an auth and a base collection with a
 * file field and a relation, records with a file, the filter bar, API rules, a field rename, a view collection,
 * impersonation, live updates from another client, and a 100,000-record collection. The tests run in order on
 * one server: each continues from what the previous one built, as the person would.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardCollectionsIT {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"))
            .withPerMethodLifecycle(false);

    @TempDir
    static Path tmp;

    private static Browser browser;
    private static LocketProcess server;
    private static ApiCalls api;
    private static String token;
    private static DashboardCollectionSteps steps;

    @BeforeAll
    static void start() throws Exception {
        Path dir = LocketProcess.sdkDataDir(tmp);
        int port = LocketProcess.freePort();
        AuthMailIT.configureSmtp(dir, mail.getSmtp().getPort(), "http://127.0.0.1:" + port);
        server = LocketProcess.serve(dir, port);
        api = new ApiCalls(server.baseUrl());
        ApiCalls.Reply login = api.call("POST", "/api/collections/_superusers/auth-with-password", null,
                Map.of("identity", LocketProcess.SDK_EMAIL, "password", LocketProcess.SDK_PASSWORD));
        assertEquals(200, login.status(), login.raw());
        token = login.text("token");
        browser = Browser.start();
        browser.open(server.baseUrl() + "/_/#/login");
        browser.type("#login-identity", LocketProcess.SDK_EMAIL);
        browser.type("#login-password", LocketProcess.SDK_PASSWORD);
        browser.click("form button[type=submit]");
        browser.waitFor(".collections-nav");
        steps = new DashboardCollectionSteps(browser, server.baseUrl(), token, tmp);
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
    @Order(1)
    void createsAnAuthAndABaseCollectionWithAFileAndARelation() throws Exception {
        // a signed-in first load lands on the collections page: within the dashboard's 300 KB budget too
        browser.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        browser.open("about:blank");
        browser.open(server.baseUrl() + "/_/");
        browser.waitFor("table.records");
        steps.waitUntil("return document.querySelector('table.records').getAttribute('aria-busy') === 'false'");
        Map<String, Object> firstLoad = browser.transferred();
        System.out.println("first load of /_/ signed in (collections page): " + firstLoad);
        assertTrue(((Number) firstLoad.get("transferBytes")).longValue() < 300_000, firstLoad.toString());

        steps.createAnAuthAndABaseCollectionWithAFileAndARelation();
    }

    @Test
    @Order(2)
    void addsRecordsWithAFileAndARelation() throws Exception {
        steps.addRecordsWithAFileAndARelation();
    }

    @Test
    @Order(3)
    void everyFieldTypeHasItsOptionsAndItsInput() throws Exception {
        browser.click(".new-collection");
        browser.type("#collection-name", "kinds");
        steps.addField("Rich editor", "body");
        steps.addField("Number", "count");
        browser.type(steps.lastNewField() + " input[id$=-max]", "100");
        browser.click(steps.lastNewField() + " input[id$=-onlyInt]");
        steps.addField("Bool", "done");
        steps.addField("Email", "mail");
        browser.type(steps.lastNewField() + " input[id$=-onlyDomains]", "example.com");
        steps.addField("URL", "site");
        steps.addField("Date/time", "due");
        steps.addField("Select", "tags");
        browser.type(steps.lastNewField() + " input[id$=-values]", "red, green, blue");
        browser.type(steps.lastNewField() + " input[id$=-maxSelect]", "3");
        steps.addField("Select", "status");
        browser.type(steps.lastNewField() + " input[id$=-values]", "draft, live");
        steps.addField("JSON", "meta");
        steps.addField("Geo point", "place");
        steps.addField("Password", "secret");
        browser.type(steps.lastNewField() + " input[id$=-min]", "8");
        browser.click(steps.lastNewField() + " input[id$=-hidden]");
        steps.addField("Plain text", "code");
        browser.type(steps.lastNewField() + " input[id$=-pattern]", "^[A-Z]+$");
        browser.type(steps.lastNewField() + " input[id$=-autogeneratePattern]", "[A-Z]{6}");
        browser.click(steps.lastNewField() + " input[id$=-presentable]");
        // the last field moves to the top, under id, by keyboard
        for (int i = 0; i < 11; i++) {
            browser.click("button[aria-label='Move code up']");
        }
        browser.assertEverythingLabelled();
        browser.click("button[type=submit][form=collection-form]");
        browser.waitForHash("#/collections?collection=kinds");

        Map<String, Object> kinds = api.call("GET", "/api/collections/kinds", token, null).body();
        @SuppressWarnings("unchecked")
        List<String> order = ((List<Map<String, Object>>) kinds.get("fields")).stream().map(f -> (String) f.get("name")).toList();
        assertEquals(List.of("id", "code", "body", "count", "done", "mail", "site", "due", "tags", "status", "meta", "place",
                "secret", "created", "updated"), order);
        assertEquals(100, ((Number) steps.field(kinds, "count").get("max")).intValue());
        assertEquals(true, steps.field(kinds, "count").get("onlyInt"));
        assertEquals(List.of("example.com"), steps.field(kinds, "mail").get("onlyDomains"));
        assertEquals(List.of("red", "green", "blue"), steps.field(kinds, "tags").get("values"));
        assertEquals(3, ((Number) steps.field(kinds, "tags").get("maxSelect")).intValue());
        assertEquals(8, ((Number) steps.field(kinds, "secret").get("min")).intValue());
        assertEquals(true, steps.field(kinds, "secret").get("hidden"));
        assertEquals("[A-Z]{6}", steps.field(kinds, "code").get("autogeneratePattern"));
        assertEquals(true, steps.field(kinds, "code").get("presentable"));

        // a record through an input of each type
        browser.click(".new-record");
        browser.waitFor("#rec-body").click();
        browser.driver.findElement(By.id("rec-body")).sendKeys("Some ");
        browser.click(".rich-toolbar button[aria-label=Bold]");
        browser.driver.findElement(By.id("rec-body")).sendKeys("bold");
        browser.type("#rec-count", "42");
        browser.click("#rec-done");
        browser.type("#rec-mail", "x@example.com");
        browser.type("#rec-site", "https://example.com");
        browser.js("const d = document.getElementById('rec-due'); d.value = '2024-05-06T07:08:09';"
                + " d.dispatchEvent(new Event('change'))");
        browser.click("#rec-tags-0");
        browser.click("#rec-tags-2");
        new Select(browser.waitFor("#rec-status")).selectByVisibleText("live");
        browser.type("#rec-meta", "{\"a\": 1,");
        assertTrue(browser.text("#rec-meta-error").startsWith("Invalid JSON"));
        browser.type("#rec-meta", "{\"a\": [1, 2]}");
        assertTrue(browser.driver.findElements(By.id("rec-meta-error")).isEmpty());
        browser.type("#rec-place-lat", "52.52");
        browser.type("#rec-place-lon", "13.405");
        browser.type("#rec-secret", "hunter2-long");
        browser.assertEverythingLabelled();
        browser.screenshot("record-editor-field-types");
        browser.click("button[type=submit][form=record-form]");
        steps.waitUntil("return !document.querySelector('dialog[open]')");

        @SuppressWarnings("unchecked")
        Map<String, Object> r = ((List<Map<String, Object>>) api.call("GET", "/api/collections/kinds/records", token, null)
                .body().get("items")).getFirst();
        assertEquals("Some <b>bold</b>", r.get("body"));
        assertEquals(42, ((Number) r.get("count")).intValue());
        assertEquals(true, r.get("done"));
        assertEquals("x@example.com", r.get("mail"));
        assertEquals("https://example.com", r.get("site"));
        assertEquals("2024-05-06 07:08:09.000Z", r.get("due"));
        assertEquals(List.of("red", "blue"), r.get("tags"));
        assertEquals("live", r.get("status"));
        assertEquals(Map.of("a", List.of(1L, 2L)), r.get("meta"));
        assertEquals(Map.of("lon", 13.405, "lat", 52.52), r.get("place"));
        assertTrue(((String) r.get("code")).matches("[A-Z]{6}"), "autogenerated: " + r.get("code"));
        browser.waitForText("table.records tbody", "Some bold");
    }

    @Test
    @Order(4)
    void theFilterBarFiltersAndShowsABadFiltersError() throws Exception {
        steps.filterTheTableAndSeeABadFiltersError();
    }

    @Test
    @Order(5)
    void aBadRuleShowsTheServersErrorNextToTheRule() throws Exception {
        steps.editARuleAndSeeABadRulesError();
    }

    @Test
    @Order(6)
    void renamingAFieldKeepsItsData() throws Exception {
        steps.openCollectionEditor();
        // a unique index on the field first: it follows the rename
        browser.click(".indexes button.btn");
        browser.click("#index-unique");
        browser.click("#index-col-title");
        browser.assertEverythingLabelled();
        steps.clickButton("dialog[open] .dialog-footer", "Set index");
        browser.waitForText(".indexes .chips", "Unique: title");
        browser.type(".fcard[data-field=title] .fname", "headline");
        browser.driver.findElement(By.cssSelector(".fcard[data-field=headline] .fname")).sendKeys(Keys.TAB);
        browser.waitForText(".indexes .chips", "Unique: headline");
        browser.click("button[type=submit][form=collection-form]");
        browser.waitForText(".confirm-message", "title → headline");
        browser.click("lk-confirm .btn.primary");
        steps.waitUntil("return !document.querySelector('dialog[open]')");
        steps.waitUntil("return [...document.querySelectorAll('table.records th')].some(th => th.textContent.trim() === 'headline')");
        assertTrue(browser.text("table.records tbody").contains("Hello world"), "the data is kept under the new name");
        ApiCalls.Reply list = api.call("GET", "/api/collections/articles/records?sort=created", token, null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> items = (List<Map<String, Object>>) list.body().get("items");
        assertEquals(List.of("Hello world", "Another story"), items.stream().map(i -> i.get("headline")).toList());
        @SuppressWarnings("unchecked")
        List<String> indexes = (List<String>) api.call("GET", "/api/collections/articles", token, null).body().get("indexes");
        assertTrue(indexes.stream().anyMatch(i -> i.startsWith("CREATE UNIQUE INDEX") && i.contains("`headline`")),
                indexes.toString());
    }

    @Test
    @Order(7)
    void aViewCollectionPreviewsItsQueryBeforeItIsCreated() throws Exception {
        browser.click(".new-collection");
        new Select(browser.waitFor("#collection-type")).selectByValue("view");
        browser.waitFor("#collection-viewQuery");
        browser.type("#collection-name", "headlines");
        browser.type("#collection-viewQuery", "SELECT id, headline FROM articles WHERE headline LIKE 'Hello%'");
        browser.waitForText("section[aria-labelledby=preview-title]", "headline: text");
        browser.waitForText("section[aria-labelledby=preview-title] tbody", "Hello world");
        browser.type("#collection-viewQuery", "SELECT nope FROM articles");
        browser.waitFor(".preview-error");
        browser.screenshot("view-collection-preview");
        browser.type("#collection-viewQuery", "SELECT id, headline FROM articles");
        browser.waitForText("section[aria-labelledby=preview-title] tbody", "Another story");
        browser.click("button[type=submit][form=collection-form]");
        browser.waitForHash("#/collections?collection=headlines");
        steps.waitUntil("return document.querySelectorAll('table.records tbody tr[data-id]').length === 2");
        // its records open read-only
        browser.click("table.records tbody tr[data-id] button.open");
        browser.waitForText("#record-form .alert", "read-only");
        assertFalse(browser.driver.findElement(By.id("rec-headline")).isEnabled());
        assertTrue(browser.driver.findElements(By.cssSelector("button[type=submit][form=record-form]")).isEmpty());
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        steps.waitUntil("return !document.querySelector('dialog[open]')");
    }

    @Test
    @Order(8)
    void impersonatesAUserAndCopiesTheToken() throws Exception {
        steps.impersonateAUserAndSendThemAPasswordReset(mail);
    }

    @Test
    @Order(9)
    void theTableUpdatesLiveWhenAnotherClientChangesRecords() throws Exception {
        browser.click(".collection-list a[href$='collection=articles']");
        steps.waitUntil("return document.querySelectorAll('table.records tbody tr[data-id]').length === 2");
        browser.waitForText(".live", "Live");
        ApiCalls.Reply created = api.call("POST", "/api/collections/articles/records", token,
                Map.of("headline", "Breaking: made elsewhere"));
        assertEquals(200, created.status(), created.raw());
        String id = created.text("id");
        steps.waitUntil("return document.querySelector('table.records tbody tr[data-id]').dataset.id === arguments[0]", id);
        browser.waitForText(".pager .total", "3 records");
        browser.screenshot("records-live");

        api.call("PATCH", "/api/collections/articles/records/" + id, token, Map.of("headline", "Changed elsewhere"));
        browser.waitForText("table.records tr[data-id='" + id + "']", "Changed elsewhere");

        api.call("DELETE", "/api/collections/articles/records/" + id, token, null);
        steps.waitUntil("return !document.querySelector(\"table.records tr[data-id='\" + arguments[0] + \"']\")", id);
        assertEquals(2L, browser.js("return document.querySelectorAll('table.records tbody tr[data-id]').length"));
    }

    @Test
    @Order(10)
    void aHundredThousandRecordCollectionListsPageByPage() throws Exception {
        assertEquals(200, api.call("POST", "/api/collections", token, Map.of("name", "big", "type", "base",
                "fields", List.of(Map.of("name", "label", "type", "text"), Map.of("name", "n", "type", "number")))).status());
        ApiCalls.Reply seeded = api.call("POST", "/api/sql", token, Map.of("query",
                "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 100000)"
                        + " INSERT INTO big (id, label, n) SELECT printf('r%014d', x), 'row ' || x, x FROM c"));
        assertEquals(200, seeded.status(), seeded.raw());

        browser.js("performance.clearResourceTimings()");
        browser.open(server.baseUrl() + "/_/#/collections?collection=big");
        steps.waitUntil("return document.querySelectorAll('table.records tbody tr[data-id]').length === 40");
        assertEquals("r00000000100000", browser.js("return document.querySelector('table.records tbody tr').dataset.id"),
                "newest first");
        browser.waitForText(".pager .total", "100000 records");
        browser.waitForText(".pager .page-no", "Page 1 of 2500");
        // the page asks for one page without a total; the total comes from a one-row request of its own
        List<String> requests = recordRequests("big");
        assertTrue(requests.stream().anyMatch(u -> u.contains("page=1&perPage=40&skipTotal=1")), requests.toString());
        assertTrue(requests.stream().anyMatch(u -> u.contains("perPage=1&") && u.contains("fields=id")), requests.toString());
        assertTrue(requests.stream().noneMatch(u -> u.contains("perPage=40") && !u.contains("skipTotal=1")),
                "no page request counts the whole collection: " + requests);
        browser.screenshot("records-100k");

        steps.clickButton(".pager", "Next");
        browser.waitForText(".pager .page-no", "Page 2 of 2500");
        steps.waitUntil("return document.querySelector('table.records tbody tr').dataset.id === 'r00000000099960'");
        assertTrue(recordRequests("big").stream().anyMatch(u -> u.contains("page=2&perPage=40&skipTotal=1")));

        // sorting is the server's too
        browser.click("table.records th button.sort[aria-label^='n,']");
        steps.waitUntil("return document.querySelector('table.records tbody tr').dataset.id === 'r00000000000001'");
        assertEquals("ascending", browser.driver.findElement(By.cssSelector("table.records th.col-number"))
                .getAttribute("aria-sort"));
        assertTrue(browser.hash().contains("sort=n"), browser.hash());
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    @Order(11)
    void bulkDeleteDuplicateTruncateAndDeleteACollection() throws Exception {
        // the 100k collection of the previous test, sorted by n: select two rows and delete them
        browser.click("table.records tbody tr:nth-child(1) input[type=checkbox]");
        browser.click("table.records tbody tr:nth-child(2) input[type=checkbox]");
        browser.waitForText(".bulk-bar", "2 selected");
        browser.screenshot("records-bulk-select");
        steps.clickButton(".bulk-bar", "Delete selected");
        browser.click("lk-confirm .btn.danger");
        browser.waitForText(".pager .total", "99998 records");
        assertEquals(404, api.call("GET", "/api/collections/big/records/r00000000000001", token, null).status());

        // duplicate: the same fields, no records
        steps.openCollectionEditor();
        browser.click("details.menu.up summary");
        steps.clickButton("details.menu.up .menu-items", "Duplicate");
        browser.waitForText("lk-dialog[size=panel] h2", "New base collection");
        assertEquals("big_duplicate", browser.driver.findElement(By.id("collection-name")).getAttribute("value"));
        browser.click("button[type=submit][form=collection-form]");
        browser.waitForHash("#/collections?collection=big_duplicate");
        browser.waitForText(".pager .total", "0 records");
        assertEquals(steps.field(api.call("GET", "/api/collections/big", token, null).body(), "label").get("type"),
                steps.field(api.call("GET", "/api/collections/big_duplicate", token, null).body(), "label").get("type"));

        // delete the duplicate
        steps.openCollectionEditor();
        browser.click("details.menu.up summary");
        steps.clickButton("details.menu.up .menu-items", "Delete collection");
        browser.waitForText("lk-confirm dialog[open]", "Delete big_duplicate?");
        browser.click("lk-confirm .btn.danger");
        steps.waitUntil("return !document.querySelector('dialog[open]')");
        assertEquals(404, api.call("GET", "/api/collections/big_duplicate", token, null).status());

        // truncate the original, after a confirmation
        browser.click(".collection-list a[href$='collection=big']");
        browser.waitForText(".pager .total", "99998 records");
        steps.openCollectionEditor();
        browser.click("details.menu.up summary");
        steps.clickButton("details.menu.up .menu-items", "Delete all records");
        browser.waitForText("lk-confirm dialog[open]", "Delete all records of big?");
        browser.screenshot("collection-truncate-confirm");
        browser.click("lk-confirm .btn.danger");
        browser.click("lk-dialog[size=panel] .dialog-header button");
        browser.waitForText(".pager .total", "0 records");
        assertEquals(0L, ((Number) api.call("GET", "/api/collections/big/records?perPage=1", token, null).body()
                .get("totalItems")).longValue());
    }

    @Test
    @Order(12)
    void worksOnAPhone() throws Exception {
        browser.resize(Browser.PHONE);
        try {
            browser.open(server.baseUrl() + "/_/#/collections?collection=articles");
            steps.waitUntil("return document.querySelectorAll('table.records tbody tr[data-id]').length === 2");
            assertTrue((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"),
                    "no horizontal scrolling at 390 px");
            browser.click(".nav-toggle");
            browser.waitFor("#collections-search");
            browser.assertEverythingLabelled();
            browser.screenshot("records-phone");
            browser.click(".nav-toggle");
            browser.click("table.records tbody tr[data-id] button.open");
            browser.waitFor("#rec-headline");
            browser.assertEverythingLabelled();
            browser.screenshot("record-editor-phone");
            new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
            steps.waitUntil("return !document.querySelector('dialog[open]')");
        } finally {
            browser.resize(Browser.DESKTOP);
        }
    }

    /** A failed step must not leave a panel open over the next test's page: close it as a person would. */
    @AfterEach
    void closePanels() throws InterruptedException {
        for (int i = 0; i < 10 && !browser.driver.findElements(By.cssSelector("dialog[open]")).isEmpty(); i++) {
            browser.js("""
                    const confirm = document.querySelector('lk-confirm dialog[open]');
                    if (confirm) {
                      const discard = confirm.querySelector('h2').textContent.includes('Discard');
                      confirm.querySelector(discard ? '.btn.danger' : '.btn.ghost').click();
                    } else {
                      [...document.querySelectorAll('dialog[open]')].at(-1)?.querySelector('.dialog-header button')?.click();
                    }""");
            Thread.sleep(200);
        }
    }

    /** The record list requests the page made for {@code collection}, from the browser's resource timings. */
    @SuppressWarnings("unchecked")
    private static List<String> recordRequests(String collection) throws Exception {
        String id = api.call("GET", "/api/collections/" + collection, token, null).text("id");
        return ((List<String>) browser.js("return performance.getEntriesByType('resource').map(e => e.name)"))
                .stream().filter(u -> u.contains("/api/collections/" + id + "/records?")
                        || u.contains("/api/collections/" + collection + "/records?")).toList();
    }
}
