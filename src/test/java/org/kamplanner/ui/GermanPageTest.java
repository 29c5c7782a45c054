package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kamplanner.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * The page in German, as a German sales director reads it: switch the language, solve the over-full
 * small dataset, and read German labels, German numbers (1.234,5 h, 85 %, 248.000 €), the service's
 * own sentences in German (the page asks with Accept-Language), and the accounts left without a KAM with
 * their tier, revenue and reason. The choice survives a reload; switching back needs none.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class GermanPageTest extends BrowserPage {

    private static final Duration SOLVE_WAIT = Duration.ofSeconds(60);
    /** Intl puts a no-break (or narrow no-break) space between a number and its unit in German. */
    private static final String SPACE = "[\\s\\u00a0\\u202f]";

    @Test
    void aGermanPlannerReadsGermanWordsAndNumbers() throws Exception {
        driver.get("http://localhost:" + port + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        Browser.signIn(driver, TestTokens.ADMIN);
        new Select(driver.findElement(By.id("language"))).selectByValue("de");
        wait.until(ExpectedConditions.textToBe(By.id("tab-map"), "Karte"));
        assertThat(driver.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("de");

        wait.until(d -> new Select(d.findElement(By.id("dataset"))).getOptions().size() > 1);
        new Select(driver.findElement(By.id("dataset"))).selectByValue("dach-overfull-small");
        driver.findElement(By.id("load-dataset")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-name"), "8 KAMs · 80 Kunden"));
        driver.findElement(By.id("seconds")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "3");
        driver.findElement(By.id("solve")).click();
        new WebDriverWait(driver, SOLVE_WAIT).until(d -> "COMPLETED".equals(
                d.findElement(By.id("status")).getDomAttribute("data-status")) && d.findElement(By.id("solve")).isEnabled());

        // German words: the page's own and the service's (its headline counts the accounts it serves).
        assertThat(text("status")).isEqualTo("abgeschlossen");
        assertThat(text("solve")).isEqualTo("Lösen");
        assertThat(driver.findElement(By.cssSelector("button[data-sort=utilization]")).getText()).isEqualTo("Auslastung");
        assertThat(text("summary")).contains("Kunden betreut");

        // German numbers in the KAM table: utilization in percent, travel in hours with a decimal comma, revenue in euros.
        // Read in one snapshot: rows found one by one could be replaced between two reads.
        List<List<String>> kams = rows("#kam-table tbody tr[data-kam]:not([data-kam=''])");
        assertThat(kams).hasSize(8);
        List<String> first = kams.get(0);
        assertThat(first.get(2)).matches(".*\\d{1,3}" + SPACE + "%");
        // The revenue, then the KAM's share of it beside its share of the capacity (summary.revenueShares).
        assertThat(first.get(5)).matches("\\d{1,3}(\\.\\d{3})*" + SPACE + "€\\d{1,3}" + SPACE
                + "% des Umsatzes, \\d{1,3}" + SPACE + "% der Kapazität");
        assertThat(first.get(7)).matches("\\d{1,3}(\\.\\d{3})*,\\d" + SPACE + "h");

        // Who goes unserved: every account without a KAM by name, tier, revenue and the service's German reason.
        driver.findElement(By.id("tab-explanation")).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#uncovered-table tbody tr"), 0));
        List<List<String>> uncovered = rows("#uncovered-table tbody tr");
        long unassigned = (Long) driver.executeScript("return kamPlanner.doc().accounts.filter(a => !a.assignedKamId).length");
        assertThat(uncovered).hasSize((int) unassigned);
        assertThat(rows("#uncovered-table thead tr").get(0)).containsExactly(null, "Kunde", "Stufe", "Umsatz", "Warum");
        for (List<String> row : uncovered) {
            assertThat(row.get(1)).isNotBlank().isNotEqualTo(row.get(0));
            assertThat(row.get(2)).isIn("A", "B", "C");
            assertThat(row.get(3)).matches("\\d{1,3}(\\.\\d{3})*" + SPACE + "€");
            assertThat(row.get(4)).isNotBlank().doesNotContain("⟦");
        }
        Axe.assertNoSeriousViolations(driver, "the explanation in German");
        Browser.screenshot(driver, "german-explanation");

        // The choice is kept: a reload opens in German; switching back to English needs no reload.
        driver.navigate().refresh();
        wait.until(ExpectedConditions.textToBe(By.id("tab-map"), "Karte"));
        assertThat(new Select(driver.findElement(By.id("language"))).getFirstSelectedOption().getDomAttribute("value"))
                .isEqualTo("de");
        new Select(driver.findElement(By.id("language"))).selectByValue("en");
        wait.until(ExpectedConditions.textToBe(By.id("tab-map"), "Map"));
        // The service's sentences follow: the shown plan is fetched again in English.
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("summary"), "accounts covered"));
        assertThat(rows("#uncovered-table thead tr").get(0)).containsExactly(null, "Account", "Tier", "Revenue", "Why");
        assertThat(rows("#uncovered-table tbody tr").get(0).get(3)).matches("€\\d{1,3}(,\\d{3})*");
        assertThat(driver.findElement(By.tagName("body")).getText()).doesNotContain("⟦");
        assertThat(Browser.consoleErrors(driver)).isEmpty();
    }

    /** Each row's data-account or data-kam, then its cells' text. */
    @SuppressWarnings("unchecked")
    private static List<List<String>> rows(String selector) {
        return (List<List<String>>) driver.executeScript("return [...document.querySelectorAll(arguments[0])]"
                + ".map(r => [r.dataset.account || r.dataset.kam, ...[...r.cells].map(c => c.textContent)])", selector);
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }
}
