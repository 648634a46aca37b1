package dev.locket.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Headless Debian Chromium driven through chromedriver (both installed from Debian's packages when missing;
 * a test fails, never skips, when they cannot be had). One per test class: starting a browser costs a second
 * or two. Pages render in light DOM, so plain CSS selectors reach everything.
 */
final class Browser implements AutoCloseable {
    static final Dimension DESKTOP = new Dimension(1280, 800);
    static final Dimension PHONE = new Dimension(390, 844);
    private static final Duration WAIT = Duration.ofSeconds(15);

    final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    static Browser start() throws IOException {
        Path chromium = DebianPackages.require("chromium", "chromium", "chromium-driver");
        Path chromedriver = DebianPackages.require("chromedriver", "chromium-driver");
        Path profile = Files.createTempDirectory("chrome-profile");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--window-size=" + DESKTOP.width + "," + DESKTOP.height,
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(chromedriver.toFile()).usingAnyFreePort().build();
        Browser browser = new Browser(new ChromeDriver(service, options), profile);
        browser.driver.manage().window().setSize(DESKTOP);
        return browser;
    }

    void open(String url) {
        driver.get(url);
    }

    /** Waits until an element matching {@code css} is visible. */
    WebElement waitFor(String css) {
        return new WebDriverWait(driver, WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
    }

    /** Waits until an element matching {@code css} shows {@code text} (a substring). */
    WebElement waitForText(String css, String text) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css),
                text));
        return driver.findElement(By.cssSelector(css));
    }

    void waitForHash(String hash) {
        new WebDriverWait(driver, WAIT).withMessage(() -> "hash " + hash + ", at " + driver.getCurrentUrl())
                .until(d -> hash().equals(hash));
    }

    String hash() {
        return (String) js("return location.hash");
    }

    void type(String css, String text) {
        WebElement input = waitFor(css);
        input.clear();
        input.sendKeys(text);
    }

    void click(String css) {
        new WebDriverWait(driver, WAIT).until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))).click();
    }

    String text(String css) {
        return waitFor(css).getText();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncJs(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /**
     * Puts the official JS SDK (npm {@code pocketbase}, installed in {@code e2e/}) into the current page as the
     * global {@code PocketBase}, as an app served from the same origin would have it.
     */
    void loadJsSdk() throws IOException, InterruptedException {
        String sdk = Files.readString(LocketProcess.e2e().resolve("node_modules/pocketbase/dist/pocketbase.umd.js"));
        js(sdk + "\n;return typeof PocketBase;");
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    /** Saves the window as {@code admin-ui/target/screenshots/<name>.png}, the build's screenshot artefacts. */
    Path screenshot(String name) throws IOException {
        Path dir = Path.of(System.getProperty("locket.screenshots", "../admin-ui/target/screenshots")).toAbsolutePath();
        Files.createDirectories(dir);
        Path file = dir.resolve(name + ".png");
        Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, file, StandardCopyOption.REPLACE_EXISTING);
        return file;
    }

    /**
     * Every visible form control has an accessible label (a {@code <label for>}, a wrapping label or
     * aria-label) and every visible button a name: the dashboard's accessibility rule, checked on each page.
     */
    void assertEverythingLabelled() {
        @SuppressWarnings("unchecked")
        List<String> unlabelled = (List<String>) js("""
                const visible = (el) => el.getClientRects().length > 0 || el.classList.contains('visually-hidden-file');
                const bad = [];
                for (const el of document.querySelectorAll('input, select, textarea')) {
                  if (!visible(el) || el.type === 'hidden') continue;
                  if (!(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                      && !el.getAttribute('aria-labelledby')) bad.push(el.outerHTML.slice(0, 120));
                }
                for (const el of document.querySelectorAll('button, a.btn')) {
                  if (!visible(el)) continue;
                  if (!(el.getAttribute('aria-label') || el.textContent.trim())) bad.push(el.outerHTML.slice(0, 120));
                }
                return bad;""");
        assertEquals(List.of(), unlabelled, "controls without a label or name");
    }

    /** Browser console errors other than failed requests (the API's 4xx answers are expected in some steps). */
    List<String> scriptErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::getMessage)
                .filter(m -> !m.contains("Failed to load resource"))
                .toList();
    }

    /** What the first load of a page transferred (the document plus every resource), from the Performance API. */
    @SuppressWarnings("unchecked")
    Map<String, Object> transferred() {
        return (Map<String, Object>) js("""
                const nav = performance.getEntriesByType('navigation')[0];
                const res = performance.getEntriesByType('resource');
                const sum = (list, key) => list.reduce((n, e) => n + (e[key] || 0), 0);
                return {
                  transferBytes: nav.transferSize + sum(res, 'transferSize'),
                  decodedBytes: nav.decodedBodySize + sum(res, 'decodedBodySize'),
                  requests: 1 + res.length,
                  files: [nav.name, ...res.map(e => e.name)].join(' ')
                };""");
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var walk = Files.walk(profile)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
