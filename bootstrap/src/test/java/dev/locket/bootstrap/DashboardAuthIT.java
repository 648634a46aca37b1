package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** Superuser sign-in in a real browser: login, logout, the JS SDK's shared session, MFA with OTP, dialogs. */
class DashboardAuthIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"))
            .withPerMethodLifecycle(false);

    @TempDir
    static Path tmp;

    private static Browser browser;
    private static LocketProcess server;

    @BeforeAll
    static void start() throws Exception {
        Path dir = LocketProcess.sdkDataDir(tmp);
        int port = LocketProcess.freePort();
        AuthMailIT.configureSmtp(dir, mail.getSmtp().getPort(), "http://127.0.0.1:" + port);
        server = LocketProcess.serve(dir, port);
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

    /** Each test starts signed out on a freshly loaded login page (a page clearing storage is not told). */
    @BeforeEach
    void signedOut() {
        browser.open(server.baseUrl() + "/_/#/login");
        browser.js("localStorage.clear()");
        browser.driver.navigate().refresh();
        browser.waitFor("#login-identity");
        browser.resize(Browser.DESKTOP);
    }

    @Test
    void loginAndLogout() throws Exception {
        // the dashboard's first load: nothing cached yet
        browser.driver.executeCdpCommand("Network.clearBrowserCache", Map.of());
        browser.open("about:blank");
        browser.open(server.baseUrl() + "/_/");
        browser.waitForHash("#/login");
        browser.waitFor("#login-identity");
        Map<String, Object> firstLoad = browser.transferred();
        System.out.println("first load of /_/ (login page): " + firstLoad);
        long transferred = ((Number) firstLoad.get("transferBytes")).longValue();
        assertTrue(transferred < 300_000, firstLoad.toString());
        assertTrue(transferred < ((Number) firstLoad.get("decodedBytes")).longValue() * 3 / 5,
                "served gzipped: " + firstLoad);
        assertEquals("Superuser login - Locket", browser.driver.getTitle());
        browser.assertEverythingLabelled();
        browser.screenshot("login");

        browser.type("#login-identity", LocketProcess.SDK_EMAIL);
        browser.type("#login-password", "wrong-password");
        browser.click("form button[type=submit]");
        browser.waitForText(".toast.error", "Invalid login credentials.");
        assertEquals("#/login", browser.hash());
        browser.screenshot("login-failed");

        browser.type("#login-password", LocketProcess.SDK_PASSWORD);
        browser.click("form button[type=submit]");
        browser.waitForHash("#/collections");
        assertEquals(LocketProcess.SDK_EMAIL, browser.text(".account-email"));
        assertFalse(browser.driver.findElements(By.cssSelector(".toast.error")).stream().anyMatch(WebElement::isDisplayed),
                "the old error is gone after a successful login");

        browser.click(".account button");
        browser.waitForHash("#/login");
        assertNull(browser.js("return localStorage.getItem('pocketbase_auth')"), "logout clears the session");
        // signed out, the superuser pages send to the login page
        browser.open(server.baseUrl() + "/_/#/settings");
        browser.waitForHash("#/login");

        browser.resize(Browser.PHONE);
        browser.waitFor("#login-identity");
        assertTrue((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"));
        browser.screenshot("login-phone");
        assertEquals(List.of(), browser.scriptErrors());
    }

    @Test
    void theJsSdkAndTheDashboardShareOneSession() throws Exception {
        // signed in through the official SDK in this origin: the dashboard is signed in too
        browser.loadJsSdk();
        Object email = browser.asyncJs("""
                const done = arguments[arguments.length - 1];
                const pb = new PocketBase(location.origin);
                pb.collection('_superusers').authWithPassword(arguments[0], arguments[1])
                  .then(r => done(r.record.email), e => done('failed: ' + e.message));""",
                LocketProcess.SDK_EMAIL, LocketProcess.SDK_PASSWORD);
        assertEquals(LocketProcess.SDK_EMAIL, email);
        browser.open(server.baseUrl() + "/_/#/logs");
        browser.waitForText("#content h1", "Logs");
        assertEquals(LocketProcess.SDK_EMAIL, browser.text(".account-email"));

        // signed out in the dashboard: the SDK sees it; signed in by the dashboard: the SDK uses that session
        browser.click(".account button");
        browser.waitForHash("#/login");
        browser.loadJsSdk();
        assertEquals(false, browser.js("return new PocketBase(location.origin).authStore.isValid"));
        browser.type("#login-identity", LocketProcess.SDK_EMAIL);
        browser.type("#login-password", LocketProcess.SDK_PASSWORD);
        browser.click("form button[type=submit]");
        browser.waitForHash("#/collections");
        Object viaSdk = browser.asyncJs("""
                const done = arguments[arguments.length - 1];
                const pb = new PocketBase(location.origin);
                if (!pb.authStore.isSuperuser) { done('not a superuser session: ' + JSON.stringify(pb.authStore.record)); return; }
                pb.collection('_superusers').getList(1, 5)
                  .then(r => done(r.items.map(i => i.email).join(',')), e => done('failed: ' + e.message));""");
        assertEquals(LocketProcess.SDK_EMAIL, viaSdk);
    }

    @Test
    void superusersWithMfaLogInWithPasswordThenAnEmailedOneTimePassword() throws Exception {
        String root = apiLogin();
        setSuperuserMfa(root, true);
        try {
            browser.driver.navigate().refresh();
            browser.waitForText("h1", "(1/3)");
            browser.type("#login-identity", LocketProcess.SDK_EMAIL);
            browser.type("#login-password", LocketProcess.SDK_PASSWORD);
            int mailsBefore = mail.getReceivedMessages().length;
            browser.click("form button[type=submit]");
            // the password answered 401 {mfaId}; the identity is an email, so the OTP was requested at once
            browser.waitFor("#otp-password");
            browser.waitForText("h1", "(3/3)");
            assertFalse(browser.driver.findElement(By.id("otp-id")).getAttribute("value").isEmpty());
            browser.assertEverythingLabelled();
            browser.screenshot("login-otp");

            MimeMessage otpMail = awaitMail(LocketProcess.SDK_EMAIL, mailsBefore);
            Matcher code = Pattern.compile("<strong>(\\d+)</strong>").matcher(GreenMailUtil.getBody(otpMail));
            assertTrue(code.find(), GreenMailUtil.getBody(otpMail));
            browser.type("#otp-password", "00000000");
            browser.click("form button[type=submit]");
            browser.waitFor(".toast.error");
            assertEquals("#/login", browser.hash());
            browser.type("#otp-password", code.group(1));
            browser.click("form button[type=submit]");
            browser.waitForHash("#/collections");
            assertEquals(LocketProcess.SDK_EMAIL, browser.text(".account-email"));
        } finally {
            setSuperuserMfa(apiLoginWithMfa(), false);
        }
    }

    @Test
    void theConfirmDialogKeepsTheFocusInsideAndClosesOnEscape() throws Exception {
        browser.waitFor("#login-identity").click();
        String open = """
                import('./ui/dialog.js').then(m => {
                  window.__answer = undefined;
                  m.confirmDialog({ heading: 'Delete everything?', message: 'This cannot be undone.',
                                    confirmText: 'Delete', danger: true }).then(a => (window.__answer = a));
                });""";
        browser.js(open);
        browser.waitFor("dialog[open]");
        browser.screenshot("confirm-dialog");
        browser.assertEverythingLabelled();
        assertEquals("Cancel", activeText(), "a destructive question starts on Cancel");
        // Tab and Shift+Tab cycle through the dialog's three buttons only
        List<String> seen = new java.util.ArrayList<>();
        for (int i = 0; i < 6; i++) {
            new Actions(browser.driver).sendKeys(Keys.TAB).perform();
            assertTrue((Boolean) browser.js("return !!document.activeElement.closest('dialog[open]')"),
                    "focus stayed in the dialog");
            seen.add(activeText());
        }
        assertEquals(List.of("Delete", "×", "Cancel", "Delete", "×", "Cancel"), seen);
        new Actions(browser.driver).keyDown(Keys.SHIFT).sendKeys(Keys.TAB).keyUp(Keys.SHIFT).perform();
        assertEquals("×", activeText());

        new Actions(browser.driver).sendKeys(Keys.ESCAPE).perform();
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(5))
                .until(d -> browser.driver.findElements(By.cssSelector("dialog[open]")).isEmpty());
        assertEquals(false, browser.js("return window.__answer"));
        assertEquals("login-identity", browser.js("return document.activeElement.id"), "focus went back");

        browser.js(open);
        browser.waitFor("dialog[open]");
        browser.click("dialog[open] .btn.danger");
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver, java.time.Duration.ofSeconds(5))
                .until(d -> Boolean.TRUE.equals(browser.js("return window.__answer")));
    }

    private static String activeText() {
        return ((String) browser.js("return document.activeElement.textContent")).trim();
    }

    private static String apiLogin() throws Exception {
        HttpResponse<String> r = send("POST", "/api/collections/_superusers/auth-with-password", null,
                "{\"identity\":\"" + LocketProcess.SDK_EMAIL + "\",\"password\":\"" + LocketProcess.SDK_PASSWORD + "\"}");
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body()).get("token").asText();
    }

    /** With MFA on, the API login needs the OTP too. */
    private static String apiLoginWithMfa() throws Exception {
        HttpResponse<String> first = send("POST", "/api/collections/_superusers/auth-with-password", null,
                "{\"identity\":\"" + LocketProcess.SDK_EMAIL + "\",\"password\":\"" + LocketProcess.SDK_PASSWORD + "\"}");
        if (first.statusCode() == 200) {
            return JSON.readTree(first.body()).get("token").asText();
        }
        String mfaId = JSON.readTree(first.body()).get("mfaId").asText();
        int before = mail.getReceivedMessages().length;
        HttpResponse<String> otp = send("POST", "/api/collections/_superusers/request-otp", null,
                "{\"email\":\"" + LocketProcess.SDK_EMAIL + "\"}");
        String otpId = JSON.readTree(otp.body()).get("otpId").asText();
        mail.waitForIncomingEmail(10_000, before + 1);
        MimeMessage[] all = mail.getReceivedMessages();
        Matcher code = Pattern.compile("<strong>(\\d+)</strong>").matcher(GreenMailUtil.getBody(all[all.length - 1]));
        assertTrue(code.find());
        HttpResponse<String> done = send("POST", "/api/collections/_superusers/auth-with-otp?mfaId=" + mfaId, null,
                "{\"otpId\":\"" + otpId + "\",\"password\":\"" + code.group(1) + "\"}");
        assertEquals(200, done.statusCode(), done.body());
        return JSON.readTree(done.body()).get("token").asText();
    }

    /** Turns OTP and MFA of _superusers on or off, keeping their other options. */
    private static void setSuperuserMfa(String token, boolean on) throws Exception {
        HttpResponse<String> current = send("GET", "/api/collections/_superusers", token, "");
        assertEquals(200, current.statusCode(), current.body());
        var collection = JSON.readTree(current.body());
        var otp = ((com.fasterxml.jackson.databind.node.ObjectNode) collection.get("otp")).put("enabled", on);
        var mfa = ((com.fasterxml.jackson.databind.node.ObjectNode) collection.get("mfa")).put("enabled", on);
        HttpResponse<String> r = send("PATCH", "/api/collections/_superusers", token,
                JSON.writeValueAsString(Map.of("otp", otp, "mfa", mfa)));
        assertEquals(200, r.statusCode(), r.body());
    }

    /** The newest mail to {@code to} among those after the first {@code skip}. */
    private static MimeMessage awaitMail(String to, int skip) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            MimeMessage[] all = mail.getReceivedMessages();
            for (int i = all.length - 1; i >= skip; i--) {
                if (all[i].getAllRecipients()[0].toString().equals(to)) {
                    return all[i];
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no mail to " + to);
    }

    private static HttpResponse<String> send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body.isEmpty() ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", token);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
