package org.kamplanner.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kamplanner.TestTokens;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The map of a plan anywhere: regions in Europe (the crowded Benelux), the Americas and Asia lie on the
 * bundled world outline, the view is fitted to them, no two region labels overlap, 1,200 accounts are
 * drawn on a canvas and clustered with counts, a selected KAM's territory and accounts are highlighted,
 * and the accounts that moved from their current KAM have a layer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MapPageTest extends BrowserPage {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** id, name, latitude, longitude: three continents, four cities close together. */
    private static final Object[][] REGIONS = {
        { "AMS", "Amsterdam", 52.37, 4.90 }, { "RTM", "Rotterdam", 51.92, 4.48 }, { "ANR", "Antwerpen", 51.22, 4.40 },
        { "BRU", "Bruxelles", 50.85, 4.35 }, { "NYC", "New York", 40.71, -74.01 }, { "TOR", "Toronto", 43.65, -79.38 },
        { "SAO", "São Paulo", -23.55, -46.63 }, { "TYO", "Tokyo", 35.68, 139.69 }, { "SIN", "Singapore", 1.35, 103.82 } };
    private static final int KAMS = 12;
    private static final int ACCOUNTS = 1200;
    private static final int MOVED = 100;

    @Test
    @SuppressWarnings("unchecked")
    void aPlanOnThreeContinentsLiesOnTheWorldOutline() throws Exception {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        driver.get("http://localhost:" + port + "/");
        Browser.signIn(driver, TestTokens.ADMIN);
        wait.until(ExpectedConditions.attributeToBe(By.id("dataset"), "value", "dach-small"));
        Path file = Files.createTempFile("world", ".json");
        Files.writeString(file, MAPPER.writeValueAsString(worldPlan()));
        driver.findElement(By.id("json-file")).sendKeys(file.toString());
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("plan-name"), KAMS + " KAMs · " + ACCOUNTS + " accounts"));

        driver.findElement(By.id("tab-map")).click();
        wait.until(d -> driver.executeScript("const m = kamPlanner.map(); return m && m.accounts === " + ACCOUNTS) == Boolean.TRUE);
        Map<String, Object> map = (Map<String, Object>) driver.executeScript("return kamPlanner.map()");
        assertThat(((Number) map.get("countries")).intValue()).isGreaterThan(200);
        assertThat(map).containsEntry("clustered", true).containsEntry("canvas", true);
        // The view holds every region, from Toronto to Tokyo and from Amsterdam to São Paulo.
        Map<String, Number> bounds = (Map<String, Number>) map.get("bounds");
        for (Object[] region : REGIONS) {
            double lat = (Double) region[2];
            double lng = (Double) region[3];
            assertThat(lat).as((String) region[1]).isBetween(bounds.get("south").doubleValue(), bounds.get("north").doubleValue());
            assertThat(lng).as((String) region[1]).isBetween(bounds.get("west").doubleValue(), bounds.get("east").doubleValue());
        }

        // Every account is in a cluster whose count says how many.
        // Read in one snapshot: the cluster layer replaces its icons whenever the map's view settles.
        List<String> counts = wait.until(d -> {
            List<String> shownCounts = (List<String>) driver.executeScript(
                    "return [...document.querySelectorAll('#map .account-cluster')].map((c) => c.textContent);");
            return shownCounts.isEmpty() ? null : shownCounts;
        });
        assertThat(counts.stream().mapToInt(c -> Integer.parseInt(c.trim())).sum()).isEqualTo(ACCOUNTS);

        // The labels shown never overlap; at the zoom of the whole world the Benelux cities share one place.
        assertThat(((Number) map.get("labelsHidden")).intValue()).isPositive();
        // Labels are decluttered again on every zoom: the count and the boxes are read together, once the
        // map has settled (the same count twice in one snapshot).
        List<Map<String, Number>> shown = wait.until(d -> {
            Map<String, Object> snapshot = (Map<String, Object>) driver.executeScript("""
                    const labels = [...document.querySelectorAll('#map .region-label:not(.label-hidden)')].map((l) => {
                      const r = l.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top, bottom: r.bottom}; });
                    return {shown: kamPlanner.map().labelsShown, labels};""");
            List<Map<String, Number>> labels = (List<Map<String, Number>>) snapshot.get("labels");
            return labels.size() == ((Number) snapshot.get("shown")).intValue() ? labels : null;
        });
        assertThat(shown).hasSizeGreaterThanOrEqualTo(5);
        for (int i = 0; i < shown.size(); i++) {
            for (int j = i + 1; j < shown.size(); j++) {
                assertThat(overlap(shown.get(i), shown.get(j))).as("labels %d and %d overlap", i, j).isFalse();
            }
        }
        assertThat(driver.findElement(By.cssSelector("#map-layers input[data-layer=moved]")).isSelected()).isFalse();
        assertThat(map.get("moved")).isEqualTo((long) MOVED);
        Browser.screenshot(driver, "map-world");

        // Selecting a KAM in the portfolio highlights its accounts on the map.
        driver.findElement(By.id("tab-portfolio")).click();
        driver.findElement(By.cssSelector("#kam-table tr[data-kam=K01] .kam-name")).click();
        driver.findElement(By.id("tab-map")).click();
        long ofK01 = (Long) driver.executeScript("return kamPlanner.doc().accounts.filter((a) => a.assignedKamId === 'K01').length");
        assertThat(ofK01).isPositive();
        wait.until(d -> driver.executeScript("return kamPlanner.map().highlighted") instanceof Long n && n == ofK01);
        driver.findElement(By.cssSelector("#map-layers input[data-layer=moved]")).click();
        assertThat((Map<String, Object>) ((Map<String, Object>) driver.executeScript("return kamPlanner.map()")).get("visible"))
                .containsEntry("moved", true);
        Browser.screenshot(driver, "map-world-selected");
        assertThat(Browser.consoleErrors(driver)).isEmpty();
        assertThat(Browser.cspViolations(driver)).isEmpty();
    }

    private static boolean overlap(Map<String, Number> a, Map<String, Number> b) {
        return a.get("left").doubleValue() < b.get("right").doubleValue() && a.get("right").doubleValue() > b.get("left").doubleValue()
                && a.get("top").doubleValue() < b.get("bottom").doubleValue() && a.get("bottom").doubleValue() > b.get("top").doubleValue();
    }

    /** Twelve KAMs and 1,200 accounts over the regions; the last MOVED accounts have a new KAM. */
    private static ObjectNode worldPlan() {
        ObjectNode plan = MAPPER.createObjectNode();
        plan.put("name", "Three continents");
        plan.putArray("sectors").addObject().put("id", "TECH").put("name", "Technology").put("maxAccountsPerKam", 500);
        ArrayNode regions = plan.putArray("regions");
        for (Object[] r : REGIONS) {
            regions.addObject().put("id", (String) r[0]).put("name", (String) r[1]).put("latitude", (Double) r[2]).put("longitude", (Double) r[3]);
        }
        ArrayNode kams = plan.putArray("kams");
        for (int k = 1; k <= KAMS; k++) {
            kams.addObject().put("id", "K%02d".formatted(k)).put("name", "KAM " + k)
                    .put("homeRegionId", (String) REGIONS[k % REGIONS.length][0]).put("experienceYears", 5)
                    .put("capacityMinutes", 9600).putArray("sectorIds").add("TECH");
        }
        ArrayNode accounts = plan.putArray("accounts");
        for (int a = 0; a < ACCOUNTS; a++) {
            String kam = "K%02d".formatted(a % KAMS + 1);
            String current = a >= ACCOUNTS - MOVED ? "K%02d".formatted((a + 1) % KAMS + 1) : kam;
            accounts.addObject().put("id", "A%04d".formatted(a)).put("name", "Account " + a).put("sectorId", "TECH")
                    .put("regionId", (String) REGIONS[a % REGIONS.length][0]).put("tier", "ABC".substring(a % 3, a % 3 + 1))
                    .put("currentKamId", current).put("assignedKamId", kam);
        }
        return plan;
    }
}
