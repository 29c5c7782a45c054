package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.kamplanner.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Benchmark, not a test (no timing is asserted): dach-xl (1,000 KAMs, 15,000 accounts) loaded into the
 * page, its portfolio and its map drawn, a KAM selected. Prints the times measured in the browser and
 * writes them to target/benchmarks/page-dach-xl.txt for benchmarks/RESULTS.md. Off unless asked for:
 * {@code mvn -B -o test -Dtest=ScalePageBenchmarkTest -Dkam-planner.benchmark=true}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EnabledIfSystemProperty(named = "kam-planner.benchmark", matches = "true")
class ScalePageBenchmarkTest extends BrowserPage {

    @Test
    @SuppressWarnings("unchecked")
    void dachXlPortfolioAndMap() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
        wait.pollingEvery(Duration.ofMillis(20));
        driver.get("http://localhost:" + port + "/");
        Browser.signIn(driver, TestTokens.ADMIN);
        wait.until(ExpectedConditions.attributeToBe(By.id("dataset"), "value", "dach-small"));
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("dataset"))).selectByValue("dach-xl");

        // Load: from the click to the portfolio's 1,000 rows (the request, the JSON and the redraw).
        long loadStart = System.nanoTime();
        driver.findElement(By.id("load-dataset")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-name"), "1000 KAMs · 15000 accounts"));
        wait.until(d -> ((Long) driver.executeScript("return document.querySelectorAll('#kam-table tbody tr[data-kam]').length")) >= 1000);
        double loadMs = (System.nanoTime() - loadStart) / 1e6;
        double renderMs = ((Number) driver.executeScript("return kamPlanner.renderMs()")).doubleValue();

        // The map: from the tab's click to 15,000 accounts clustered and drawn.
        long mapStart = System.nanoTime();
        driver.findElement(By.id("tab-map")).click();
        wait.until(d -> driver.executeScript("const m = kamPlanner.map(); return Boolean(m && m.accounts === 15000)") == Boolean.TRUE);
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#map .account-cluster"), 0));
        double mapMs = (System.nanoTime() - mapStart) / 1e6;
        Map<String, Object> map = (Map<String, Object>) driver.executeScript("return kamPlanner.map()");
        assertThat(map).containsEntry("clustered", true).containsEntry("canvas", true);
        Browser.screenshot(driver, "map-dach-xl");

        // A KAM selected in the portfolio: its territory and accounts on the map.
        driver.findElement(By.id("tab-portfolio")).click();
        long selectStart = System.nanoTime();
        driver.findElement(By.cssSelector("#kam-table tbody tr[data-kam] .kam-name")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#kam-detail h2")));
        double selectMs = (System.nanoTime() - selectStart) / 1e6;
        driver.findElement(By.id("tab-map")).click();
        Browser.screenshot(driver, "map-dach-xl-selected");

        String result = """
                dach-xl in the page (headless chromium, 1280x800):
                  load (request + JSON + portfolio of 1,000 KAMs): %.0f ms, of which the page's redraw %.0f ms
                  map tab (first draw of 15,000 accounts, clustered, canvas): %.0f ms, of which the map's redraw %.0f ms
                  select a KAM (portfolio detail + map highlight): %.0f ms
                """.formatted(loadMs, renderMs, mapMs, ((Number) map.get("renderMs")).doubleValue(), selectMs);
        System.out.println(result);
        Path out = Path.of("target", "benchmarks", "page-dach-xl.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(out, result);
    }
}
