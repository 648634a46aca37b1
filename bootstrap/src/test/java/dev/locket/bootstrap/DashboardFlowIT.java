package dev.locket.bootstrap;

import static dev.locket.bootstrap.DashboardSteps.assertNoScriptErrors;
import static dev.locket.bootstrap.DashboardSteps.awaitSuccess;
import static dev.locket.bootstrap.DashboardSteps.awaitTrue;
import static dev.locket.bootstrap.DashboardSteps.check;
import static dev.locket.bootstrap.DashboardSteps.go;
import static dev.locket.bootstrap.DashboardSteps.press;
import static dev.locket.bootstrap.DashboardSteps.setValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * A new user's first session, end to end in a real browser against the packaged jar: the printed installer link
 * and the first superuser, the app's name and URL, SMTP (GreenMail), collections with a file field and a relation,
 * records with a file, a password reset confirmed through the mailed link, a backup made and restored, and the
 * requests of all that in the logs view.
 */
class DashboardFlowIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern INSTALLER = Pattern.compile("http://127\\.0\\.0\\.1:\\d+/_/#/pbinstall/[\\w.-]+");
    private static final String EMAIL = "owner@example.com";
    private static final String PASSWORD = "owner-pass-1";

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"))
            .withPerMethodLifecycle(false);

    @TempDir
    static Path tmp;

    private static Browser browser;
    private static LocketProcess server;
    private static ApiCalls api;

    @BeforeAll
    static void start() throws Exception {
        server = LocketProcess.serve(tmp.resolve("pb_data"));
        api = new ApiCalls(server.baseUrl());
        browser = Browser.start();
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
    void fromTheInstallerToARestoredBackupAndItsLogs() throws Exception {
        String base = server.baseUrl();

        // 1. the installer link the server printed: the first superuser
        Matcher link = INSTALLER.matcher(server.awaitOutput("superuser upsert EMAIL PASSWORD"));
        assertTrue(link.find(), server.output());
        browser.open(link.group());
        browser.type("#installer-email", EMAIL);
        browser.type("#installer-password", PASSWORD);
        browser.type("#installer-password-confirm", PASSWORD);
        browser.click("form button[type=submit]");
        browser.waitForHash("#/collections");
        assertEquals(EMAIL, browser.text(".account-email"));

        // 2. the application's name (shown in the shell) and URL (the links in mails)
        go(browser, base, "#/settings", "#app-meta-appName");
        browser.type("#app-meta-appName", "Flow Test App");
        browser.type("#app-meta-appURL", base);
        press(browser, ".settings-form button[type=submit]");
        awaitSuccess(browser, "Application settings saved.");
        browser.waitForText(".topbar-title", "Flow Test App");

        // 3. mails through SMTP
        go(browser, base, "#/settings/mail", "#mail-smtp-enabled");
        check(browser, "#mail-smtp-enabled", true);
        browser.type("#mail-smtp-host", "127.0.0.1");
        browser.type("#mail-smtp-port", String.valueOf(mail.getSmtp().getPort()));
        browser.type("#mail-smtp-username", "mailer");
        browser.type("#mail-smtp-password", "s3cret");
        press(browser, ".settings-form button[type=submit]");
        awaitSuccess(browser, "Mail settings saved.");

        // 4. collections: posts with a file field and a relation to users, through the import page
        // (the collection editor's own steps are DashboardCollectionsIT's)
        String usersId = JSON.readTree(api.call("GET", "/api/collections/users", token(), null).raw())
                .get("id").asText();
        go(browser, base, "#/settings/import-collections", "#import-json");
        check(browser, "#import-delete-missing", false);
        setValue(browser, "#import-json", JSON.writeValueAsString(java.util.List.of(Map.of("name", "posts",
                "type", "base", "listRule", "", "viewRule", "", "fields", java.util.List.of(
                        Map.of("name", "title", "type", "text", "required", true),
                        Map.of("name", "cover", "type", "file", "maxSelect", 1, "maxSize", 1_000_000),
                        Map.of("name", "author", "type", "relation", "collectionId", usersId, "maxSelect", 1))))));
        browser.waitForText(".import-summary", "1 to add, 0 to change, 0 to delete");
        press(browser, "form button[type=submit]");
        browser.waitForText("dialog[open] .import-added", "posts");
        press(browser, "dialog[open] .btn.primary");
        awaitSuccess(browser, "Collections imported.");

        // 5. a user and a post with a file, as an app in this origin would make them with the JS SDK
        browser.loadJsSdk();
        Object created = browser.asyncJs("""
                const done = arguments[arguments.length - 1];
                const pb = new PocketBase(location.origin);
                (async () => {
                  const user = await pb.collection('users').create({ email: 'reader@example.com',
                      password: 'reader-pass-1', passwordConfirm: 'reader-pass-1' });
                  const form = new FormData();
                  form.append('title', 'Hello');
                  form.append('author', user.id);
                  form.append('cover', new Blob(['GIF89a'], { type: 'image/gif' }), 'cover.gif');
                  const post = await pb.collection('posts').create(form);
                  return post.id + ' ' + post.cover;
                })().then(done, (e) => done('failed: ' + e.message));""");
        assertTrue(String.valueOf(created).matches("\\w{15} cover_\\w+\\.gif"), String.valueOf(created));
        String postId = String.valueOf(created).split(" ")[0];

        // 6. a password reset confirmed through the link in the mail
        int before = mail.getReceivedMessages().length;
        assertEquals(204, api.call("POST", "/api/collections/users/request-password-reset", null,
                Map.of("email", "reader@example.com")).status());
        mail.waitForIncomingEmail(10_000, before + 1);
        MimeMessage resetMail = mail.getReceivedMessages()[before];
        String body = GreenMailUtil.getBody(resetMail).replace("=\r\n", "").replace("=3D", "=");
        Matcher reset = Pattern.compile(Pattern.quote(base) + "/_/#/auth/confirm-password-reset/[\\w.-]+").matcher(body);
        assertTrue(reset.find(), body);
        browser.open(reset.group());
        browser.type("#reset-password", "reader-pass-2");
        browser.type("#reset-password-confirm", "reader-pass-2");
        browser.click("form button[type=submit]");
        browser.waitForText(".alert.success", "Your password has been changed");
        assertEquals(200, api.call("POST", "/api/collections/users/auth-with-password", null,
                Map.of("identity", "reader@example.com", "password", "reader-pass-2")).status());

        // 7. a backup, a loss, and the restore that undoes it (logs are written in batches: the backup is made
        // once the reset request's log is stored, so the restored logs have it)
        awaitTrue(browser, "the reset request is logged", () -> {
            try {
                return api.call("GET", "/api/logs?filter=" + java.net.URLEncoder.encode(
                        "data.url ~ 'request-password-reset'", java.nio.charset.StandardCharsets.UTF_8), token(), null)
                        .raw().contains("request-password-reset");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        go(browser, base, "#/settings/backups", ".backups-list");
        press(browser, "#backups-new");
        browser.type("#backups-create-name", "before_cleanup.zip");
        press(browser, "dialog[open] button[type=submit]");
        awaitSuccess(browser, "Backup created.");
        browser.waitFor("tr[data-key='before_cleanup.zip']");
        assertEquals(204, api.call("DELETE", "/api/collections/posts/records/" + postId, token(), null).status());

        press(browser, "button[aria-label='Restore before_cleanup.zip']");
        browser.type("#backups-restore-confirm", "before_cleanup.zip");
        press(browser, "dialog[open] .btn.danger");
        browser.waitForText("dialog[open] .restore-status", "Restoring before_cleanup.zip");
        browser.screenshot("flow-restoring");
        // the page reloads by itself once the server is back on the restored data
        awaitTrue(browser, "the page reloaded after the restore",
                () -> browser.driver.findElements(By.cssSelector("dialog[open]")).isEmpty()
                        && !browser.driver.findElements(By.cssSelector("tr[data-key='before_cleanup.zip']")).isEmpty());
        assertEquals(200, api.call("GET", "/api/collections/posts/records/" + postId, token(), null).status(),
                "the deleted post is back");
        assertEquals(EMAIL, browser.text(".account-email"), "still signed in: the backup has this superuser");

        // 8. the requests of all that in the logs view (the restored logs hold what came before the backup)
        go(browser, base, "#/logs", "#logs-search");
        check(browser, "#logs-superusers", true);
        browser.type("#logs-search", "data.method = 'PATCH' && data.url ~ '/api/settings'");
        press(browser, ".logs-search button[type=submit]");
        awaitTrue(browser, "the settings saves are listed", () -> {
            if (browser.driver.findElements(By.cssSelector(".logs-list tr[data-id]")).size() >= 2) {
                return true;
            }
            browser.click("#logs-refresh");
            return false;
        });
        assertEquals("PATCH /api/settings", browser.text(".logs-list tr[data-id] .log-message .btn.link"));
        browser.type("#logs-search", "request-password-reset");
        press(browser, ".logs-search button[type=submit]");
        browser.waitForText(".logs-list tr[data-id] .log-message", "POST /api/collections/users/request-password-reset");
        browser.screenshot("flow-logs");
        assertNoScriptErrors(browser);
    }

    /** The dashboard's session token (the SDK's localStorage entry). */
    private static String token() throws Exception {
        JsonNode stored = JSON.readTree((String) browser.js("return localStorage.getItem('pocketbase_auth')"));
        return stored.path("token").asText();
    }
}
