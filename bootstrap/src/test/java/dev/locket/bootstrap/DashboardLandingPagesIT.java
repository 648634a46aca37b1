package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Every link of the default mails, followed in a real browser from the mail GreenMail caught, and the
 * pages /api/oauth2-redirect sends the OAuth2 popup to.
 */
class DashboardLandingPagesIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static GreenMailExtension mail = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
            .withConfiguration(GreenMailConfiguration.aConfig().withUser("mailer", "s3cret"))
            .withPerMethodLifecycle(false);

    @TempDir
    static Path tmp;

    private static Browser browser;
    private static LocketProcess server;
    /** The superuser's password now (the reset test changes it). */
    private static String superuserPassword = LocketProcess.SDK_PASSWORD;

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
    }

    @Test
    void aSuperuserResetsAForgottenPasswordThroughTheMailedLink() throws Exception {
        browser.open(server.baseUrl() + "/_/#/login");
        browser.click("a[href='#/request-password-reset']");
        browser.waitForHash("#/request-password-reset");
        browser.type("#reset-email", LocketProcess.SDK_EMAIL);
        int before = mail.getReceivedMessages().length;
        browser.click("form button[type=submit]");
        browser.waitForText(".alert.success", LocketProcess.SDK_EMAIL);
        browser.assertEverythingLabelled();
        browser.screenshot("request-password-reset");

        String link = link(awaitMail(LocketProcess.SDK_EMAIL, before), "confirm-password-reset");
        browser.open(link);
        browser.waitForText("#content p", LocketProcess.SDK_EMAIL);
        browser.assertEverythingLabelled();
        browser.screenshot("confirm-password-reset");
        browser.type("#reset-password", "brand-new-pass-1");
        browser.type("#reset-password-confirm", "brand-new-pass-2");
        browser.click("form button[type=submit]");
        assertTrue(browser.text("#reset-password-confirm-error").toLowerCase().contains("match"));
        browser.type("#reset-password-confirm", "brand-new-pass-1");
        browser.click("form button[type=submit]");
        browser.waitForText(".alert.success", "Your password has been changed");
        browser.screenshot("confirm-password-reset-done");
        superuserPassword = "brand-new-pass-1";

        browser.open(server.baseUrl() + "/_/#/login");
        browser.type("#login-identity", LocketProcess.SDK_EMAIL);
        browser.type("#login-password", "brand-new-pass-1");
        browser.click("form button[type=submit]");
        browser.waitForHash("#/collections");
    }

    @Test
    void aUserVerifiesTheirEmailThroughTheMailedLinkAndCanAskForANewOne() throws Exception {
        String root = superuserToken();
        String id = createUser(root, "vera@example.com", "vera-pass-1");

        // a link that fails (here: a well-formed token with a forged signature) offers a new mail
        String claims = "{\"id\":\"" + id + "\",\"collectionId\":\"_pb_users_auth_\",\"email\":\"vera@example.com\","
                + "\"type\":\"verification\",\"exp\":4102444800}";
        java.util.Base64.Encoder b64 = java.util.Base64.getUrlEncoder().withoutPadding();
        String forged = b64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes()) + "."
                + b64.encodeToString(claims.getBytes()) + ".forged";
        browser.open(server.baseUrl() + "/_/#/auth/confirm-verification/" + forged);
        browser.waitForText(".alert.danger", "invalid or has expired");
        browser.screenshot("confirm-verification-failed");
        int beforeResend = mail.getReceivedMessages().length;
        browser.click("#content button");
        browser.waitForText(".alert.success", "vera@example.com");
        String fresh = link(awaitMail("vera@example.com", beforeResend), "confirm-verification");

        browser.open(fresh);
        browser.waitForText(".alert.success", "is verified");
        browser.screenshot("confirm-verification");
        JsonNode user = call("GET", "/api/collections/users/records/" + id, root, null, 200);
        assertTrue(user.get("verified").asBoolean(), user.toString());

        // a link that is not a token at all
        browser.open(server.baseUrl() + "/_/#/auth/confirm-verification/nonsense");
        browser.waitForText(".alert.danger", "invalid or has expired");
    }

    @Test
    void aUserResetsTheirPasswordAndConfirmsANewEmailThroughTheMailedLinks() throws Exception {
        String root = superuserToken();
        createUser(root, "emma@example.com", "emma-pass-1");

        int before = mail.getReceivedMessages().length;
        call("POST", "/api/collections/users/request-password-reset", null, "{\"email\":\"emma@example.com\"}", 204);
        browser.open(link(awaitMail("emma@example.com", before), "confirm-password-reset"));
        browser.type("#reset-password", "emma-pass-2");
        browser.type("#reset-password-confirm", "emma-pass-2");
        browser.click("form button[type=submit]");
        browser.waitForText(".alert.success", "Your password has been changed");
        String emma = call("POST", "/api/collections/users/auth-with-password", null,
                "{\"identity\":\"emma@example.com\",\"password\":\"emma-pass-2\"}", 200).get("token").asText();

        before = mail.getReceivedMessages().length;
        call("POST", "/api/collections/users/request-email-change", emma, "{\"newEmail\":\"emma.new@example.com\"}", 204);
        browser.open(link(awaitMail("emma.new@example.com", before), "confirm-email-change"));
        browser.waitForText("#content p", "emma.new@example.com");
        browser.assertEverythingLabelled();
        browser.screenshot("confirm-email-change");
        browser.type("#email-change-password", "not-her-password");
        browser.click("form button[type=submit]");
        browser.waitFor("#email-change-password-error");
        browser.type("#email-change-password", "emma-pass-2");
        browser.click("form button[type=submit]");
        browser.waitForText(".alert.success", "emma.new@example.com");
        browser.screenshot("confirm-email-change-done");
        call("POST", "/api/collections/users/auth-with-password", null,
                "{\"identity\":\"emma.new@example.com\",\"password\":\"emma-pass-2\"}", 200);
    }

    @Test
    void theOAuth2PopupEndsOnAPageThatClosesItself() throws Exception {
        // opened by hand (no script opened it, so it stays): the messages
        browser.open(server.baseUrl() + "/_/#/auth/oauth2-redirect-success");
        browser.waitForText("h1", "Signed in");
        browser.screenshot("oauth2-redirect-success");
        browser.open(server.baseUrl() + "/api/oauth2-redirect?state=nobody-waits&code=abc");
        browser.waitForHash("#/auth/oauth2-redirect-failure");
        browser.waitForText("h1", "Sign-in failed");
        browser.screenshot("oauth2-redirect-failure");

        // the SDK's popup flow: a realtime client waits on @oauth2, the popup reaches /api/oauth2-redirect,
        // the app gets the code and the popup's landing page closes it
        browser.open(server.baseUrl() + "/_/#/login");
        browser.loadJsSdk();
        String clientId = (String) browser.asyncJs("""
                const done = arguments[arguments.length - 1];
                const pb = new PocketBase(location.origin);
                pb.realtime.subscribe('@oauth2', (e) => (window.__oauth2 = e))
                  .then(() => done(pb.realtime.clientId), (e) => done('failed: ' + e.message));""");
        String main = browser.driver.getWindowHandle();
        browser.js("window.open(arguments[0], 'oauth2')", server.baseUrl() + "/api/oauth2-redirect?state="
                + clientId + "&code=the-code");
        new WebDriverWait(browser.driver, Duration.ofSeconds(15))
                .until(d -> "the-code".equals(browser.js("return window.__oauth2 && window.__oauth2.code")));
        new WebDriverWait(browser.driver, Duration.ofSeconds(15)).until(d -> d.getWindowHandles().size() == 1);
        assertEquals(main, browser.driver.getWindowHandles().iterator().next(), "the popup closed itself");
        assertEquals(List.of(), browser.scriptErrors());
    }

    private static String superuserToken() throws Exception {
        return call("POST", "/api/collections/_superusers/auth-with-password", null,
                "{\"identity\":\"" + LocketProcess.SDK_EMAIL + "\",\"password\":\"" + superuserPassword + "\"}", 200)
                .get("token").asText();
    }

    private static String createUser(String root, String email, String password) throws Exception {
        return call("POST", "/api/collections/users/records", root, "{\"email\":\"" + email + "\",\"password\":\""
                + password + "\",\"passwordConfirm\":\"" + password + "\"}", 200).get("id").asText();
    }

    /** The dashboard link of a default mail, which must point at this server (the settings' app URL). */
    private static String link(MimeMessage m, String action) throws Exception {
        String body = GreenMailUtil.getBody(m).replace("=\r\n", "").replace("=3D", "=");
        Matcher matcher = Pattern.compile(Pattern.quote(server.baseUrl()) + "/_/#/auth/" + action + "/[A-Za-z0-9_.-]+")
                .matcher(body);
        assertTrue(matcher.find(), body);
        return matcher.group();
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

    private static JsonNode call(String method, String path, String token, String body, int status) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            b.header("Authorization", token);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), method + " " + path + " -> " + r.body());
        return r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body());
    }
}
