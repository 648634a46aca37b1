package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import java.nio.file.Files;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

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
        waitUntil("return document.querySelector('table.records').getAttribute('aria-busy') === 'false'");
        Map<String, Object> firstLoad = browser.transferred();
        System.out.println("first load of /_/ signed in (collections page): " + firstLoad);
        assertTrue(((Number) firstLoad.get("transferBytes")).longValue() < 300_000, firstLoad.toString());

        // an auth collection
        browser.click(".new-collection");
        browser.waitFor("#collection-name");
        new Select(browser.waitFor("#collection-type")).selectByValue("auth");
        waitUntil("return document.querySelector('lk-dialog[size=panel] h2')?.textContent.includes('auth')");
        browser.type("#collection-name", "members");
        browser.assertEverythingLabelled();
        browser.click("button[type=submit][form=collection-form]");
        browser.waitForHash("#/collections?collection=members");
        browser.waitForText(".collection-main h1", "members");
        waitUntil("return !document.querySelector('dialog[open]')");

        // a base collection: text, file and relation fields, each added from the field type menu
        browser.click(".new-collection");
        browser.type("#collection-name", "articles");
        addField("Plain text", "title");
        addField("File", "cover");
        browser.type(lastNewField() + " input[id$=-maxSize]", "2000000");
        browser.type(lastNewField() + " input[id$=-mimeTypes]", "image/png, image/jpeg");
        browser.type(lastNewField() + " input[id$=-thumbs]", "80x80");
        addField("Relation", "author");
        new Select(browser.waitFor(lastNewField() + " select[id$=-collectionId]")).selectByVisibleText("members");
        browser.click(lastNewField() + " input[id$=-cascadeDelete]");
        browser.assertEverythingLabelled();
        browser.screenshot("collection-editor");
        browser.click("button[type=submit][form=collection-form]");
        browser.waitForHash("#/collections?collection=articles");
        waitUntil("return !document.querySelector('dialog[open]')");

        ApiCalls.Reply articles = api.call("GET", "/api/collections/articles", token, null);
        assertEquals(200, articles.status(), articles.raw());
        Map<String, Object> cover = field(articles.body(), "cover");
        assertEquals(2_000_000, ((Number) cover.get("maxSize")).intValue());
        assertEquals(List.of("image/png", "image/jpeg"), cover.get("mimeTypes"));
        assertEquals(List.of("80x80"), cover.get("thumbs"));
        Map<String, Object> author = field(articles.body(), "author");
        assertEquals(api.call("GET", "/api/collections/members", token, null).text("id"), author.get("collectionId"));
        assertEquals(true, author.get("cascadeDelete"));
        assertNotNull(field(articles.body(), "created"), "new collections get created/updated, as upstream's");
        assertEquals(List.of("articles", "members", "users"), browser.driver.findElements(
                By.cssSelector(".collection-list:not([hidden]) a .cname")).stream().map(WebElement::getText).toList());
    }

    @Test
    @Order(2)
    void addsRecordsWithAFileAndARelation() throws Exception {
        // a member, through the record panel of the auth collection
        browser.click(".collection-list a[href$='collection=members']");
        browser.waitForText(".collection-main h1", "members");
        browser.click(".new-record");
        browser.type("#rec-email", "ann@example.com");
        browser.type("#rec-password", "ann-password-1");
        browser.type("#rec-passwordConfirm", "other-password");
        browser.click("button[type=submit][form=record-form]");
        // the server's message lands under the field it is about
        assertFalse(browser.text("#rec-passwordConfirm-error").isBlank());
        browser.type("#rec-passwordConfirm", "ann-password-1");
        browser.click("button[type=submit][form=record-form]");
        waitUntil("return !document.querySelector('dialog[open]')");
        browser.waitForText("table.records tbody", "ann@example.com");

        // an article with an image and the member as author
        browser.click(".collection-list a[href$='collection=articles']");
        browser.waitForText(".collection-main h1", "articles");
        browser.click(".new-record");
        browser.type("#rec-title", "Hello world");
        Path image = tmp.resolve("cover.png");
        Files.write(image, TINY_PNG);
        browser.driver.findElement(By.id("rec-cover")).sendKeys(image.toString());
        browser.waitForText("fieldset.files .file-list", "cover.png");
        assertTrue((Boolean) browser.js("return document.querySelector('fieldset.files img').src.startsWith('blob:')"),
                "a preview of the chosen image");
        browser.click("fieldset.relation button.btn");
        browser.waitFor("#picker-search");
        browser.type("#picker-search", "ann");
        browser.waitForText(".pick-list", "ann@example.com");
        browser.assertEverythingLabelled();
        browser.screenshot("relation-picker");
        browser.click(".pick-list input");
        clickButton("dialog[open] .dialog-footer", "Use the chosen");
        browser.waitForText("fieldset.relation .chips", "ann@example.com");
        browser.assertEverythingLabelled();
        browser.screenshot("record-editor");
        browser.click("button[type=submit][form=record-form]");
        waitUntil("return !document.querySelector('dialog[open]')");
        WebElement row = browser.waitFor("table.records tbody tr[data-id]");
        assertTrue(row.getText().contains("Hello world"), row.getText());
        assertTrue(row.getText().contains("ann@example.com"), "the relation shows its record: " + row.getText());
        // the table shows the stored image as a thumb the server made
        waitUntil("const img = document.querySelector('table.records td.col-file img');"
                + " return img && img.complete && img.naturalWidth > 0 && img.src.includes('thumb=100x100')");

        // a second article through the API, so the table has something to filter out
        api.call("POST", "/api/collections/articles/records", token, Map.of("title", "Another story"));
        browser.click(".toolbar-actions button:last-child"); // Refresh
        waitUntil("return document.querySelectorAll('table.records tbody tr[data-id]').length === 2");
        browser.screenshot("records");
        browser.assertEverythingLabelled();

        // the record opens again with its stored file
        browser.driver.findElements(By.cssSelector("table.records tbody tr[data-id]")).stream()
                .filter(r -> r.getText().contains("Hello world")).findFirst().orElseThrow()
                .findElement(By.cssSelector("button.open")).click();
        browser.waitForText("fieldset.files", "Remove");
        String stored = (String) browser.js("return document.querySelector('fieldset.files .file-name').textContent");
        assertTrue(stored.endsWith(".png") && !stored.equals("cover.png"), "the server's file name: " + stored);
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        waitUntil("return !document.querySelector('dialog[open]')");
    }


    @Test
    @Order(3)
    void everyFieldTypeHasItsOptionsAndItsInput() throws Exception {
        browser.click(".new-collection");
        browser.type("#collection-name", "kinds");
        addField("Rich editor", "body");
        addField("Number", "count");
        browser.type(lastNewField() + " input[id$=-max]", "100");
        browser.click(lastNewField() + " input[id$=-onlyInt]");
        addField("Bool", "done");
        addField("Email", "mail");
        browser.type(lastNewField() + " input[id$=-onlyDomains]", "example.com");
        addField("URL", "site");
        addField("Date/time", "due");
        addField("Select", "tags");
        browser.type(lastNewField() + " input[id$=-values]", "red, green, blue");
        browser.type(lastNewField() + " input[id$=-maxSelect]", "3");
        addField("Select", "status");
        browser.type(lastNewField() + " input[id$=-values]", "draft, live");
        addField("JSON", "meta");
        addField("Geo point", "place");
        addField("Password", "secret");
        browser.type(lastNewField() + " input[id$=-min]", "8");
        browser.click(lastNewField() + " input[id$=-hidden]");
        addField("Plain text", "code");
        browser.type(lastNewField() + " input[id$=-pattern]", "^[A-Z]+$");
        browser.type(lastNewField() + " input[id$=-autogeneratePattern]", "[A-Z]{6}");
        browser.click(lastNewField() + " input[id$=-presentable]");
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
        assertEquals(100, ((Number) field(kinds, "count").get("max")).intValue());
        assertEquals(true, field(kinds, "count").get("onlyInt"));
        assertEquals(List.of("example.com"), field(kinds, "mail").get("onlyDomains"));
        assertEquals(List.of("red", "green", "blue"), field(kinds, "tags").get("values"));
        assertEquals(3, ((Number) field(kinds, "tags").get("maxSelect")).intValue());
        assertEquals(8, ((Number) field(kinds, "secret").get("min")).intValue());
        assertEquals(true, field(kinds, "secret").get("hidden"));
        assertEquals("[A-Z]{6}", field(kinds, "code").get("autogeneratePattern"));
        assertEquals(true, field(kinds, "code").get("presentable"));

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
        waitUntil("return !document.querySelector('dialog[open]')");

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
        browser.click(".collection-list a[href$='collection=articles']");
        waitUntil("return document.querySelectorAll('table.records tbody tr[data-id]').length === 2");
        browser.type("#records-filter", "title ~ 'Hello'");
        browser.driver.findElement(By.id("records-filter")).sendKeys(Keys.ENTER);
        waitUntil("return document.querySelectorAll('table.records tbody tr[data-id]').length === 1");
        assertTrue(browser.text("table.records tbody").contains("Hello world"));
        assertTrue(browser.hash().contains("filter="), "the filter is in the address: " + browser.hash());
        browser.waitForText(".pager .total", "1 record");

        // plain words search the text fields
        browser.type("#records-filter", "Another");
        browser.driver.findElement(By.id("records-filter")).sendKeys(Keys.ENTER);
        waitUntil("return document.querySelectorAll('table.records tbody tr[data-id]').length === 1"
                + " && document.querySelector('table.records tbody').textContent.includes('Another story')");

        // a broken expression: the server's answer is shown under the filter, tied to it
        browser.type("#records-filter", "title ~ ");
        browser.driver.findElement(By.id("records-filter")).sendKeys(Keys.ENTER);
        String error = browser.text("#records-filter-error");
        assertTrue(error.contains("Check the filter"), error);
        assertEquals("records-filter-error", browser.driver.findElement(By.id("records-filter")).getAttribute("aria-describedby"));
        browser.screenshot("records-filter-error");

        browser.click(".filter-bar button.ghost"); // Clear filter
        waitUntil("return document.querySelectorAll('table.records tbody tr[data-id]').length === 2");
        assertTrue(browser.driver.findElements(By.id("records-filter-error")).isEmpty());
    }

    @Test
    @Order(5)
    void aBadRuleShowsTheServersErrorNextToTheRule() throws Exception {
        openCollectionEditor();
        browser.click("#ctab-rules");
        browser.click("#rule-listRule button"); // unlock
        // the editor suggests the collection's fields as one types
        browser.type("#rule-listRule-input", "auth");
        browser.waitForText("#rule-listRule .suggestions", "author");
        browser.driver.findElement(By.id("rule-listRule-input")).sendKeys(Keys.ESCAPE);
        assertTrue((Boolean) browser.js("return !!document.querySelector('lk-dialog[size=panel] dialog[open]')"),
                "Escape closed the suggestions, not the panel");
        browser.type("#rule-listRule-input", "author.email = ");
        browser.click("button[type=submit][form=collection-form]");
        String error = browser.text("#rule-listRule .field-error");
        assertTrue(error.startsWith("Invalid rule"), error);
        assertTrue(browser.driver.findElement(By.id("rule-listRule-input")).getAttribute("aria-describedby")
                .contains("rule-listRule-input-error"));
        browser.assertEverythingLabelled();
        browser.screenshot("collection-rules-error");

        browser.type("#rule-listRule-input", "author.email != ''");
        browser.click("button[type=submit][form=collection-form]");
        waitUntil("return !document.querySelector('dialog[open]')");
        assertEquals("author.email != ''", api.call("GET", "/api/collections/articles", token, null).body().get("listRule"));
    }

    @Test
    @Order(6)
    void renamingAFieldKeepsItsData() throws Exception {
        openCollectionEditor();
        // a unique index on the field first: it follows the rename
        browser.click(".indexes button.btn");
        browser.click("#index-unique");
        browser.click("#index-col-title");
        browser.assertEverythingLabelled();
        clickButton("dialog[open] .dialog-footer", "Set index");
        browser.waitForText(".indexes .chips", "Unique: title");
        browser.type(".fcard[data-field=title] .fname", "headline");
        browser.driver.findElement(By.cssSelector(".fcard[data-field=headline] .fname")).sendKeys(Keys.TAB);
        browser.waitForText(".indexes .chips", "Unique: headline");
        browser.click("button[type=submit][form=collection-form]");
        browser.waitForText(".confirm-message", "title → headline");
        browser.click("lk-confirm .btn.primary");
        waitUntil("return !document.querySelector('dialog[open]')");
        waitUntil("return [...document.querySelectorAll('table.records th')].some(th => th.textContent.trim() === 'headline')");
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
        waitUntil("return document.querySelectorAll('table.records tbody tr[data-id]').length === 2");
        // its records open read-only
        browser.click("table.records tbody tr[data-id] button.open");
        browser.waitForText("#record-form .alert", "read-only");
        assertFalse(browser.driver.findElement(By.id("rec-headline")).isEnabled());
        assertTrue(browser.driver.findElements(By.cssSelector("button[type=submit][form=record-form]")).isEmpty());
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        waitUntil("return !document.querySelector('dialog[open]')");
    }

    @Test
    @Order(8)
    void impersonatesAUserAndCopiesTheToken() throws Exception {
        browser.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", server.baseUrl(),
                "permissions", List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
        browser.click(".collection-list a[href$='collection=members']");
        browser.waitForText("table.records tbody", "ann@example.com");
        // the verified switch of the users table
        browser.click("table.records button.switch");
        waitUntil("return document.querySelector('table.records button.switch').getAttribute('aria-checked') === 'true'");
        assertEquals(true, memberAnn().get("verified"));

        // a linked OAuth2 account (made through the API) is listed with the user
        ApiCalls.Reply link = api.call("POST", "/api/collections/_externalAuths/records", token, Map.of(
                "collectionRef", api.call("GET", "/api/collections/members", token, null).text("id"),
                "recordRef", memberAnn().get("id"), "provider", "google", "providerId", "g-1234"));
        assertEquals(200, link.status(), link.raw());
        browser.click("table.records tbody tr[data-id] button.open");
        browser.waitForText(".account-actions .external-auths", "g-1234");

        int mailsBefore = mail.getReceivedMessages().length;
        clickButton(".account-actions", "Send password reset mail");
        waitUntil("return [...document.querySelectorAll('.toast.success')].some(t => t.textContent.includes(arguments[0]))",
                "Sent a password reset mail to ann@example.com");
        assertTrue(mail.waitForIncomingEmail(10_000, mailsBefore + 1));
        assertEquals("ann@example.com", mail.getReceivedMessages()[mailsBefore].getAllRecipients()[0].toString());

        clickButton(".account-actions", "Impersonate");
        browser.type("#impersonate-duration", "600");
        browser.click("button[type=submit][form=impersonate-form]");
        WebElement tokenBox = browser.waitFor("#impersonate-token");
        String impersonation = tokenBox.getAttribute("value");
        assertFalse(impersonation.isBlank());
        browser.assertEverythingLabelled();
        browser.screenshot("impersonate");
        clickButton("dialog[open] form#impersonate-form", "Copy token");
        waitUntil("return [...document.querySelectorAll('.toast.success')].some(t => t.textContent.includes(arguments[0]))",
                "Copied the token");
        Object copied = browser.asyncJs("const done = arguments[arguments.length - 1];"
                + " navigator.clipboard.readText().then(done, e => done('failed: ' + e.message));");
        assertEquals(impersonation, copied);

        // the token acts as the member, for the duration asked
        ApiCalls.Reply asAnn = api.call("POST", "/api/files/token", impersonation, null);
        assertEquals(200, asAnn.status(), asAnn.raw());
        assertEquals(403, api.call("GET", "/api/collections/_superusers/records", impersonation, null).status(),
                "not a superuser token");
        Map<String, Object> claims = claims(impersonation);
        long lifetime = ((Number) claims.get("exp")).longValue() - System.currentTimeMillis() / 1000;
        assertTrue(lifetime > 500 && lifetime <= 600, "exp in ~600 s: " + lifetime);
        assertEquals(memberAnn().get("id"), claims.get("id"));

        clickButton("dialog[open] .dialog-footer", "Close");
        // unsaved changes are not dropped silently
        browser.type("#rec-email", "ann2@example.com");
        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        browser.waitForText("lk-confirm dialog[open]", "Discard changes?");
        browser.click("lk-confirm .btn.danger");
        waitUntil("return !document.querySelector('dialog[open]')");
        assertEquals("ann@example.com", memberAnn().get("email"));
    }

    @Test
    @Order(9)
    void theTableUpdatesLiveWhenAnotherClientChangesRecords() throws Exception {
        browser.click(".collection-list a[href$='collection=articles']");
        waitUntil("return document.querySelectorAll('table.records tbody tr[data-id]').length === 2");
        browser.waitForText(".live", "Live");
        ApiCalls.Reply created = api.call("POST", "/api/collections/articles/records", token,
                Map.of("headline", "Breaking: made elsewhere"));
        assertEquals(200, created.status(), created.raw());
        String id = created.text("id");
        waitUntil("return document.querySelector('table.records tbody tr[data-id]').dataset.id === arguments[0]", id);
        browser.waitForText(".pager .total", "3 records");
        browser.screenshot("records-live");

        api.call("PATCH", "/api/collections/articles/records/" + id, token, Map.of("headline", "Changed elsewhere"));
        browser.waitForText("table.records tr[data-id='" + id + "']", "Changed elsewhere");

        api.call("DELETE", "/api/collections/articles/records/" + id, token, null);
        waitUntil("return !document.querySelector(\"table.records tr[data-id='\" + arguments[0] + \"']\")", id);
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
        waitUntil("return document.querySelectorAll('table.records tbody tr[data-id]').length === 40");
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

        clickButton(".pager", "Next");
        browser.waitForText(".pager .page-no", "Page 2 of 2500");
        waitUntil("return document.querySelector('table.records tbody tr').dataset.id === 'r00000000099960'");
        assertTrue(recordRequests("big").stream().anyMatch(u -> u.contains("page=2&perPage=40&skipTotal=1")));

        // sorting is the server's too
        browser.click("table.records th button.sort[aria-label^='n,']");
        waitUntil("return document.querySelector('table.records tbody tr').dataset.id === 'r00000000000001'");
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
        clickButton(".bulk-bar", "Delete selected");
        browser.click("lk-confirm .btn.danger");
        browser.waitForText(".pager .total", "99998 records");
        assertEquals(404, api.call("GET", "/api/collections/big/records/r00000000000001", token, null).status());

        // duplicate: the same fields, no records
        openCollectionEditor();
        browser.click("details.menu.up summary");
        clickButton("details.menu.up .menu-items", "Duplicate");
        browser.waitForText("lk-dialog[size=panel] h2", "New base collection");
        assertEquals("big_duplicate", browser.driver.findElement(By.id("collection-name")).getAttribute("value"));
        browser.click("button[type=submit][form=collection-form]");
        browser.waitForHash("#/collections?collection=big_duplicate");
        browser.waitForText(".pager .total", "0 records");
        assertEquals(field(api.call("GET", "/api/collections/big", token, null).body(), "label").get("type"),
                field(api.call("GET", "/api/collections/big_duplicate", token, null).body(), "label").get("type"));

        // delete the duplicate
        openCollectionEditor();
        browser.click("details.menu.up summary");
        clickButton("details.menu.up .menu-items", "Delete collection");
        browser.waitForText("lk-confirm dialog[open]", "Delete big_duplicate?");
        browser.click("lk-confirm .btn.danger");
        waitUntil("return !document.querySelector('dialog[open]')");
        assertEquals(404, api.call("GET", "/api/collections/big_duplicate", token, null).status());

        // truncate the original, after a confirmation
        browser.click(".collection-list a[href$='collection=big']");
        browser.waitForText(".pager .total", "99998 records");
        openCollectionEditor();
        browser.click("details.menu.up summary");
        clickButton("details.menu.up .menu-items", "Delete all records");
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
            waitUntil("return document.querySelectorAll('table.records tbody tr[data-id]').length === 2");
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
            waitUntil("return !document.querySelector('dialog[open]')");
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

    // ---- helpers ----

    private static final byte[] TINY_PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGP4z8DAwMDAxMDAAAAPAQEGpBTJAAAAAElFTkSuQmCC");

    /** Adds a field of the type shown as {@code typeLabel} from the "New field" menu and names it. */
    private static void addField(String typeLabel, String name) {
        browser.click(".add-field summary");
        clickButton(".add-field .menu-items", typeLabel);
        browser.type(lastNewField() + " .fname", name);
    }

    /** The card of the newest field (new fields go before the trailing created/updated). */
    private static String lastNewField() {
        return ".fcard:nth-last-child(3)";
    }

    private static void openCollectionEditor() {
        browser.click(".collection-main button[aria-label^='Edit collection']");
        browser.waitFor("#collection-name");
    }

    /** Clicks the button under {@code scope} whose text contains {@code text}. */
    private static void clickButton(String scope, String text) {
        WebElement button = new WebDriverWait(browser.driver, WAIT).until(d -> d.findElements(By.cssSelector(scope + " button"))
                .stream().filter(b -> b.isDisplayed() && b.getText().contains(text)).findFirst().orElse(null));
        button.click();
    }

    private static void waitUntil(String script, Object... args) {
        new WebDriverWait(browser.driver, WAIT).withMessage(() -> "never true: " + script)
                .until(d -> Boolean.TRUE.equals(browser.js(script, args)));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> field(Map<String, Object> collection, String name) {
        return ((List<Map<String, Object>>) collection.get("fields")).stream().filter(f -> name.equals(f.get("name")))
                .findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> memberAnn() throws Exception {
        ApiCalls.Reply r = api.call("GET", "/api/collections/members/records?filter=" + java.net.URLEncoder.encode(
                "email='ann@example.com'", java.nio.charset.StandardCharsets.UTF_8), token, null);
        return ((List<Map<String, Object>>) r.body().get("items")).getFirst();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> claims(String jwt) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        return (Map<String, Object>) dev.locket.domain.json.Json.parse(payload);
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
