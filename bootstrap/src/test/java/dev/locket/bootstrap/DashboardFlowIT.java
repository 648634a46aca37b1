package dev.locket.bootstrap;

import static dev.locket.bootstrap.DashboardSteps.assertNoScriptErrors;
import static dev.locket.bootstrap.DashboardSteps.awaitGone;
import static dev.locket.bootstrap.DashboardSteps.awaitSuccess;
import static dev.locket.bootstrap.DashboardSteps.awaitTrue;
import static dev.locket.bootstrap.DashboardSteps.check;
import static dev.locket.bootstrap.DashboardSteps.go;
import static dev.locket.bootstrap.DashboardSteps.press;
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
 * A new user's first session in one test, each step through the UI as a person takes it, in a real browser
 * against the packaged jar: the printed installer link and the first superuser, the app's name and URL, SMTP
 * (GreenMail), an auth and a base collection with a file field and a relation made in the collection editor,
 * records with a file, the filter bar and a bad filter's error, a bad rule's error at the rule, impersonating a
 * user and mailing them a password reset they confirm through the mailed link, a record deleted and brought back
 * by restoring a backup, and the requests of all that in the logs view.
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

        // 4. an auth collection "members" and a base collection "articles" with a file field and a relation to
        // members, through the collection editor; then records with a file; the filter bar; a rule
        go(browser, base, "#/collections", ".collections-nav");
        DashboardCollectionSteps steps = new DashboardCollectionSteps(browser, base, token(), tmp);
        steps.createAnAuthAndABaseCollectionWithAFileAndARelation();
        steps.addRecordsWithAFileAndARelation();
        steps.filterTheTableAndSeeABadFiltersError();
        steps.editARuleAndSeeABadRulesError();

        // 5. the member: impersonated, and sent a password reset mail from their panel
        browser.screenshot("flow-records");
        MimeMessage resetMail = steps.impersonateAUserAndSendThemAPasswordReset(mail);

        // 6. the member confirms the reset through the link in that mail
        String body = GreenMailUtil.getBody(resetMail).replace("=\r\n", "").replace("=3D", "=");
        Matcher reset = Pattern.compile(Pattern.quote(base) + "/_/#/auth/confirm-password-reset/[\\w.-]+").matcher(body);
        assertTrue(reset.find(), body);
        String dashboard = browser.driver.getCurrentUrl();
        browser.open(reset.group());
        browser.waitForText("#content p", "ann@example.com");
        browser.type("#reset-password", "ann-password-2");
        browser.type("#reset-password-confirm", "ann-password-2");
        browser.click("form button[type=submit]");
        browser.waitForText(".alert.success", "Your password has been changed");
        browser.screenshot("flow-password-reset-done");
        assertEquals(200, api.call("POST", "/api/collections/members/auth-with-password", null,
                Map.of("identity", "ann@example.com", "password", "ann-password-2")).status());
        browser.open(dashboard);
        browser.waitFor(".account-email");

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
        String postId = articleId("Hello world");
        go(browser, base, "#/collections?collection=articles", "table.records tbody tr[data-id='" + postId + "']");
        browser.click("table.records tbody tr[data-id='" + postId + "'] button.open");
        browser.waitFor("#rec-title");
        browser.click("lk-dialog[size=panel] dialog[open] button.danger-text"); // Delete
        browser.waitForText("lk-confirm dialog[open]", "Delete this record?");
        browser.click("lk-confirm .btn.danger");
        awaitGone(browser, "table.records tbody tr[data-id='" + postId + "']");
        assertEquals(404, api.call("GET", "/api/collections/articles/records/" + postId, token(), null).status());
        go(browser, base, "#/settings/backups", "tr[data-key='before_cleanup.zip']");

        press(browser, "button[aria-label='Restore before_cleanup.zip']");
        browser.type("#backups-restore-confirm", "before_cleanup.zip");
        press(browser, "dialog[open] .btn.danger");
        browser.waitForText("dialog[open] .restore-status", "Restoring before_cleanup.zip");
        browser.screenshot("flow-restoring");
        // the page reloads by itself once the server is back on the restored data
        awaitTrue(browser, "the page reloaded after the restore",
                () -> browser.driver.findElements(By.cssSelector("dialog[open]")).isEmpty()
                        && !browser.driver.findElements(By.cssSelector("tr[data-key='before_cleanup.zip']")).isEmpty());
        assertEquals(200, api.call("GET", "/api/collections/articles/records/" + postId, token(), null).status(),
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
        browser.waitForText(".logs-list tr[data-id] .log-message", "/request-password-reset");
        browser.screenshot("flow-logs");
        assertNoScriptErrors(browser);
    }

    /** The id of the article titled {@code title}. */
    private static String articleId(String title) throws Exception {
        JsonNode list = JSON.readTree(api.call("GET", "/api/collections/articles/records?filter=" + java.net.URLEncoder.encode(
                "title='" + title + "'", java.nio.charset.StandardCharsets.UTF_8), token(), null).raw());
        return list.path("items").path(0).path("id").asText();
    }

    /** The dashboard's session token (the SDK's localStorage entry). */
    private static String token() throws Exception {
        JsonNode stored = JSON.readTree((String) browser.js("return localStorage.getItem('pocketbase_auth')"));
        return stored.path("token").asText();
    }
}
