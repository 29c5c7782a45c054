package org.kamplanner.frontier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** POST /plans/{id}/frontier and GET /frontiers/{id} over a real port: the points, the words, the bad input. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class FrontierRestTest extends AdminRestTest {

    @Test
    void everyCapIsItsOwnStoredPlanAndTheStepsSayWhatTheyBuy() {
        String source = solvedDachSmall();
        ObjectNode body = mapper.createObjectNode();
        body.putArray("maxMovedAccounts").add(5).add(0).addNull();
        budgeted(body, 20_000);

        ResponseEntity<JsonNode> created = rest.postForEntity("/plans/{id}/frontier", body, JsonNode.class, source);

        assertThat(created.getStatusCode().value()).isEqualTo(202);
        String id = created.getBody().get("id").asText();
        assertThat(created.getHeaders().getLocation()).hasToString("/frontiers/" + id);
        JsonNode frontier = completed(id);
        assertThat(frontier.get("sourcePlanId").asText()).isEqualTo(source);
        List<JsonNode> points = new ArrayList<>();
        frontier.get("points").forEach(points::add);
        assertThat(points).extracting(p -> p.get("maxMovedAccounts").isNull() ? null : p.get("maxMovedAccounts").asInt())
                .containsExactly(0, 5, null);
        for (JsonNode point : points) {
            assertThat(point.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(point.get("handOvers").asInt()).isNotNegative();
            assertThat(point.get("utilizationMax").asDouble()).isGreaterThanOrEqualTo(point.get("utilizationMin").asDouble());
            assertThat(point.get("workloadPenalty").asLong()).isNotNegative();
            // A normal stored plan, from the source's incumbents, with the body's settings over the source's.
            JsonNode plan = rest.getForObject("/plans/{id}", JsonNode.class, point.get("planId").asText());
            assertThat(plan.get("settings").get("workBudget").asInt()).isEqualTo(20_000);
            JsonNode cap = plan.get("settings").path("maxMovedAccounts");
            assertThat(cap.isMissingNode() ? null : cap.asInt()).isEqualTo(
                    point.get("maxMovedAccounts").isNull() ? null : point.get("maxMovedAccounts").asInt());
            assertThat(plan.get("summary").get("handOvers")).isEqualTo(point.get("handOvers"));
            assertThat(plan.get("accounts")).anySatisfy(a -> assertThat(a.path("currentKamId").asText()).isNotBlank());
        }
        assertThat(frontier.get("steps")).hasSize(2);
        assertThat(frontier.get("steps").get(0).get("from").asInt()).isZero();
        assertThat(frontier.get("steps").get(1).get("to").isNull()).isTrue();
        assertThat(frontier.get("steps").get(0).get("sentence").asText())
                .matches("(\\d+ more|\\d+ fewer|as many) hand-overs: spread \\d+ → \\d+ points, workload penalty .* → .*");

        HttpHeaders german = new HttpHeaders();
        german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
        JsonNode inGerman = rest.exchange("/frontiers/{id}", HttpMethod.GET, new HttpEntity<>(german), JsonNode.class, id)
                .getBody();
        assertThat(inGerman.get("steps").get(0).get("sentence").asText()).contains("Übergabe", "Spanne");
    }

    @Test
    void withoutCapsTheUncappedPlanIsSolvedFirstAndTheCapsSpreadBelowItsHandOvers() {
        String source = solvedDachSmall();
        JsonNode frontier = completed(rest.postForObject("/plans/{id}/frontier", budgeted(mapper.createObjectNode(),
                10_000), JsonNode.class, source).get("id").asText());

        JsonNode points = frontier.get("points");
        JsonNode uncapped = points.get(points.size() - 1);
        assertThat(uncapped.get("maxMovedAccounts").isNull()).isTrue();
        int handOvers = uncapped.get("handOvers").asInt();
        List<Integer> caps = new ArrayList<>();
        for (int i = 0; i < points.size() - 1; i++) {
            caps.add(points.get(i).get("maxMovedAccounts").asInt());
        }
        assertThat(caps).isEqualTo(FrontierPlans.spread(handOvers));
        assertThat(points.size()).isBetween(1, 6);
    }

    @Test
    void aFrontierOfMorePointsThanTheClientsQuotaOfUnfinishedPlansIsNotRefused() {
        String source = solvedDachSmall();
        ObjectNode body = mapper.createObjectNode();
        // Seven points against the default quota of five unfinished plans a client (kam-planner.solver.*).
        body.putArray("maxMovedAccounts").add(0).add(1).add(2).add(3).add(4).add(5).addNull();
        budgeted(body, 5_000);

        ResponseEntity<JsonNode> created = rest.postForEntity("/plans/{id}/frontier", body, JsonNode.class, source);

        assertThat(created.getStatusCode().value()).isEqualTo(202);
        JsonNode frontier = completed(created.getBody().get("id").asText());
        assertThat(frontier.get("points")).hasSize(7).allSatisfy(point -> {
            assertThat(point.get("status").asText()).isEqualTo("COMPLETED");
            assertThat(point.get("planId").asText()).isNotBlank();
        });
        // The client's quota is free again for its own plans.
        assertThat(rest.postForEntity("/plans", budgeted(rest.getForObject("/demo-data/dach-small", ObjectNode.class),
                1_000), JsonNode.class).getStatusCode().value()).isEqualTo(202);
    }

    @Test
    void badCapsAreA400AtTheirPath() throws Exception {
        String source = solvedDachSmall();
        assertBadRequest(source, "{\"maxMovedAccounts\": [0, 10, -5]}", "maxMovedAccounts[2]", "-5");
        assertBadRequest(source, "{\"maxMovedAccounts\": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]}",
                "maxMovedAccounts", "12");
        assertBadRequest(source, "{\"maxMovedAccounts\": [0, 10.5]}", "maxMovedAccounts[1]", null);
        assertBadRequest(source, "{\"maxMovedAccounts\": [0, \"ten\"]}", "maxMovedAccounts[1]", null);
        assertBadRequest(source, "{\"maxMovedAccounts\": [10, 10]}", "maxMovedAccounts[1]", "twice");
        assertBadRequest(source, "{\"maxMovedAccounts\": []}", "maxMovedAccounts", null);
        assertBadRequest(source, "{\"settings\": {\"workBudget\": 0}}", "settings.workBudget", null);
    }

    @Test
    void aPlanWithoutIncumbentsIsA400AndAnUnknownPlanOrFrontierA404() throws Exception {
        String tiny = Files.readString(Path.of("src/test/resources/plans/tiny.json"))
                .replace(", \"currentKamId\": \"K1\"", "");
        String withoutIncumbents = rest.postForObject("/plans", json(tiny), JsonNode.class).get("id").asText();
        assertBadRequest(withoutIncumbents, "{\"maxMovedAccounts\": [0]}", "accounts[].currentKamId", "currentKamId");

        ResponseEntity<String> unknownPlan = rest.postForEntity("/plans/nope/frontier", json("{}"), String.class);
        assertThat(unknownPlan.getStatusCode().value()).isEqualTo(404);
        assertThat(unknownPlan.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        ResponseEntity<String> unknownFrontier = rest.getForEntity("/frontiers/nope", String.class);
        assertThat(unknownFrontier.getStatusCode().value()).isEqualTo(404);
        assertThat(unknownFrontier.getBody()).contains("nope").doesNotContain("Exception");
    }

    private JsonNode completed(String id) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).until(
                () -> rest.getForObject("/frontiers/{id}", JsonNode.class, id).get("status").asText(),
                "COMPLETED"::equals);
        return rest.getForObject("/frontiers/{id}", JsonNode.class, id);
    }

    private void assertBadRequest(String source, String body, String path, String inMessage) throws Exception {
        ResponseEntity<String> response = rest.postForEntity("/plans/{id}/frontier", json(body), String.class, source);
        assertThat(response.getStatusCode().value()).as(response.getBody()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody()).doesNotContain("java.", "Exception", "org.kamplanner");
        JsonNode error = mapper.readTree(response.getBody()).get("errors").get(0);
        assertThat(error.get("path").asText()).isEqualTo(path);
        if (inMessage != null) {
            assertThat(error.get("message").asText()).contains(inMessage);
        }
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
