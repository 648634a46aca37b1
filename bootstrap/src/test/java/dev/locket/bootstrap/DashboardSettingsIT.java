package dev.locket.bootstrap;

import static dev.locket.bootstrap.DashboardSteps.assertNoScriptErrors;
import static dev.locket.bootstrap.DashboardSteps.assertNoSidewaysScroll;
import static dev.locket.bootstrap.DashboardSteps.awaitGone;
import static dev.locket.bootstrap.DashboardSteps.awaitSuccess;
import static dev.locket.bootstrap.DashboardSteps.check;
import static dev.locket.bootstrap.DashboardSteps.go;
import static dev.locket.bootstrap.DashboardSteps.press;
import static dev.locket.bootstrap.DashboardSteps.select;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.locket.adapters.storage.S3ProxyServer;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The settings pages in a real browser against the packaged jar: the application settings round trip (the new name
 * shows in the shell), field errors at their inputs, SMTP with a test mail caught by GreenMail (and the stored
 * password kept through later saves), S3 storage with its connection test against S3Proxy, crons, the SQL console,
 * and every settings page labelled and fitting a phone.
 */
class DashboardSettingsIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"))
            .withPerMethodLifecycle(false);

    @RegisterExtension
    static final S3ProxyServer S3 = new S3ProxyServer();

    @TempDir
    static Path tmp;

    private static Path dir;
    private static Browser browser;
    private static LocketProcess server;
    private static ApiCalls api;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        dir = LocketProcess.sdkDataDir(tmp);
        server = LocketProcess.serve(dir);
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

    @BeforeEach
    void desktop() {
        browser.resize(Browser.DESKTOP);
    }

    @Test
    void theApplicationNameRoundTripsToTheShellAndErrorsShowAtTheirInputs() throws Exception {
        go(browser, server.baseUrl(), "#/settings", "#app-meta-appName");
        browser.assertEverythingLabelled();
        browser.screenshot("settings-application");

        browser.type("#app-meta-appName", "Renamed by the dashboard");
        press(browser, ".settings-form button[type=submit]");
        awaitSuccess(browser, "Application settings saved.");
        browser.waitForText(".topbar-title", "Renamed by the dashboard");
        assertEquals("Application settings - Renamed by the dashboard", browser.driver.getTitle());
        assertEquals("Renamed by the dashboard", settings().path("meta").path("appName").asText());
        browser.driver.navigate().refresh();
        assertEquals("Renamed by the dashboard", browser.waitFor("#app-meta-appName").getAttribute("value"));
        assertEquals("Renamed by the dashboard", browser.text(".topbar-title"));

        // a rate limit rule the server refuses: its message sits under the rule's label input
        int rules = browser.driver.findElements(By.cssSelector(".rules-table tbody tr")).size();
        browser.click("#app-add-rule");
        browser.type("#app-rule-" + rules + "-label", "not a label!");
        press(browser, ".settings-form button[type=submit]");
        String error = browser.text("#app-rule-" + rules + "-label-error");
        assertTrue(error.contains("valid format"), error);
        assertEquals("app-rule-" + rules + "-label-error", browser.driver.findElement(
                By.id("app-rule-" + rules + "-label")).getAttribute("aria-describedby"));
        browser.screenshot("settings-application-error");
        press(browser, ".settings-form .form-actions .btn.ghost"); // Cancel
        awaitGone(browser, "#app-rule-" + rules + "-label");
        assertEquals(rules, settings().path("rateLimits").path("rules").size(), "nothing was saved");

        // the batch API toggle and a list setting round trip too
        check(browser, "#app-batch-enabled", true);
        browser.type("#app-trustedProxy-headers", "X-Forwarded-For, CF-Connecting-IP");
        press(browser, ".settings-form button[type=submit]");
        awaitSuccess(browser, "Application settings saved.");
        JsonNode saved = settings();
        assertTrue(saved.path("batch").path("enabled").asBoolean());
        assertEquals(List.of("X-Forwarded-For", "CF-Connecting-IP"),
                JSON.convertValue(saved.path("trustedProxy").path("headers"), List.class));

        // restricting superusers to some IPs asks first; this browser's 127.0.0.1 keeps its access
        browser.type("#app-superuserIPs", "127.0.0.1, 10.0.0.0/8");
        press(browser, ".settings-form button[type=submit]");
        browser.waitForText("dialog[open] h2", "Restrict superuser access?");
        assertTrue(browser.text("dialog[open] .confirm-message").contains("127.0.0.1, 10.0.0.0/8"));
        press(browser, "dialog[open] .btn.danger");
        awaitSuccess(browser, "Application settings saved.");
        assertEquals(List.of("127.0.0.1", "10.0.0.0/8"), JSON.convertValue(settings().path("superuserIPs"), List.class));
        browser.type("#app-superuserIPs", "");
        press(browser, ".settings-form button[type=submit]");
        awaitSuccess(browser, "Application settings saved.");
        assertEquals(0, settings().path("superuserIPs").size());
        assertEquals("Renamed by the dashboard", browser.text(".topbar-title"), "still signed in");
        assertNoScriptErrors(browser);
    }

    @Test
    void smtpSettingsSendATestMailAndKeepTheStoredPassword() throws Exception {
        go(browser, server.baseUrl(), "#/settings/mail", "#mail-meta-senderName");
        check(browser, "#mail-smtp-enabled", true);
        browser.type("#mail-smtp-host", "");
        press(browser, ".settings-form button[type=submit]");
        assertEquals("Cannot be blank.", browser.text("#mail-smtp-host-error"));

        browser.type("#mail-smtp-host", "127.0.0.1");
        browser.type("#mail-smtp-port", String.valueOf(mail.getSmtp().getPort()));
        browser.type("#mail-smtp-username", "mailer");
        browser.type("#mail-smtp-password", "s3cret");
        browser.type("#mail-meta-senderAddress", "robot@locket.test");
        browser.assertEverythingLabelled();
        browser.screenshot("settings-mail");
        press(browser, ".settings-form button[type=submit]");
        awaitSuccess(browser, "Mail settings saved.");
        assertEquals("s3cret", storedSettings().path("smtp").path("password").asText());
        assertEquals("", browser.waitFor("#mail-smtp-password").getAttribute("value"), "a secret is never shown");

        // another save without touching the password keeps it
        browser.type("#mail-meta-senderName", "Locket Robot");
        press(browser, ".settings-form button[type=submit]");
        awaitSuccess(browser, "Mail settings saved.");
        JsonNode stored = storedSettings();
        assertEquals("s3cret", stored.path("smtp").path("password").asText(), "the stored password survived");
        assertEquals("Locket Robot", stored.path("meta").path("senderName").asText());

        int before = mail.getReceivedMessages().length;
        press(browser, "#mail-test-open");
        browser.waitFor("#mail-test-email");
        assertEquals(LocketProcess.SDK_EMAIL, browser.waitFor("#mail-test-email").getAttribute("value"));
        browser.type("#mail-test-email", "not-an-address");
        press(browser, "dialog[open] button[type=submit]");
        assertEquals("Must be a valid email address.", browser.text("#mail-test-email-error"));
        browser.type("#mail-test-email", "inbox@example.com");
        select(browser, "#mail-test-template", "password-reset");
        browser.assertEverythingLabelled();
        browser.screenshot("settings-mail-test");
        press(browser, "dialog[open] button[type=submit]");
        awaitSuccess(browser, "Test email sent to inbox@example.com.");
        mail.waitForIncomingEmail(10_000, before + 1);
        MimeMessage sent = mail.getReceivedMessages()[before];
        assertEquals("inbox@example.com", sent.getAllRecipients()[0].toString());
        assertTrue(sent.getFrom()[0].toString().contains("robot@locket.test"), sent.getFrom()[0].toString());
        assertNoScriptErrors(browser);
    }

    @Test
    void s3StorageTestsItsConnectionAndKeepsTheStoredSecret() throws Exception {
        String bucket = S3.newBucket();
        go(browser, server.baseUrl(), "#/settings/storage", "#storage-s3-enabled");
        check(browser, "#storage-s3-enabled", true);
        browser.type("#storage-s3-endpoint", S3.endpoint());
        browser.type("#storage-s3-bucket", bucket);
        browser.type("#storage-s3-region", "us-east-1");
        browser.type("#storage-s3-accessKey", S3ProxyServer.IDENTITY);
        browser.type("#storage-s3-secret", S3ProxyServer.CREDENTIAL);
        check(browser, "#storage-s3-forcePathStyle", true);
        browser.assertEverythingLabelled();
        press(browser, ".settings-form button[type=submit]");
        awaitSuccess(browser, "File storage settings saved.");
        press(browser, "#storage-test");
        browser.waitForText(".s3-test-result.success", "The connection works");
        browser.screenshot("settings-storage");

        // a bucket that does not exist fails the test, with the reason
        browser.type("#storage-s3-bucket", "no-such-bucket-here");
        press(browser, ".settings-form button[type=submit]");
        awaitSuccess(browser, "File storage settings saved.");
        press(browser, "#storage-test");
        String failure = browser.text(".s3-test-result.danger");
        assertTrue(failure.startsWith("Failed to test the S3 filesystem."), failure);

        // back to the real bucket without retyping the secret: it was kept
        browser.type("#storage-s3-bucket", bucket);
        press(browser, ".settings-form button[type=submit]");
        awaitSuccess(browser, "File storage settings saved.");
        press(browser, "#storage-test");
        browser.waitForText(".s3-test-result.success", "The connection works");
        assertEquals(S3ProxyServer.CREDENTIAL, storedSettings().path("s3").path("secret").asText());

        // backups can go to S3 too, with the same test
        String backupBucket = S3.newBucket();
        go(browser, server.baseUrl(), "#/settings/backups", "#backups-backups-s3-enabled");
        check(browser, "#backups-backups-s3-enabled", true);
        browser.type("#backups-backups-s3-endpoint", S3.endpoint());
        browser.type("#backups-backups-s3-bucket", backupBucket);
        browser.type("#backups-backups-s3-region", "us-east-1");
        browser.type("#backups-backups-s3-accessKey", S3ProxyServer.IDENTITY);
        browser.type("#backups-backups-s3-secret", S3ProxyServer.CREDENTIAL);
        check(browser, "#backups-backups-s3-forcePathStyle", true);
        browser.assertEverythingLabelled();
        press(browser, ".settings-form button[type=submit]");
        awaitSuccess(browser, "Backup settings saved.");
        press(browser, "#backups-test");
        browser.waitForText(".s3-test-result.success", "The connection works");
        assertEquals(backupBucket, settings().path("backups").path("s3").path("bucket").asText());
        assertNoScriptErrors(browser);
    }

    @Test
    void cronsRunOnRequest() throws Exception {
        go(browser, server.baseUrl(), "#/settings/crons", ".crons-table tr[data-id='__pbLogsCleanup__']");
        browser.assertEverythingLabelled();
        browser.screenshot("settings-crons");
        press(browser, "tr[data-id='__pbLogsCleanup__'] button");
        awaitSuccess(browser, "Started __pbLogsCleanup__.");
    }

    @Test
    void theSqlConsoleShowsRowsAndTheDatabasesError() throws Exception {
        go(browser, server.baseUrl(), "#/settings/sql", "#sql-query");
        DashboardSteps.setValue(browser, "#sql-query", "SELECT email, verified FROM _superusers");
        browser.click("form button[type=submit]");
        browser.waitForText(".sql-result td", LocketProcess.SDK_EMAIL);
        assertEquals(List.of("email", "verified"), browser.driver.findElements(By.cssSelector(".sql-result th"))
                .stream().map(e -> e.getText()).toList());
        browser.assertEverythingLabelled();
        browser.screenshot("settings-sql");
        DashboardSteps.setValue(browser, "#sql-query", "SELEC nothing");
        browser.click("form button[type=submit]");
        String error = browser.text("#sql-query-error");
        assertTrue(error.contains("syntax error"), error);
    }

    @Test
    void everySettingsPageIsLabelledAndFitsAPhone() throws Exception {
        List<String> pages = List.of("#/settings", "#/settings/mail", "#/settings/storage", "#/settings/backups",
                "#/settings/crons", "#/settings/export-collections", "#/settings/import-collections", "#/settings/sql");
        browser.resize(Browser.PHONE);
        for (String page : pages) {
            go(browser, server.baseUrl(), page, ".settings-nav a[aria-current=page]");
            browser.waitFor(".settings-content > :not(.card[aria-busy])");
            browser.assertEverythingLabelled();
            assertNoSidewaysScroll(browser, page);
        }
        go(browser, server.baseUrl(), "#/settings", "#app-meta-appName");
        browser.screenshot("settings-application-phone");
        browser.resize(Browser.DESKTOP);
        assertNoScriptErrors(browser);
    }

    private static JsonNode settings() throws Exception {
        return JSON.readTree(api.call("GET", "/api/settings", token, null).raw());
    }

    /** The settings as stored in data.db (secrets included): what the API never shows. */
    private static JsonNode storedSettings() throws Exception {
        try (var db = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data.db"));
             var st = db.createStatement();
             var rs = st.executeQuery("SELECT value FROM _params WHERE id = 'settings'")) {
            return JSON.readTree(rs.getString(1));
        }
    }
}
