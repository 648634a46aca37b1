package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Steps the dashboard browser tests share: signing in, filling inputs, waiting for what a person waits for. */
final class DashboardSteps {
    private static final Duration WAIT = Duration.ofSeconds(15);

    private DashboardSteps() {
    }

    /** Signs in through the login page and waits for the shell. */
    static void signIn(Browser browser, String baseUrl, String email, String password) {
        browser.open(baseUrl + "/_/#/login");
        browser.waitFor("#login-identity");
        browser.type("#login-identity", email);
        browser.type("#login-password", password);
        browser.click("form button[type=submit]");
        browser.waitFor(".account-email");
    }

    /** Opens a dashboard route and waits for its element. */
    static void go(Browser browser, String baseUrl, String hash, String readyCss) {
        browser.open(baseUrl + "/_/" + hash);
        browser.waitFor(readyCss);
    }

    /** Sets a long value at once (typing thousands of characters key by key is slow) and fires "input". */
    static void setValue(Browser browser, String css, String value) {
        WebElement el = browser.waitFor(css);
        browser.js("arguments[0].value = arguments[1];"
                + "arguments[0].dispatchEvent(new Event('input', {bubbles: true}));", el, value);
    }

    static void select(Browser browser, String css, String value) {
        new Select(browser.waitFor(css)).selectByValue(value);
    }

    /** Ticks or unticks a checkbox. */
    static void check(Browser browser, String css, boolean on) {
        WebElement box = browser.waitFor(css);
        if (box.isSelected() != on) {
            box.click();
        }
    }

    /**
     * Clicks a button after closing the toasts (they sit in the corner where a form's Save button may be, as a
     * person closes one that is in the way), so a later wait for a toast sees only the new one.
     */
    static void press(Browser browser, String css) {
        // behind an open modal dialog the toasts cannot be reached (nor can they cover the dialog's buttons)
        if (browser.driver.findElements(By.cssSelector("dialog[open]")).isEmpty()) {
            for (WebElement close : browser.driver.findElements(By.cssSelector(".toast button"))) {
                try {
                    if (close.isDisplayed()) {
                        close.click();
                    }
                } catch (org.openqa.selenium.StaleElementReferenceException closedItself) {
                    // the toast timed out and went away between finding and clicking it
                }
            }
            awaitGone(browser, ".toast");
        }
        browser.click(css);
    }

    /** Waits for a success toast showing {@code text}. */
    static void awaitSuccess(Browser browser, String text) {
        browser.waitForText(".toast.success", text);
    }

    static void awaitGone(Browser browser, String css) {
        new WebDriverWait(browser.driver, WAIT).withMessage(() -> css + " still shown")
                .until(d -> d.findElements(By.cssSelector(css)).stream().noneMatch(DashboardSteps::shown));
    }

    /** Whether an element is displayed; one removed from the page meanwhile (a re-rendered row) is not. */
    private static boolean shown(WebElement element) {
        try {
            return element.isDisplayed();
        } catch (org.openqa.selenium.StaleElementReferenceException removed) {
            return false;
        }
    }

    static void awaitTrue(Browser browser, String what, Supplier<Boolean> condition) {
        new WebDriverWait(browser.driver, WAIT).withMessage(what).until(d -> condition.get());
    }

    /** The page fits the window: nothing scrolls sideways. */
    static void assertNoSidewaysScroll(Browser browser, String page) {
        assertTrue((Boolean) browser.js("return document.documentElement.scrollWidth <= window.innerWidth"),
                page + " scrolls sideways");
    }

    /** No script errors were logged since the last call (the log is drained by reading it). */
    static void assertNoScriptErrors(Browser browser) {
        assertEquals(List.of(), browser.scriptErrors());
    }
}
