package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The web page in a real browser, as a sales planner would use it: load dach-small, solve, read the
 * portfolio, the map and the explanation, steer, export the CSV files and import them again. Writes
 * screenshots of the main views to target/screenshots/.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlannerPageTest {

    private static final Duration SOLVE_WAIT = Duration.ofSeconds(60);

    static ChromeDriver driver;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        driver = Browser.start();
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    void loadSolveExplainSteerExportAndImport() throws Exception {
        String base = "http://localhost:" + port;
        driver.get(base + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));

        // Load dach-small by keyboard alone, and solve it for a few seconds.
        wait.until(ExpectedConditions.attributeToBe(By.id("dataset"), "value", "dach-small"));
        driver.findElement(By.tagName("body")).sendKeys(Keys.TAB);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("dataset");
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("load-dataset");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-name"), "5 KAMs · 60 accounts"));
        WebElement seconds = driver.findElement(By.id("seconds"));
        seconds.sendKeys(Keys.chord(Keys.CONTROL, "a"), "3");
        driver.findElement(By.id("solve")).click();
        solved(SOLVE_WAIT);
        assertThat(text("score")).startsWith("0hard/");
        assertThat(driver.findElements(By.cssSelector("#kam-table tbody tr[data-kam]"))).hasSize(5);
        assertThat(driver.findElements(By.cssSelector("#kam-table .bar"))).hasSize(5);
        assertThat((Long) driver.executeScript("return state.chart.data.labels.length")).isPositive();

        // The portfolio: sort by utilization, filter, open a KAM's accounts.
        driver.findElement(By.cssSelector("button[data-sort=utilization]")).click();
        assertThat(driver.findElement(By.xpath("//button[@data-sort='utilization']/..")).getAttribute("aria-sort"))
                .isEqualTo("ascending");
        driver.findElement(By.id("kam-filter")).sendKeys("K003");
        assertThat(driver.findElements(By.cssSelector("#kam-table tbody tr[data-kam]"))).hasSize(1);
        driver.findElement(By.id("kam-filter")).sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        driver.findElement(By.cssSelector("#kam-table tr[data-kam=K003] .kam-name")).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#account-table tbody tr"), 0));
        Browser.screenshot(driver, "portfolio");

        // The map: the bundled outline, a dot per account, a square per KAM home.
        driver.findElement(By.id("tab-map")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#map .kam-home"), 5));
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#map path.leaflet-interactive"), 60));
        Browser.screenshot(driver, "map");

        // The explanation: the selected KAM's share, then the whole plan, a constraint opened to its sentences.
        driver.findElement(By.id("tab-explanation")).click();
        assertThat(text("share-title")).startsWith("KAM").contains("(K003): share ");
        driver.findElement(By.xpath("//button[text()='Show the whole plan']")).click();
        WebElement first = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#constraints details summary")));
        first.click();
        WebElement sentence = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#constraints details[open] li.match")));
        assertThat(sentence.getText()).isNotBlank();
        Browser.screenshot(driver, "explanation");

        // Steering without a solve: pin an account of K003 and see the plan re-scored as edited.
        driver.findElement(By.id("tab-portfolio")).click();
        driver.findElement(By.cssSelector("#kam-table tr[data-kam=K003] .kam-name")).click();
        WebElement pin = wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#account-table button.pin")));
        assertThat(pin.getText()).isEqualTo("Pin");
        pin.click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("score"), "(edited, not solved)"));
        assertThat(driver.findElement(By.cssSelector("#account-table button.pin")).getText()).isEqualTo("Unpin");
        assertThat(driver.findElement(By.id("stale")).isDisplayed()).isTrue();

        // CSV out: the export links of the solved plan.
        String assignments = download(base, "export-assignments");
        String kams = download(base, "export-kams");
        assertThat(assignments.lines()).hasSize(61);
        assertThat(kams.lines()).hasSize(6);

        // CSV in: the exported files through the page's import form; regions and sectors from dach-small.
        Path dir = Files.createTempDirectory("kam-planner-csv");
        Path kamsFile = Files.writeString(dir.resolve("kams.csv"), kams);
        Path accountsFile = Files.writeString(dir.resolve("accounts.csv"), assignments);
        driver.findElement(By.cssSelector("#csv-import summary")).click();
        driver.findElement(By.id("csv-kams")).sendKeys(kamsFile.toString());
        driver.findElement(By.id("csv-accounts")).sendKeys(accountsFile.toString());
        driver.findElement(By.id("csv-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"), "Imported 5 KAMs and 60 accounts"));
        @SuppressWarnings("unchecked")
        List<String> imported = (List<String>) driver.executeScript(
                "return state.doc.accounts.map(a => a.id + '=' + (a.assignedKamId || ''))");
        assertThat(imported).containsExactlyElementsOf(assignmentsOf(assignments));

        // A bad row is named by file, line and column.
        driver.findElement(By.cssSelector("#csv-import summary")).click();
        Files.writeString(accountsFile, assignments.replaceFirst("\n(A0002,[^,]*,)[A-Z_]+,", "\n$1GREENTCH,"));
        driver.findElement(By.id("csv-accounts")).sendKeys(accountsFile.toString());
        driver.findElement(By.id("csv-submit")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("message"),
                "accounts.csv line 3, sectorId: unknown sector 'GREENTCH'"));
        Browser.screenshot(driver, "csv-error");

        // The only console error allowed is the browser's note of that deliberate 400.
        assertThat(Browser.consoleErrors(driver))
                .filteredOn(e -> !(e.contains("/plans/import") && e.contains("status of 400")))
                .isEmpty();
    }

    private void solved(Duration timeout) {
        new WebDriverWait(driver, timeout).until(d -> text("status").equals("COMPLETED")
                && d.findElement(By.id("solve")).isEnabled());
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private String download(String base, String linkId) throws IOException, InterruptedException {
        String href = driver.findElement(By.id(linkId)).getAttribute("href");
        assertThat(href).startsWith(base + "/plans/");
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(href)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static List<String> assignmentsOf(String csv) throws IOException {
        Map<Long, String> rows = new TreeMap<>();
        for (CSVRecord row : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(csv))) {
            rows.put(row.getRecordNumber(), row.get("id") + "=" + row.get("assignedKamId"));
        }
        return List.copyOf(rows.values());
    }
}
