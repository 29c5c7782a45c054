package org.kamplanner.ui;

import java.io.IOException;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * What every page test shares: one headless chromium for all page test classes of the JVM (Browser.shared,
 * which skips or fails loudly where chromium is missing), left as a new one would be after each class, and
 * the port of the service the test class started.
 */
abstract class BrowserPage {

    static ChromeDriver driver;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        driver = Browser.shared();
    }

    @AfterAll
    static void leaveBrowser() {
        if (driver != null) {
            Browser.reset(driver);
            driver = null;
        }
    }
}
