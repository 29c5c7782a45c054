package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
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

/** Summary analysis, account explanations, recommendations and adding an account, over a real port. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountRestTest extends AdminRestTest {

    @Test
    void explainRecommendAndAddOnASolvedPlan() throws IOException {
        String id = solvedTinyPlan();

        JsonNode summary = rest.getForObject("/plans/{id}/analysis?fetch=summary", JsonNode.class, id);
        assertThat(summary.get("fetch").asText()).isEqualTo("summary");
        assertThat(summary.get("constraints")).hasSize(KamConstraint.values().length);
        assertThat(summary.get("constraints").get(0).has("matches")).isFalse();
        assertThat(summary.has("kams")).isFalse();
        JsonNode full = rest.getForObject("/plans/{id}/analysis", JsonNode.class, id);
        assertThat(summary.get("score")).isEqualTo(full.get("score"));
        ResponseEntity<JsonNode> badFetch = rest.getForEntity("/plans/{id}/analysis?fetch=some", JsonNode.class, id);
        assertProblem(badFetch, HttpStatus.BAD_REQUEST);
        assertThat(badFetch.getBody().get("errors").get(0).get("path").asText()).isEqualTo("fetch");

        JsonNode explanation = rest.getForObject("/plans/{id}/accounts/A1/explanation", JsonNode.class, id);
        assertThat(explanation.get("kamId").asText()).isEqualTo("K1");
        assertThat(explanation.get("score").asText()).isEqualTo("0hard/0medium/-120soft");
        assertThat(explanation.get("alternatives").get(0).get("explanation").asText())
                .startsWith("Moving Solarwerk GmbH from Anna Schmidt to Jonas Weber would cost 2 hard");
        assertProblem(rest.getForEntity("/plans/{id}/accounts/NOPE/explanation", JsonNode.class, id),
                HttpStatus.NOT_FOUND);
        assertProblem(rest.getForEntity("/plans/no-such-plan/accounts/A1/explanation", JsonNode.class),
                HttpStatus.NOT_FOUND);

        ResponseEntity<JsonNode> forExisting = rest.postForEntity("/plans/{id}/recommendations",
                json(mapper.createObjectNode().put("accountId", "A3")), JsonNode.class, id);
        assertThat(forExisting.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(forExisting.getBody().findValuesAsText("kamId")).containsExactly("K2", "K1");
        assertThat(forExisting.getBody().get(0).get("kamName").asText()).isEqualTo("Jonas Weber");
        assertThat(forExisting.getBody().get(0).get("constraints").isArray()).isTrue();

        ObjectNode newAccount = mapper.createObjectNode().put("id", "A5").put("name", "Sonnenstrom KG")
                .put("sectorId", "SERVICES").put("regionId", "VIE").put("tier", "C");
        ResponseEntity<JsonNode> forNew = rest.postForEntity("/plans/{id}/recommendations",
                json(mapper.createObjectNode().set("account", newAccount)), JsonNode.class, id);
        assertThat(forNew.getBody().get(0).get("explanation").asText()).isEqualTo(
                "Assigning Sonnenstrom KG to Jonas Weber would save 1 medium and cost 42 soft:"
                        + " +22 balance, +20 travel, \u22121 medium unassigned");
        assertThat(rest.getForObject("/plans/{id}", JsonNode.class, id).get("accounts")).hasSize(4);

        ObjectNode badAccount = newAccount.deepCopy().put("sectorId", "GREENTCH");
        ResponseEntity<JsonNode> invalid = rest.postForEntity("/plans/{id}/recommendations",
                json(mapper.createObjectNode().set("account", badAccount)), JsonNode.class, id);
        assertProblem(invalid, HttpStatus.BAD_REQUEST);
        assertThat(invalid.getBody().get("errors").get(0).get("path").asText()).isEqualTo("account.sectorId");
        assertProblem(rest.postForEntity("/plans/{id}/recommendations", json(mapper.createObjectNode()),
                JsonNode.class, id), HttpStatus.BAD_REQUEST);
        assertProblem(rest.postForEntity("/plans/{id}/recommendations",
                json(mapper.createObjectNode().put("accountId", "NOPE")), JsonNode.class, id), HttpStatus.NOT_FOUND);

        ResponseEntity<JsonNode> unknownKam = rest.postForEntity("/plans/{id}/accounts",
                json(addRequest(newAccount, "K9")), JsonNode.class, id);
        assertProblem(unknownKam, HttpStatus.BAD_REQUEST);
        assertThat(unknownKam.getBody().get("errors").get(0).get("path").asText()).isEqualTo("kamId");
        ResponseEntity<JsonNode> duplicate = rest.postForEntity("/plans/{id}/accounts",
                json(addRequest(newAccount.deepCopy().put("id", "A1"), "K2")), JsonNode.class, id);
        assertProblem(duplicate, HttpStatus.BAD_REQUEST);
        assertThat(duplicate.getBody().get("errors").get(0).get("path").asText()).isEqualTo("account.id");

        String scoreBefore = rest.getForObject("/plans/{id}", JsonNode.class, id).get("score").asText();
        ResponseEntity<JsonNode> added = rest.postForEntity("/plans/{id}/accounts", json(addRequest(newAccount, "K2")),
                JsonNode.class, id);
        assertThat(added.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode document = rest.getForObject("/plans/{id}", JsonNode.class, id);
        assertThat(document.get("accounts")).hasSize(5);
        JsonNode a5 = document.get("accounts").get(4);
        assertThat(a5.get("id").asText()).isEqualTo("A5");
        assertThat(a5.get("assignedKamId").asText()).isEqualTo("K2");
        assertThat(a5.get("travelMinutes").asInt()).isEqualTo(20);
        // The new score is the old one plus what the recommendation promised for Jonas.
        assertThat(ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore
                .parseScore(document.get("score").asText()))
                .isEqualTo(ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore
                        .parseScore(scoreBefore).add(ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong
                                .HardMediumSoftLongScore.parseScore("0hard/0medium/-42soft")));
        assertThat(rest.getForObject("/plans/{id}/analysis", JsonNode.class, id).get("score").asText())
                .isEqualTo(document.get("score").asText());
    }

    /** Accept-Language: de gives the same numbers in German sentences and errors; the JSON stays the same. */
    @Test
    void germanSentencesAndErrors() throws IOException {
        String id = solvedTinyPlan();
        HttpHeaders german = new HttpHeaders();
        german.setContentType(MediaType.APPLICATION_JSON);
        german.set(HttpHeaders.ACCEPT_LANGUAGE, "de-DE,de;q=0.9,en;q=0.5");

        JsonNode explanation = rest.exchange("/plans/{id}/accounts/A1/explanation", HttpMethod.GET,
                new HttpEntity<>(german), JsonNode.class, id).getBody();
        assertThat(explanation.get("score").asText()).isEqualTo("0hard/0medium/-120soft");
        assertThat(explanation.get("alternatives").get(0).get("explanation").asText())
                .startsWith("Solarwerk GmbH von Anna Schmidt zu Jonas Weber zu verschieben würde 2 hard");

        ObjectNode newAccount = mapper.createObjectNode().put("id", "A5").put("name", "Sonnenstrom KG")
                .put("sectorId", "SERVICES").put("regionId", "VIE").put("tier", "C");
        JsonNode forNew = rest.exchange("/plans/{id}/recommendations", HttpMethod.POST,
                new HttpEntity<>(mapper.createObjectNode().set("account", newAccount), german), JsonNode.class, id)
                .getBody();
        assertThat(forNew.get(0).get("explanation").asText()).isEqualTo(
                "Sonnenstrom KG an Jonas Weber zu geben würde 1 medium sparen und 42 soft kosten:"
                        + " +22 Auslastungsausgleich, +20 Reisezeit, \u22121 medium nicht zugeordnet");

        JsonNode analysis = rest.exchange("/plans/{id}/analysis", HttpMethod.GET, new HttpEntity<>(german),
                JsonNode.class, id).getBody();
        assertThat(analysis.findValuesAsText("description")).anyMatch(d -> d.contains(" im Monat"))
                .noneMatch(d -> d.contains(" a month"));

        ObjectNode badAccount = newAccount.deepCopy().put("sectorId", "GREENTCH");
        ResponseEntity<JsonNode> invalid = rest.exchange("/plans/{id}/recommendations", HttpMethod.POST,
                new HttpEntity<>(mapper.createObjectNode().set("account", badAccount), german), JsonNode.class, id);
        assertProblem(invalid, HttpStatus.BAD_REQUEST);
        assertThat(invalid.getBody().get("title").asText()).isEqualTo("Ungültiger Plan");
        assertThat(invalid.getBody().get("detail").asText()).isEqualTo("1 Problem im Plandokument");
        assertThat(invalid.getBody().get("errors").get(0).get("path").asText()).isEqualTo("account.sectorId");

        assertThat(rest.exchange("/plans/{id}", HttpMethod.GET, new HttpEntity<>(german), JsonNode.class, id)
                .getBody().get("summary").get("headline").asText()).startsWith("Alle 4 Kunden betreut; Auslastung ");
        assertThat(rest.getForObject("/plans/{id}", JsonNode.class, id).get("summary").get("headline").asText())
                .startsWith("All 4 accounts covered; workloads ");

        JsonNode jonas = rest.getForObject("/plans/{id}", JsonNode.class, id).get("kams").get(1);
        assertThat(List.of(jonas.get("accountsA").asInt(), jonas.get("accountsB").asInt(), jonas.get("accountsC").asInt()))
                .containsExactly(0, 1, 1);
        assertThat(jonas.get("annualRevenue").asInt()).isZero(); // the tiny plan gives no revenue

        // Without the header: English, as before.
        ResponseEntity<JsonNode> english = rest.postForEntity("/plans/{id}/recommendations",
                json(mapper.createObjectNode().set("account", badAccount)), JsonNode.class, id);
        assertThat(english.getBody().get("title").asText()).isEqualTo("Invalid plan");
    }

    @Test
    void addingToAPlanThatIsStillSolvingIsAConflict() throws IOException {
        ObjectNode plan = tinyPlan();
        ((ObjectNode) plan.get("settings")).put("terminationSeconds", 600);
        String id = rest.postForEntity("/plans", json(plan), JsonNode.class).getBody().get("id").asText();
        try {
            ObjectNode account = mapper.createObjectNode().put("id", "A5").put("sectorId", "SERVICES")
                    .put("regionId", "VIE").put("tier", "C");
            ResponseEntity<JsonNode> response = rest.postForEntity("/plans/{id}/accounts",
                    json(addRequest(account, "K2")), JsonNode.class, id);
            assertProblem(response, HttpStatus.CONFLICT);
            assertThat(response.getBody().get("detail").asText()).contains(id);
        } finally {
            rest.delete("/plans/{id}", id);
        }
        assertThat(rest.getForObject("/plans/{id}", JsonNode.class, id).get("accounts")).hasSize(4);
    }

    private String solvedTinyPlan() throws IOException {
        ObjectNode plan = budgeted(tinyPlan(), 20_000);
        String id = rest.postForEntity("/plans", json(plan), JsonNode.class).getBody().get("id").asText();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
                () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                status -> status.equals("COMPLETED"));
        // The tiny plan's optimum, which the explanation numbers below are computed for.
        JsonNode document = rest.getForObject("/plans/{id}", JsonNode.class, id);
        assertThat(document.findValuesAsText("assignedKamId")).containsExactly("K1", "K1", "K2", "K2");
        return id;
    }

    private ObjectNode addRequest(ObjectNode account, String kamId) {
        ObjectNode request = mapper.createObjectNode();
        request.set("account", account);
        return request.put("kamId", kamId);
    }

    private static void assertProblem(ResponseEntity<JsonNode> response, HttpStatus status) {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getBody().get("status").asInt()).isEqualTo(status.value());
        assertThat(response.getBody().toString()).doesNotContain("Exception");
    }

    private ObjectNode tinyPlan() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/plans/tiny.json")) {
            return (ObjectNode) mapper.readTree(in);
        }
    }

    private HttpEntity<JsonNode> json(JsonNode body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
