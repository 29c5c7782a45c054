package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kamplanner.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The CRM import as a sales-operations analyst does it on the page (issue 27), with the bundled Salesforce
 * report (datasets/crm/, German Excel, written by crm.CrmFixtures) and its HR list: a file with an unknown
 * place is refused with its file, line and column and stores nothing; the preview shows the columns found,
 * the revenue read (with its warning: "Jahresumsatz" is the customer's turnover), the first rows and the
 * owner who left, and stores nothing; the analyst changes the calibrated effort of A-accounts; the import
 * solves the plan with it, stores today as a plan, and its report
 * links both; the comparison with today speaks in business terms above the raw penalties, in German too,
 * and says when two plans were solved under different settings.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class CrmImportPageTest extends BrowserPage {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Path ACCOUNTS = Path.of("datasets", "crm", "accounts.csv").toAbsolutePath();
    private static final Path KAMS = Path.of("datasets", "crm", "kams.csv").toAbsolutePath();

    @Test
    void theAnalystPreviewsImportsAndComparesWithToday() throws Exception {
        String base = "http://localhost:" + port;
        String other = SavedPlansPageTest.solved(base, "dach-small", "Another plan");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
        driver.get(base + "/");
        Browser.signIn(driver, TestTokens.ADMIN);
        driver.findElement(By.id("open-crm")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("tab-crm"), "aria-selected", "true"));
        assertThat(driver.getCurrentUrl()).endsWith("#/crm");
        int stored = storedPlans(base);

        // A place the gazetteer does not know: one 400, shown with its file, line and column; nothing stored.
        Path misspelt = Files.createTempFile("accounts", ".csv");
        String export = Files.readString(ACCOUNTS, StandardCharsets.UTF_8);
        Files.writeString(misspelt, export.replaceFirst(";Darmstadt;", ";Darmstatt;"), StandardCharsets.UTF_8);
        driver.findElement(By.id("crm-accounts")).sendKeys(misspelt.toString());
        driver.findElement(By.id("crm-kams")).sendKeys(KAMS.toString());
        driver.findElement(By.id("crm-preview")).click();
        WebElement message = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("message")));
        wait.until(d -> message.getText().contains("Darmstatt"));
        assertThat(message.getText()).contains(misspelt.getFileName() + ":4:Ort", "unknown place 'Darmstatt'");
        assertThat(driver.findElements(By.id("crm-import"))).isEmpty();
        // The browser logs the refused request itself; nothing else may be in its console.
        assertThat(Browser.consoleErrors(driver)).singleElement().asString()
                .contains("/plans/import/crm?solve=false", "status of 400");

        // The preview: the columns found, the revenue read, the first rows, the owner who left; nothing stored.
        driver.findElement(By.id("crm-accounts")).sendKeys(ACCOUNTS.toString());
        driver.findElement(By.id("crm-seconds")).clear();
        driver.findElement(By.id("crm-seconds")).sendKeys("3");
        driver.findElement(By.id("crm-preview")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("crm-import")));
        assertThat(driver.findElement(By.id("message")).isDisplayed()).isFalse();
        assertThat(text("crm-title")).isEqualTo("Preview: nothing is stored yet");
        assertThat(cell("crm-columns", "city")).isEqualTo("Ort");
        assertThat(cell("crm-columns", "owner")).isEqualTo("Account-Inhaber");
        assertThat(cell("crm-columns", "revenue")).isEqualTo("Jahresumsatz");
        assertThat(cell("crm-kam-columns", "employmentShare")).isEqualTo("Beschäftigungsgrad");
        assertThat(text("crm-revenue-warning")).contains("'Jahresumsatz'", "customer's own turnover");
        assertThat(text("crm-figures")).contains(" rows read: 700 accounts, 45 KAMs");
        List<WebElement> rows = driver.findElements(By.cssSelector("#crm-rows tbody tr"));
        assertThat(rows).hasSize(10);
        assertThat(rows.get(0).getText()).contains("001000000005000", "Südwind Versicherung Darmstadt KG 1", "Darmstadt",
                "Anna Schäfer");
        assertThat(driver.findElement(By.cssSelector("#crm-owners tbody")).getText()).contains("Petra Ausgeschieden 8");
        assertThat(text("crm-calibration")).startsWith("Tier effort calibrated so that today's assignment loads the team at 85");
        assertThat(storedPlans(base)).isEqualTo(stored);
        Browser.screenshot(driver, "crm-preview");
        driver.executeScript("document.getElementById('crm-rows').scrollIntoView()");
        Browser.screenshot(driver, "crm-preview-rows");
        Axe.assertNoSeriousViolations(driver, "the CRM preview");

        // The calibrated effort per tier, to change before the solve: A-accounts get 20 h a month.
        WebElement aHours = driver.findElement(By.id("crm-tier-A"));
        assertThat(text("crm-calibration")).contains("A " + aHours.getAttribute("value") + " h");
        aHours.clear();
        aHours.sendKeys("20");

        // The mapping's other settings, in the same panel as before a solve: a cap of 0 is refused at its field.
        driver.findElement(By.cssSelector("#crm-settings-panel > summary")).click();
        WebElement cap = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("crm-cap-0")));
        int newCap = Integer.parseInt(cap.getDomProperty("value")) + 2;
        cap.sendKeys(Keys.chord(Keys.CONTROL, "a"), "0");
        driver.findElement(By.id("crm-import")).click();
        assertThat(wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#crm-cap-0 + .field-error")))
                .getText()).isNotBlank();
        assertThat(cap.getDomAttribute("data-path")).isEqualTo("mapping.sectors[0].maxAccountsPerKam");
        assertThat(storedPlans(base)).isEqualTo(stored);
        assertThat(Browser.consoleErrors(driver)).singleElement().asString()
                .contains("/plans/import/crm?solve=true", "status of 400");
        cap.sendKeys(Keys.chord(Keys.CONTROL, "a"), String.valueOf(newCap));
        driver.findElement(By.id("crm-visits-B")).sendKeys("6");

        // Import and solve: the plan becomes the working plan; today is stored beside it.
        driver.findElement(By.id("crm-import")).click();
        WebElement baselineLink = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("crm-open-baseline")));
        String baseline = idIn(baselineLink.getAttribute("href"));
        String plan = idIn(driver.findElement(By.id("crm-open-plan")).getAttribute("href"));
        assertThat(text("crm-title")).isEqualTo("Imported: the plan is solving");
        assertThat(driver.findElement(By.cssSelector("#crm-owners tbody")).getText()).contains("Petra Ausgeschieden 8");
        wait.until(d -> plan.equals(driver.executeScript("return kamPlanner.planId()")));
        assertThat(driver.getCurrentUrl()).endsWith("#/plans/" + plan + "/crm");
        assertThat(storedPlans(base)).isEqualTo(stored + 2);
        wait.until(ExpectedConditions.attributeToBe(By.id("status"), "data-status", "COMPLETED"));
        assertThat(driver.executeScript("return kamPlanner.doc().settings.tierMinutes.A")).isEqualTo(1200L);
        assertThat(driver.executeScript("return kamPlanner.doc().settings.visitsPerYear.B")).isEqualTo(6L);
        assertThat(driver.executeScript("return kamPlanner.doc().sectors[0].maxAccountsPerKam")).isEqualTo((long) newCap);
        Browser.screenshot(driver, "crm-imported");

        // Compared with today, in business terms: today hands nothing over, the plan overloads nobody.
        driver.findElement(By.id("crm-compare")).click();
        wait.until(ExpectedConditions.attributeToBe(By.id("tab-compare"), "aria-selected", "true"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compare-business")));
        assertThat(driver.findElements(By.cssSelector("#compare-business thead th[data-plan]")).stream()
                .map(th -> th.getAttribute("data-plan")).toList()).containsExactly(baseline, plan);
        assertThat(driver.findElement(By.cssSelector("#compare-business thead th[data-plan='" + baseline + "']")).getText())
                .startsWith("Today in the CRM: ");
        List<String> handOvers = cells("compare-business", "HandOvers");
        assertThat(handOvers.get(0)).isEqualTo("0 (A 0 · B 0 · C 0)");
        assertThat(handOvers.get(1)).matches("[1-9][0-9,]* \\(A \\d+ · B \\d+ · C \\d+\\)");
        assertThat(cells("compare-business", "OverCapacity").get(1)).isEqualTo("none");
        assertThat(cells("compare-business", "UtilizationRange").get(1)).matches("\\d+% – \\d+%");
        // Above the raw penalties, and no note: both plans were scored under the same settings.
        assertThat((Boolean) driver.executeScript("return document.getElementById('compare-business')"
                + ".compareDocumentPosition(document.getElementById('compare-table')) === Node.DOCUMENT_POSITION_FOLLOWING"))
                .isTrue();
        assertThat(driver.findElements(By.cssSelector(".compare-note"))).isEmpty();
        Browser.screenshot(driver, "crm-compare");
        Axe.assertNoSeriousViolations(driver, "the comparison with today");

        // In German: the comparison is drawn again in the other language.
        new Select(driver.findElement(By.id("language"))).selectByValue("de");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("compare-body"), "In geschäftlichen Zahlen"));
        // The heading comes before the table's rows are drawn again: wait for the row, then read it.
        wait.until(d -> cells("compare-business", "OverCapacity").size() > 1);
        assertThat(cells("compare-business", "OverCapacity").get(1)).isEqualTo("keiner");
        assertThat(driver.findElement(By.cssSelector("#compare-business tr[data-row=HandOvers] th")).getText())
                .isEqualTo("Übergaben vom heutigen Inhaber");
        new Select(driver.findElement(By.id("language"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("compare-body"), "In business terms"));

        // Plans solved under different settings (the CRM's calibrated tier minutes, the dataset's): the note says so.
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compare-a")));
        new Select(driver.findElement(By.id("compare-a"))).selectByValue(other);
        new Select(driver.findElement(By.id("compare-b"))).selectByValue(plan);
        driver.findElement(By.id("compare")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".compare-note")));
        assertThat(driver.findElement(By.cssSelector(".compare-note")).getText()).contains("tierMinutes");
        assertThat(Browser.consoleErrors(driver)).isEmpty();
        assertThat(Browser.cspViolations(driver)).isEmpty();
    }

    private static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** The column a field was read from, in the preview's table of one file. */
    private static String cell(String table, String field) {
        return driver.findElement(By.cssSelector("#" + table + " tr[data-field=" + field + "] td")).getText();
    }

    /** One row's value for each compared plan. */
    private static List<String> cells(String table, String row) {
        return driver.findElements(By.cssSelector("#" + table + " tr[data-row=" + row + "] td")).stream()
                .map(WebElement::getText).toList();
    }

    /** The plan id of a link to #/plans/{id}/{view}. */
    private static String idIn(String href) {
        return href.replaceFirst("^.*#/plans/([^/]+)/\\w+$", "$1");
    }

    private static int storedPlans(String base) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/plans?limit=1000"))
                .header("Authorization", TestTokens.ADMIN_BEARER).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return MAPPER.readTree(response.body()).size();
    }
}
