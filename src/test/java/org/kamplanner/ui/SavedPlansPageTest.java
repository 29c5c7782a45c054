package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.kamplanner.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The page as a planner's workspace: a stored plan opened by its link (the same view), kept over a
 * reload, opened from the "Plans" list, and back and forward between plans.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SavedPlansPageTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

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
    void aStoredPlanOpensByItsLinkAndStaysOverAReload() throws Exception {
        String base = "http://localhost:" + port;
        String first = solved(base, "dach-small", "Plan of the first");
        String second = solved(base, "dach-small", "Plan of the second");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));

        // A colleague's link: the plan, in the map view.
        driver.get(base + "/#/plans/" + first + "/map");
        Browser.signIn(driver, TestTokens.ADMIN);
        wait.until(d -> first.equals(driver.executeScript("return kamPlanner.planId()")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-name"), "Plan of the first · 5 KAMs · 60 accounts"));
        assertThat(driver.findElement(By.id("tab-map")).getAttribute("aria-selected")).isEqualTo("true");
        assertThat(driver.findElement(By.id("view-map")).isDisplayed()).isTrue();
        wait.until(ExpectedConditions.textToBe(By.id("status"), "COMPLETED"));
        assertThat(driver.findElement(By.id("score")).getText()).startsWith("0hard/");

        // A reload keeps the plan and the view (the token stays in this tab).
        driver.navigate().refresh();
        wait.until(d -> first.equals(driver.executeScript("return kamPlanner.planId()")));
        wait.until(ExpectedConditions.attributeToBe(By.id("tab-map"), "aria-selected", "true"));

        // The plans list: filter, sort, open the other plan.
        driver.findElement(By.id("open-plans")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#plan-table tr[data-plan='" + second + "']")));
        assertThat(driver.getCurrentUrl()).endsWith("#/plans/" + first + "/plans");
        assertThat(driver.findElement(By.cssSelector("#plan-table tr[data-plan='" + first + "'] a.plan-link"))
                .getAttribute("aria-current")).isEqualTo("page");
        WebElement row = driver.findElement(By.cssSelector("#plan-table tr[data-plan='" + second + "']"));
        assertThat(row.getText()).contains("Plan of the second", "COMPLETED", "yes");
        driver.findElement(By.id("plan-filter")).sendKeys("of the second");
        assertThat(driver.findElements(By.cssSelector("#plan-table tbody tr"))).hasSize(1);
        driver.findElement(By.cssSelector("#plan-table button[data-sort=score]")).click();
        assertThat(driver.findElement(By.xpath("//button[@data-sort='score']/..")).getAttribute("aria-sort"))
                .isEqualTo("ascending");
        driver.findElement(By.cssSelector("#plan-table tr[data-plan='" + second + "'] a.plan-link")).click();
        wait.until(d -> second.equals(driver.executeScript("return kamPlanner.planId()")));
        wait.until(ExpectedConditions.attributeToBe(By.id("tab-portfolio"), "aria-selected", "true"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-name"), "Plan of the second"));
        assertThat(driver.getCurrentUrl()).endsWith("#/plans/" + second + "/portfolio");

        // Back and forward step between the two plans.
        driver.navigate().back();
        wait.until(d -> first.equals(driver.executeScript("return kamPlanner.planId()")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-name"), "Plan of the first"));
        driver.navigate().forward();
        wait.until(d -> second.equals(driver.executeScript("return kamPlanner.planId()")));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-name"), "Plan of the second"));
        assertThat(Browser.consoleErrors(driver)).isEmpty();
        assertThat(Browser.cspViolations(driver)).isEmpty();
    }

    /** Submits a bundled dataset under a name, solved for a second, and waits until it is done. */
    static String solved(String base, String dataset, String name) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        ObjectNode plan = (ObjectNode) MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/demo-data/" + dataset))
                .header("Authorization", TestTokens.ADMIN_BEARER).build(), HttpResponse.BodyHandlers.ofString()).body());
        return submit(base, plan.put("name", name), http);
    }

    static String submit(String base, ObjectNode plan, HttpClient http) throws IOException, InterruptedException {
        plan.putObject("settings").put("terminationSeconds", 1);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/plans"))
                .header("Authorization", TestTokens.ADMIN_BEARER)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(plan))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String id = MAPPER.readTree(response.body()).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> "COMPLETED".equals(
                MAPPER.readTree(http.send(HttpRequest.newBuilder(URI.create(base + "/plans/" + id + "/status"))
                        .header("Authorization", TestTokens.ADMIN_BEARER).build(), HttpResponse.BodyHandlers.ofString())
                        .body()).path("status").asText()));
        return id;
    }
}
