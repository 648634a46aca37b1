package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person does with collections and records in the dashboard, one method a step, each continuing from the
 * previous one: an auth collection "members" and a base collection "articles" with a file field and a relation,
 * a member and an article with an image, the filter bar, a bad API rule, and impersonating the member. Both the
 * first-session flow (DashboardFlowIT) and the collections tests (DashboardCollectionsIT) walk these steps.
 */
final class DashboardCollectionSteps {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private final Browser browser;
    private final ApiCalls api;
    private final String token;
    private final Path tmp;
    private final String baseUrl;

    /** {@code token} is a superuser's, for checking through the API what the UI did. */
    DashboardCollectionSteps(Browser browser, String baseUrl, String token, Path tmp) {
        this.browser = browser;
        this.baseUrl = baseUrl;
        this.api = new ApiCalls(baseUrl);
        this.token = token;
        this.tmp = tmp;
    }

    /** From the collections page: "members" (auth) and "articles" (title, cover file, author relation). */
    void createAnAuthAndABaseCollectionWithAFileAndARelation() throws Exception {
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

    /** A member "ann" (a password mismatch first, shown at its field) and an article with an image and ann. */
    void addRecordsWithAFileAndARelation() throws Exception {
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

    /** The filter bar of "articles": an expression, plain words, and a broken expression's error. */
    void filterTheTableAndSeeABadFiltersError() throws Exception {
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

    /** A bad list rule on "articles": the server's error at the rule's input; then a good one. */
    void editARuleAndSeeABadRulesError() throws Exception {
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

    /**
     * The member's panel: verified switch, a linked OAuth2 account, a password reset mail sent from the panel
     * (returned, as GreenMail caught it), and impersonation with a duration and a copied token.
     */
    MimeMessage impersonateAUserAndSendThemAPasswordReset(GreenMailExtension mail) throws Exception {
        browser.driver.executeCdpCommand("Browser.grantPermissions", Map.of("origin", baseUrl,
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
        MimeMessage resetMail = mail.getReceivedMessages()[mailsBefore];
        assertEquals("ann@example.com", resetMail.getAllRecipients()[0].toString());

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
        return resetMail;
    }

    static final byte[] TINY_PNG = java.util.Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAAEklEQVR4nGP4z8DAwMDAxMDAAAAPAQEGpBTJAAAAAElFTkSuQmCC");

    /** Adds a field of the type shown as {@code typeLabel} from the "New field" menu and names it. */
    void addField(String typeLabel, String name) {
        browser.click(".add-field summary");
        clickButton(".add-field .menu-items", typeLabel);
        browser.type(lastNewField() + " .fname", name);
    }

    /** The card of the newest field (new fields go before the trailing created/updated). */
    String lastNewField() {
        return ".fcard:nth-last-child(3)";
    }

    void openCollectionEditor() {
        browser.click(".collection-main button[aria-label^='Edit collection']");
        browser.waitFor("#collection-name");
    }

    /** Clicks the button under {@code scope} whose text contains {@code text}. */
    void clickButton(String scope, String text) {
        WebElement button = new WebDriverWait(browser.driver, WAIT).until(d -> d.findElements(By.cssSelector(scope + " button"))
                .stream().filter(b -> b.isDisplayed() && b.getText().contains(text)).findFirst().orElse(null));
        button.click();
    }

    void waitUntil(String script, Object... args) {
        new WebDriverWait(browser.driver, WAIT).withMessage(() -> "never true: " + script)
                .until(d -> Boolean.TRUE.equals(browser.js(script, args)));
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> field(Map<String, Object> collection, String name) {
        return ((List<Map<String, Object>>) collection.get("fields")).stream().filter(f -> name.equals(f.get("name")))
                .findFirst().orElse(null);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> memberAnn() throws Exception {
        ApiCalls.Reply r = api.call("GET", "/api/collections/members/records?filter=" + java.net.URLEncoder.encode(
                "email='ann@example.com'", java.nio.charset.StandardCharsets.UTF_8), token, null);
        return ((List<Map<String, Object>>) r.body().get("items")).getFirst();
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> claims(String jwt) {
        String payload = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]),
                java.nio.charset.StandardCharsets.UTF_8);
        return (Map<String, Object>) dev.locket.domain.json.Json.parse(payload);
    }
}
