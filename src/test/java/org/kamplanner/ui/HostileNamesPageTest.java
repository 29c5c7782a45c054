package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.kamplanner.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Stored XSS: a plan whose every name is a script injection goes in through the API, and the
 * page shows it in every view (portfolio, an account's explanation and recommendations, the map with
 * its tooltips, the explanation, a rebalance's moves, the comparison) as text. No payload runs
 * ({@code window.__xss} stays undefined), none becomes an element, and the Content-Security-Policy is
 * never even tested: no violation, no console error.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileNamesPageTest extends BrowserPage {

    private static final String IMG = "<img src=x onerror=window.__xss=1>";
    private static final String SCRIPT = "\"><script>window.__xss=1</script>";
    private static final String JS_URL = "javascript:window.__xss=1";
    private static final String SVG = "'><svg onload=window.__xss=1>";
    private static final String IFRAME = "<iframe src=javascript:window.__xss=1></iframe>";
    private static final String HANDLER = "\" autofocus onfocus=window.__xss=1 x=\"";
    /**
     * Ids hold only letters, digits and . _ - : since issue 30 (document.Names), so no markup: the nearest
     * an id comes to a payload is a javascript: scheme without its script.
     */
    private static final String JS_ID = "javascript:window.__xss";
    private static final List<String> ACCOUNT_IDS = List.of("A1", "A2", JS_ID, "A4", "A5", "A6");

    private static final Duration SOLVE_WAIT = Duration.ofSeconds(60);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everyViewShowsHostileNamesAsText() throws Exception {
        String base = "http://localhost:" + port;
        ObjectNode plan = hostilePlan();
        // Stored through the API, as any client could: the compare view lists it.
        String storedId = submit(base, plan);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(10));

        driver.get(base + "/");
        Browser.signIn(driver, TestTokens.ADMIN);
        wait.until(ExpectedConditions.attributeToBe(By.id("dataset"), "value", "dach-small"));
        Path file = Files.createTempFile("hostile", ".json");
        Files.writeString(file, MAPPER.writeValueAsString(plan));
        driver.findElement(By.id("json-file")).sendKeys(file.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-name"), "3 KAMs · 6 accounts"));
        assertThat(text("plan-name")).startsWith(plan.get("name").asText());
        driver.findElement(By.id("seconds")).clear();
        driver.findElement(By.id("seconds")).sendKeys("2");
        driver.findElement(By.id("solve")).click();
        solved();

        // Portfolio: every KAM's accounts, an account's explanation and its recommended KAMs.
        List<WebElement> kamRows = driver.findElements(By.cssSelector("#kam-table tbody tr[data-kam]"));
        assertThat(kamRows).hasSizeGreaterThanOrEqualTo(3);
        assertThat(driver.findElement(By.id("kam-table")).getText()).contains(IMG, SCRIPT, SVG);
        // Selecting a KAM draws the table again: a row found before a click is stale after it, so each
        // click finds its row afresh until it lands.
        for (int i = 0; i < 3; i++) {
            int row = i;
            wait.ignoring(StaleElementReferenceException.class).until(d -> {
                d.findElements(By.cssSelector("#kam-table tbody tr[data-kam] .kam-name")).get(row).click();
                return d.findElement(By.id("kam-detail")).getText().contains("Expertise:");
            });
        }
        wait.ignoring(StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector("#kam-table tbody tr[data-kam] .kam-name")).click();
            return true;
        });
        wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector("#account-table button.recommend"))).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#recommendations li.recommendation"), 0));
        assertThat(driver.findElement(By.id("recommendations")).getText()).contains("Best KAMs for ");
        driver.findElement(By.cssSelector("#account-table .account-name")).click();
        wait.until(ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#account-explanation .alternatives li"), 0));
        assertThat(text("account-explanation")).contains("its share of the score is");
        assertThat(text("share-title")).containsAnyOf(ACCOUNT_IDS.toArray(String[]::new));
        assertNothingRan("portfolio and account explanation");

        // Explanation: every constraint opened to its sentences, which name KAMs and accounts.
        driver.findElement(By.xpath("//button[text()='Show the whole plan']")).click();
        List<WebElement> summaries = wait.until(
                ExpectedConditions.numberOfElementsToBeMoreThan(By.cssSelector("#constraints details summary"), 0));
        summaries.forEach(WebElement::click);
        assertThat(driver.findElement(By.id("constraints")).getText()).contains(IMG);
        Browser.screenshot(driver, "hostile-explanation");
        assertNothingRan("explanation");

        // Map: the region labels, and the tooltip of every KAM home and every account dot.
        driver.findElement(By.id("tab-map")).click();
        wait.until(ExpectedConditions.numberOfElementsToBe(By.cssSelector("#map .kam-home"), 3));
        assertThat(driver.findElements(By.cssSelector("#map .region-label"))).extracting(WebElement::getText)
                .contains(IMG, SCRIPT);
        Set<String> tooltips = new LinkedHashSet<>();
        List<WebElement> hoverable = new ArrayList<>(driver.findElements(By.cssSelector("#map .kam-home")));
        hoverable.addAll(driver.findElements(By.cssSelector("#map path.leaflet-interactive[fill-opacity='0.9']")));
        for (WebElement marker : hoverable) {
            new Actions(driver).moveToElement(marker).perform();
            // Read in one go: leaflet removes a tooltip as soon as the pointer leaves its marker.
            @SuppressWarnings("unchecked")
            List<List<String>> shown = (List<List<String>>) driver.executeScript("""
                    return [...document.querySelectorAll('#map .leaflet-tooltip:not(.region-label)')]
                        .map((t) => [t.textContent, ...[...t.querySelectorAll('*')].map((e) => e.tagName)]);""");
            for (List<String> tooltip : shown) {
                // A tooltip holds one span of text, nothing the payload could have made.
                assertThat(tooltip.subList(1, tooltip.size())).as(tooltip.get(0)).containsExactly("SPAN");
                tooltips.add(tooltip.get(0));
            }
        }
        assertThat(String.join("\n", tooltips)).contains(IMG + " (K3), home ", "(" + JS_ID + ") → ", IMG + " (A1)");
        Browser.screenshot(driver, "hostile-map");
        assertNothingRan("map");

        // A KAM leaves: the rebalanced plan's moves, then both plans compared.
        driver.findElement(By.id("tab-portfolio")).click();
        driver.findElement(By.cssSelector("#kam-table tbody tr[data-kam] button.kam-leaves")).click();
        new WebDriverWait(driver, SOLVE_WAIT).until(ExpectedConditions.visibilityOfElementLocated(By.id("moves-title")));
        solved();
        assertThat(text("moves-title")).contains(" leaves: ");
        driver.findElement(By.id("compare-original")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("compare-table")));
        assertThat(driver.findElements(By.cssSelector("#compare-a option"))).extracting(WebElement::getText)
                .anySatisfy(option -> assertThat(option).startsWith(plan.get("name").asText()));
        assertThat(driver.findElements(By.cssSelector("#compare-a option"))).extracting(o -> o.getAttribute("value"))
                .contains(storedId);
        Browser.screenshot(driver, "hostile-compare");
        assertNothingRan("moves and compare");
    }

    /** No payload ran or became an element, no CSP violation, no console error. */
    private void assertNothingRan(String where) {
        assertThat(driver.executeScript("return typeof window.__xss")).as(where).isEqualTo("undefined");
        assertThat(Browser.cspViolations(driver)).as(where).isEmpty();
        assertThat(Browser.consoleErrors(driver)).as(where).isEmpty();
        // The page's four scripts and nothing else; no frame, no image but the map's, no inline handler, no javascript: link.
        assertThat(driver.findElements(By.tagName("script"))).as(where).hasSize(4);
        assertThat(driver.findElements(By.cssSelector("iframe, img[src=x], svg[onload], a[href^='javascript:']"))).as(where).isEmpty();
        assertThat(driver.executeScript("return [...document.querySelectorAll('*')].filter("
                + "e => [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).map(e => e.outerHTML)"))
                .as(where).asList().isEmpty();
    }

    private void solved() {
        new WebDriverWait(driver, SOLVE_WAIT).until(d -> "COMPLETED".equals(d.findElement(By.id("status")).getDomAttribute("data-status"))
                && d.findElement(By.id("solve")).isEnabled());
    }

    private String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    private static String submit(String base, ObjectNode plan) throws IOException, InterruptedException {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + "/plans"))
                .header("Authorization", TestTokens.ADMIN_BEARER)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(MAPPER.writeValueAsString(plan))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return MAPPER.readTree(response.body()).get("id").asText();
    }

    /** Three KAMs, six accounts, two regions and sectors: every name is a payload. */
    private static ObjectNode hostilePlan() {
        ObjectNode plan = MAPPER.createObjectNode();
        plan.put("name", IMG + " plan " + SCRIPT);
        plan.putObject("settings").put("terminationSeconds", 2);
        String[] sectors = { "S1", JS_ID };
        String[] regions = { "R1", "R2" };
        String[] kams = { "K1", JS_ID, "K3" };
        ArrayNode sectorList = plan.putArray("sectors");
        sectorList.addObject().put("id", sectors[0]).put("name", SCRIPT).put("maxAccountsPerKam", 10);
        sectorList.addObject().put("id", sectors[1]).put("name", IMG).put("maxAccountsPerKam", 10);
        ArrayNode regionList = plan.putArray("regions");
        regionList.addObject().put("id", regions[0]).put("name", IMG).put("latitude", 48.137).put("longitude", 11.575);
        regionList.addObject().put("id", regions[1]).put("name", SCRIPT).put("latitude", 48.208).put("longitude", 16.373);
        plan.putArray("travelOverrides");
        plan.putArray("forbiddenPairs").addObject().put("kamId", kams[0]).put("accountId", ACCOUNT_IDS.get(2))
                .put("reason", IFRAME);
        plan.putArray("affinities").addObject().put("kamId", kams[1]).put("accountId", ACCOUNT_IDS.get(3))
                .put("penalty", -500);
        ArrayNode kamList = plan.putArray("kams");
        String[] kamNames = { SCRIPT, SVG + HANDLER, IMG };
        for (int k = 0; k < kams.length; k++) {
            ObjectNode kam = kamList.addObject().put("id", kams[k]).put("name", kamNames[k])
                    .put("homeRegionId", regions[k % 2]).put("experienceYears", 8).put("capacityMinutes", 7200);
            kam.putArray("sectorIds").add(sectors[k % 2]);
        }
        ArrayNode accountList = plan.putArray("accounts");
        String[] names = { IMG, SCRIPT, JS_URL, SVG, IFRAME, HANDLER };
        String[] tiers = { "A", "B", "C" };
        for (int a = 0; a < ACCOUNT_IDS.size(); a++) {
            ObjectNode account = accountList.addObject().put("id", ACCOUNT_IDS.get(a)).put("name", names[a])
                    .put("sectorId", sectors[a % 2]).put("regionId", regions[a % 2]).put("tier", tiers[a % 3]);
            if (a < 3) {
                account.put("currentKamId", kams[a]);
            }
        }
        return plan;
    }
}
