package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.kamplanner.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A plan's sign-off on the page, each step offered only to a role that may take it (GET /me): a planner
 * proposes a solved draft and sees no approve form; an approver sees no propose button and approves it
 * with an effective date.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApprovalPageTest extends BrowserPage {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void aPlannerProposesAndAnApproverApprovesEachSeeingOnlyTheirStep() throws Exception {
        String base = "http://localhost:" + port;
        String id = SavedPlansPageTest.solved(base, "dach-small", "Plan to sign off");
        String planner = token(base, "page planner", "PLANNER");
        String approver = token(base, "page approver", "APPROVER");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

        driver.get(base + "/#/plans/" + id + "/portfolio");
        Browser.signIn(driver, planner);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("approval-state"), "draft"));
        wait.until(ExpectedConditions.elementToBeClickable(By.id("propose"))).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("approval-state"), "proposed"));
        assertThat(driver.findElement(By.id("approve-form")).isDisplayed()).as("a planner may not approve").isFalse();

        // Another person at the same page: a fresh sign-in.
        driver.executeScript("sessionStorage.clear(); localStorage.clear();");
        driver.navigate().refresh();
        Browser.signIn(driver, approver);
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("approval-state"), "proposed"));
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("approve-form")));
        assertThat(driver.findElement(By.id("propose")).isDisplayed()).isFalse();
        Axe.assertNoSeriousViolations(driver, "the approval box");
        driver.executeScript("document.getElementById('effective-from').value = '2027-01-01';");
        driver.findElement(By.id("approve")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("approval-state"), "approved"));
        assertThat(driver.findElement(By.id("approval-detail")).getText()).contains("page approver", "2027-01-01");
        assertThat(Browser.consoleErrors(driver)).isEmpty();
    }

    /** A new token of this role, made with the admin token: its secret. */
    private static String token(String base, String name, String role) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/admin/tokens"))
                .header("Authorization", TestTokens.ADMIN_BEARER).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\": \"" + name + "\", \"role\": \"" + role + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return MAPPER.readTree(response.body()).get("token").asText();
    }
}
