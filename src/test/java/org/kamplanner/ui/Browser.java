package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless chromium driven by its own chromedriver. Both paths are given, so Selenium Manager
 * never tries to download a browser or a driver; CI installs them (.ci/run). Without them the browser
 * tests are skipped, loudly, so {@code mvn -B verify} passes on a developer's fresh machine; with
 * KAM_PLANNER_REQUIRE_BROWSER=1 (set by .ci/run) a missing browser fails them instead, because a skipped
 * browser test would pass CI without testing the page.
 */
final class Browser {

    static final Path CHROMIUM = Path.of(System.getProperty("kam-planner.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("kam-planner.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of("target", "screenshots");

    /** The one browser of this JVM: starting chromium for each test class cost seconds each time. */
    private static ChromeDriver shared;

    private Browser() {
    }

    /** The browser every page test class uses, started by the first; it quits when the JVM ends. */
    static synchronized ChromeDriver shared() throws IOException {
        if (shared == null) {
            ChromeDriver started = start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::quit, "chromium-quit"));
            shared = started;
        }
        return shared;
    }

    /**
     * What one test class leaves behind, gone: the page's token and language (the session and local storage
     * of the service's origin, the same port for every class on the shared Spring context), cookies and the
     * console's entries; then a blank page, so the next class's first page starts its module afresh.
     */
    static void reset(ChromeDriver driver) {
        if (driver.getCurrentUrl().startsWith("http")) {
            driver.executeScript("window.localStorage.clear(); window.sessionStorage.clear();");
        }
        driver.manage().deleteAllCookies();
        driver.get("about:blank");
        driver.manage().logs().get(LogType.BROWSER);
    }

    private static ChromeDriver start() throws IOException {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String missing = String.format("The browser tests need chromium at %s and chromedriver at %s (Debian: "
                    + "apt-get install chromium chromium-driver; .ci/run installs them). Other paths: "
                    + "-Dkam-planner.chromium=... -Dkam-planner.chromedriver=...", CHROMIUM, CHROMEDRIVER);
            if (browserRequired()) {
                fail(missing + " KAM_PLANNER_REQUIRE_BROWSER is set, so this is a failure, not a skip.");
            }
            String line = "*".repeat(100);
            System.err.printf("%n%s%n* SKIPPED: the browser tests of the web page.%n* %s%n%s%n%n", line, missing, line);
            assumeTrue(false, "SKIPPED browser tests: " + missing);
        }
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        Path profile = Files.createTempDirectory("kam-planner-chromium");
        ChromeOptions options = new ChromeOptions()
                .setBinary(CHROMIUM.toFile())
                .addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
                        "--window-size=1280,800", "--user-data-dir=" + profile);
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // Every Content-Security-Policy violation of every page, in window.__cspViolations (added before the page's scripts run).
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", """
                window.__cspViolations = [];
                document.addEventListener('securitypolicyviolation',
                    (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));"""));
        // Headless chromium takes its own toolbar off --window-size; this pins the page itself at 1280×800.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", 1280, "height", 800, "deviceScaleFactor", 1, "mobile", false));
        return driver;
    }

    /** Set by .ci/run, so CI never passes without the page tested. */
    private static boolean browserRequired() {
        String required = System.getenv("KAM_PLANNER_REQUIRE_BROWSER");
        return required != null && !required.isBlank() && !required.equals("0") && !required.equalsIgnoreCase("false");
    }

    /** Signs in through the page's form, which the page shows when the service answers 401. */
    static void signIn(ChromeDriver driver, String token) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("token"))).sendKeys(token);
        driver.findElement(By.id("sign-in-submit")).click();
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("sign-in")));
    }

    /** The Content-Security-Policy violations of the page since it loaded. */
    @SuppressWarnings("unchecked")
    static List<String> cspViolations(ChromeDriver driver) {
        return (List<String>) driver.executeScript("return window.__cspViolations || ['no CSP recorder on this page']");
    }

    static void screenshot(ChromeDriver driver, String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /** The browser console's errors since the last call. */
    static List<String> consoleErrors(ChromeDriver driver) {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                .map(LogEntry::toString)
                .toList();
    }
}
