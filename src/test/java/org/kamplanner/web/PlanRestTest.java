package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.kamplanner.ModelChecker;
import org.kamplanner.solver.KamConstraint;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/** The plan endpoints over a real HTTP port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PlanRestTest extends AdminRestTest {

    @Test
    void submitPollReadAndExplain() throws IOException {
        ObjectNode plan = budgeted(tinyPlan(), 20_000);

        ResponseEntity<JsonNode> submitted = rest.postForEntity("/plans", json(plan), JsonNode.class);
        assertThat(submitted.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = submitted.getBody().get("id").asText();
        assertThat(submitted.getHeaders().getLocation()).hasToString("/plans/" + id);
        assertThat(submitted.getBody().get("status").asText()).isIn("SCHEDULED", "SOLVING");

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
                () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                status -> status.equals("COMPLETED"));

        JsonNode document = rest.getForObject("/plans/{id}", JsonNode.class, id);
        assertThat(document.get("id").asText()).isEqualTo(id);
        assertThat(document.get("status").asText()).isEqualTo("COMPLETED");
        assertThat(document.get("feasible").asBoolean()).isTrue();
        assertThat(document.get("summary").get("assignedAccounts").asInt()).isEqualTo(4);
        assertThat(document.get("summary").get("unassignedAccounts").asInt()).isZero();
        for (JsonNode account : document.get("accounts")) {
            assertThat(account.hasNonNull("assignedKamId")).as(account.get("id").asText()).isTrue();
        }
        long loadSum = 0;
        for (JsonNode kam : document.get("kams")) {
            loadSum += kam.get("loadMinutes").asLong();
        }
        long workloadSum = 0;
        for (JsonNode account : document.get("accounts")) {
            workloadSum += account.get("workloadMinutes").asLong();
        }
        assertThat(loadSum).isEqualTo(workloadSum);

        JsonNode listed = rest.getForObject("/plans?limit=1000", JsonNode.class);
        assertThat(listed.findValuesAsText("id")).contains(id);

        JsonNode analysis = rest.getForObject("/plans/{id}/analysis", JsonNode.class, id);
        assertThat(analysis.get("score").asText()).isEqualTo(document.get("score").asText());
        assertThat(analysis.get("constraints")).hasSize(KamConstraint.values().length);
        HardMediumSoftLongScore sum = HardMediumSoftLongScore.ZERO;
        for (JsonNode constraint : analysis.get("constraints")) {
            sum = sum.add(HardMediumSoftLongScore.parseScore(constraint.get("score").asText()));
        }
        assertThat(sum).hasToString(document.get("score").asText());
    }

    @Test
    void dachMediumSolvedThroughTheApiIsFeasibleCompleteAndRecomputable() {
        ObjectNode plan = budgeted((ObjectNode) rest.getForObject("/demo-data/dach-medium", JsonNode.class), 200_000);

        String id = rest.postForEntity("/plans", json(plan), JsonNode.class).getBody().get("id").asText();
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(
                () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                status -> status.equals("COMPLETED"));

        JsonNode solved = rest.getForObject("/plans/{id}", JsonNode.class, id);
        assertThat(HardMediumSoftLongScore.parseScore(solved.get("score").asText()).hardScore()).isZero();
        assertThat(solved.get("summary").get("unassignedAccounts").asInt()).isZero();
        ModelChecker.assertConsistent(solved);
    }

    /**
     * By hand, from docs/model.md: K1 (München) has A1 (A, HIGH: 2400 × 150 × 100 / 10000 = 3600, plus
     * 24 × 2 × 30 / 12 = 120 travel) and A2 (B, ONBOARDING: 720, plus 12 × 2 × 240 / 12 = 480 over the
     * München–Wien override): load 4920. K2 (Wien) has A3 (C: 120 + 4 × 2 × 30 / 12 = 20) and the
     * remote A4 (B, LOW: 360, no travel): load 500. No hard or medium penalty.
     */
    @Test
    void analyzeScoresTheDocumentAsGiven() throws IOException {
        ObjectNode plan = tinyPlan();
        assign(plan, "K1", "K1", "K2", "K2");

        ResponseEntity<JsonNode> response = rest.exchange("/plans/analyze", HttpMethod.PUT, json(plan), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode analysis = response.getBody();
        // Soft: balance 4920²/7200 = 3362 and 500²/7200 = 34; travel 120 + 480 + 20 + 0 = 620;
        // A3 moves from K1 to K2: 200; affinity K2–A4 −500 is a bonus: −3362 − 34 − 620 − 200 + 500.
        assertThat(analysis.get("score").asText()).isEqualTo("0hard/0medium/-3716soft");
        JsonNode continuity = constraint(analysis, "Account continuity");
        assertThat(continuity.get("matchCount").asInt()).isEqualTo(1);
        assertThat(continuity.get("matches").get(0).get("justification").get("description").asText())
                .isEqualTo("C-account Beratung Huber moves from Anna Schmidt to Jonas Weber (penalty 200)");
        assertThat(constraint(analysis, "Travel time").get("score").asText()).isEqualTo("0hard/0medium/-620soft");
        assertThat(analysis.findValuesAsText("accountId")).contains("A1", "A2", "A3", "A4");
        assertThat(analysis.get("kams").findValuesAsText("kamId")).containsExactlyInAnyOrder("K1", "K2");
    }

    @Test
    void weightOverrideChangesTheScore() throws IOException {
        ObjectNode plan = tinyPlan();
        assign(plan, "K1", "K1", "K2", "K2");
        ((ObjectNode) plan.get("settings")).putObject("constraintWeights").put("Travel time", 2).put("Account affinity", 0);

        JsonNode analysis = rest.exchange("/plans/analyze", HttpMethod.PUT, json(plan), JsonNode.class).getBody();

        // −3362 − 34 − 2 × 620 − 200, no affinity bonus.
        assertThat(analysis.get("score").asText()).isEqualTo("0hard/0medium/-4836soft");
        assertThat(constraint(analysis, "Travel time").get("weight").asLong()).isEqualTo(2);
        assertThat(constraint(analysis, "Account affinity").get("weight").asLong()).isZero();
        assertThat(constraint(analysis, "Account affinity").get("matchCount").asInt()).isZero();
    }

    @Test
    void assignmentToAnInactiveKamIsClearedWithAWarning() throws IOException {
        ObjectNode plan = tinyPlan();
        assign(plan, "K1", "K1", "K2", "K2");
        ObjectNode third = ((com.fasterxml.jackson.databind.node.ArrayNode) plan.get("kams")).addObject();
        third.put("id", "K3").put("homeRegionId", "MUC").put("active", false);
        ((ObjectNode) plan.get("accounts").get(3)).put("assignedKamId", "K3");
        ((ObjectNode) plan.get("settings")).put("terminationSeconds", 60);

        String id = rest.postForEntity("/plans", json(plan), JsonNode.class).getBody().get("id").asText();
        JsonNode stopped = rest.exchange("/plans/{id}", HttpMethod.DELETE, null, JsonNode.class, id).getBody();

        assertThat(stopped.get("warnings").get(0).asText())
                .isEqualTo("accounts[3].assignedKamId: A4 is assigned to inactive KAM 'K3'; the assignment was cleared");
    }

    @Test
    void deleteStopsARunningSolveAndKeepsTheBestPlan() throws IOException {
        ObjectNode plan = tinyPlan();
        ((ObjectNode) plan.get("settings")).put("terminationSeconds", 600);
        String id = rest.postForEntity("/plans", json(plan), JsonNode.class).getBody().get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(
                () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                status -> status.equals("SOLVING"));

        ResponseEntity<JsonNode> stopped = rest.exchange("/plans/{id}", HttpMethod.DELETE, null, JsonNode.class, id);

        assertThat(stopped.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(stopped.getBody().get("status").asText()).isEqualTo("TERMINATED");
        assertThat(stopped.getBody().get("score").asText()).isNotEmpty();
        assertThat(rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText())
                .isEqualTo("TERMINATED");
    }

    @Test
    void workloadsTooLargeToScoreAreRejected() throws IOException {
        ObjectNode plan = tinyPlan();
        ObjectNode settings = (ObjectNode) plan.get("settings");
        // Each value within its own cap, together too much: base(A1) = 100000 × 1000 × 1000 / 10000 = 10⁷.
        settings.putObject("tierMinutes").put("A", 100000);
        settings.putObject("complexityPercent").put("HIGH", 1000);
        settings.putObject("phasePercent").put("ESTABLISHED", 1000);
        settings.putObject("constraintWeights").put("Balanced workload", 1000000);

        ResponseEntity<JsonNode> response = rest.exchange("/plans/analyze", HttpMethod.PUT, json(plan), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody().get("errors").get(0).get("path").asText()).isEqualTo("accounts");
        assertThat(response.getBody().get("errors").get(0).get("message").asText()).contains("more than the score can count");
        assertThat(rest.postForEntity("/plans", json(plan), JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    @Test
    void unknownPlanIs404ProblemJson() {
        for (String path : List.of("/plans/nope", "/plans/nope/status", "/plans/nope/analysis")) {
            ResponseEntity<JsonNode> response = rest.getForEntity(path, JsonNode.class);
            assertThat(response.getStatusCode()).as(path).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(response.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody().get("detail").asText()).contains("nope");
        }
        assertThat(rest.exchange("/plans/nope", HttpMethod.DELETE, null, JsonNode.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void demoDataIsServed() {
        List<String> names = new ArrayList<>();
        rest.getForObject("/demo-data", JsonNode.class).forEach(n -> names.add(n.asText()));
        assertThat(names).contains("dach-small", "dach-medium", "dach-large", "dach-xl", "dach-overfull",
                "dach-overfull-small", "dach-overfull-medium");

        JsonNode small = rest.getForObject("/demo-data/dach-small", JsonNode.class);
        assertThat(small.get("kams")).hasSize(5);
        assertThat(small.get("accounts")).hasSize(60);
        assertThat(rest.getForEntity("/demo-data/nope", JsonNode.class).getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void openApiDescribesThePlanEndpoints() {
        JsonNode api = rest.getForObject("/v3/api-docs", JsonNode.class);
        assertThat(api.get("paths").has("/plans")).isTrue();
        assertThat(api.get("paths").has("/plans/{id}/analysis")).isTrue();
    }

    private ObjectNode tinyPlan() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/plans/tiny.json")) {
            return (ObjectNode) mapper.readTree(in);
        }
    }

    private static void assign(ObjectNode plan, String... kamIds) {
        for (int i = 0; i < kamIds.length; i++) {
            ((ObjectNode) plan.get("accounts").get(i)).put("assignedKamId", kamIds[i]);
        }
    }

    private static JsonNode constraint(JsonNode analysis, String name) {
        for (JsonNode constraint : analysis.get("constraints")) {
            if (constraint.get("name").asText().equals(name)) {
                return constraint;
            }
        }
        throw new AssertionError("no constraint " + name);
    }

    private static HttpEntity<JsonNode> json(JsonNode body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
