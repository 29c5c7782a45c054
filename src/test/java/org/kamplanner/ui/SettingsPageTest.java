package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.kamplanner.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Issue 27's last piece on the page: the settings panel of the working plan (js/settingsForm.js). A planner
 * changes a constraint weight and a sector's cap before the solve and finds them in the stored plan; a bad
 * weight is refused by the service and its 400 is shown at the field it names.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SettingsPageTest extends BrowserPage {

    private static final Pattern PLAN_IN_ADDRESS = Pattern.compile("#/plans/([^/]+)/");
    private static final int TRAVEL_TIME = 8; // the index of "Travel time" in settingsForm.js's CONSTRAINTS

    @Test
    void aWeightAndASectorCapChangedOnThePageAreTheStoredPlansAndABadOneIsShownAtItsField() throws Exception {
        String base = "http://localhost:" + port;
        driver.get(base + "/");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));
        Browser.signIn(driver, TestTokens.ADMIN);
        wait.until(ExpectedConditions.attributeToBe(By.id("dataset"), "value", "dach-small"));
        driver.findElement(By.id("load-dataset")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-name"), "5 KAMs · 60 accounts"));
        driver.findElement(By.id("seconds")).sendKeys(Keys.chord(Keys.CONTROL, "a"), "2");
        driver.findElement(By.cssSelector("#plan-settings > summary")).click();

        WebElement weight = wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("plan-weight-" + TRAVEL_TIME)));
        assertThat(weight.getDomAttribute("data-path")).isEqualTo("settings.constraintWeights.Travel time");
        assertThat(weight.getDomAttribute("placeholder")).as("the default shown").isEqualTo("1");
        weight.sendKeys(Keys.chord(Keys.CONTROL, "a"), "-3");
        driver.findElement(By.id("solve")).click();
        WebElement note = wait.until(ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#plan-weight-" + TRAVEL_TIME + " + .field-error")));
        assertThat(note.getText()).isNotBlank();
        assertThat(weight.getDomAttribute("aria-invalid")).isEqualTo("true");
        assertThat(driver.findElement(By.id("message")).getText()).contains("settings.constraintWeights.Travel time");
        assertThat(driver.findElements(By.cssSelector("#plan-settings .field-error"))).hasSize(1);
        assertThat(Browser.consoleErrors(driver)).singleElement().asString().contains("/plans", "status of 400");

        weight.sendKeys(Keys.chord(Keys.CONTROL, "a"), "4");
        WebElement cap = driver.findElement(By.id("plan-cap-0"));
        int newCap = Integer.parseInt(cap.getDomProperty("value")) + 3;
        cap.sendKeys(Keys.chord(Keys.CONTROL, "a"), String.valueOf(newCap));
        // The one-click rule: A-accounts stay with today's KAM.
        driver.findElement(By.id("plan-keep-A")).click();
        driver.findElement(By.id("solve")).click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d -> "COMPLETED".equals(
                d.findElement(By.id("status")).getDomAttribute("data-status")) && d.findElement(By.id("solve")).isEnabled());
        assertThat(driver.findElements(By.cssSelector("#plan-settings .field-error"))).isEmpty();

        Matcher plan = PLAN_IN_ADDRESS.matcher(driver.getCurrentUrl());
        assertThat(plan.find()).as(driver.getCurrentUrl()).isTrue();
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(base + "/plans/" + plan.group(1))).header("Authorization", TestTokens.ADMIN_BEARER).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode stored = new ObjectMapper().readTree(response.body());
        assertThat(stored.get("settings").get("constraintWeights").get("Travel time").asLong()).isEqualTo(4);
        assertThat(stored.get("sectors").get(0).get("maxAccountsPerKam").asInt()).isEqualTo(newCap);
        assertThat(stored.get("settings").get("keepWithIncumbent")).extracting(JsonNode::asText).containsExactly("A");
        // The panel shows the plan as stored: the numbers it was solved with.
        assertThat(driver.findElement(By.id("plan-weight-" + TRAVEL_TIME)).getDomProperty("value")).isEqualTo("4");
        assertThat(driver.findElement(By.id("plan-keep-A")).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("plan-keep-B")).isSelected()).isFalse();
        assertThat(Browser.consoleErrors(driver)).isEmpty();
    }
}
