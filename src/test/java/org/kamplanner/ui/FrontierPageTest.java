package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kamplanner.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * "Frontier" on a stored plan: the points come in as their plans solve, drawn on the chart with the steps in
 * words below, and a click on a point opens its plan.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FrontierPageTest extends BrowserPage {

    @Test
    void theFrontierIsDrawnAndAPointOpensItsPlan() throws Exception {
        String base = "http://localhost:" + port;
        String source = SavedPlansPageTest.solved(base, "dach-small", "Frontier source");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(90));
        driver.get(base + "/#/plans/" + source + "/portfolio");
        Browser.signIn(driver, TestTokens.ADMIN);
        wait.until(d -> source.equals(driver.executeScript("return kamPlanner.planId()")));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("frontier-start")));
        WebElement seconds = driver.findElement(By.id("seconds"));
        seconds.clear();
        seconds.sendKeys("1");

        driver.findElement(By.id("frontier-start")).click();

        // The uncapped plan first, then the caps below its hand-overs: done when the title counts all solved.
        wait.until(ExpectedConditions.textMatches(By.id("frontier-title"), java.util.regex.Pattern.compile(
                "Hand-over frontier: (\\d+) of \\1 plans solved")));
        wait.until(d -> ((List<?>) driver.executeScript("return kamPlanner.frontierPoints()")).size() >= 2);
        List<WebElement> marks = driver.findElements(By.cssSelector("#frontier-chart g.frontier-point"));
        assertThat(marks).hasSizeGreaterThanOrEqualTo(2);
        assertThat(driver.findElements(By.cssSelector("#frontier-steps li"))).isNotEmpty()
                .allSatisfy(li -> assertThat(li.getText()).contains("hand-overs: spread"));
        Axe.assertNoSeriousViolations(driver, "the frontier");
        Browser.screenshot(driver, "frontier");

        @SuppressWarnings("unchecked")
        Map<String, Object> first = ((List<Map<String, Object>>) driver.executeScript(
                "return kamPlanner.frontierPoints()")).get(0);
        String planId = (String) first.get("planId");
        driver.findElement(By.cssSelector("#frontier-chart g.frontier-point[data-plan='" + planId + "'] circle")).click();
        wait.until(d -> planId.equals(driver.executeScript("return kamPlanner.planId()")));
        assertThat(driver.getCurrentUrl()).endsWith("#/plans/" + planId + "/portfolio");
        // The frontier stays on show beside the plans it is made of.
        assertThat(driver.findElement(By.id("frontier")).isDisplayed()).isTrue();
        assertThat(Browser.consoleErrors(driver)).isEmpty();
        assertThat(Browser.cspViolations(driver)).isEmpty();
    }
}
