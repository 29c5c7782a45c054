package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

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

/** Rebalance, compare and problem changes over a real HTTP port: the rules of issue 4, and the errors. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RebalanceRestTest extends AdminRestTest {

    // --- the rules on dach-large ---

    @Test
    void oneKamLeavesDachLarge() {
        JsonNode source = solvedDachLarge();
        List<String> leaving = busiestWithoutPins(source, 1);
        ObjectNode request = mapper.createObjectNode();
        request.putArray("leavingKamIds").add(leaving.get(0));

        JsonNode rebalanced = rebalanceAndWait(source, request);

        assertRebalanceRules(source, rebalanced, leaving);
        assertThat(rebalanced.get("settings").get("mode").asText()).isEqualTo("REBALANCE");
        assertThat(rebalanced.get("warnings").get(0).asText()).contains(leaving.get(0)).contains("start unassigned");

        // The reasons are worded when the plan is read, in the reader's language: the same moves in German.
        HttpHeaders german = new HttpHeaders();
        german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
        JsonNode inGerman = rest.exchange("/plans/{id}", HttpMethod.GET, new HttpEntity<>(german), JsonNode.class,
                rebalanced.get("id").asText()).getBody();
        assertThat(inGerman.get("moves")).hasSameSizeAs(rebalanced.get("moves")).allSatisfy(move -> assertThat(
                move.get("reason").asText()).matches(leaving.contains(move.get("fromKamId").asText())
                        ? "erzwungen: .*" : "gewählt: .*"));
    }

    @Test
    void twoKamsLeaveAndOneJoinsDachLarge() {
        JsonNode source = solvedDachLarge();
        List<String> leaving = busiestWithoutPins(source, 2);
        JsonNode leaver = kam(source, leaving.get(0));
        ObjectNode request = mapper.createObjectNode();
        leaving.forEach(request.putArray("leavingKamIds")::add);
        ObjectNode newcomer = request.putArray("newKams").addObject();
        newcomer.put("id", "K-NEW").put("name", "Nora Neu").put("homeRegionId", leaver.get("homeRegionId").asText())
                .put("experienceYears", 10).set("sectorIds", leaver.get("sectorIds"));

        JsonNode rebalanced = rebalanceAndWait(source, request);

        assertRebalanceRules(source, rebalanced, leaving);
        assertThat(kam(rebalanced, "K-NEW").get("accountCount").asInt()).isPositive();
    }

    /**
     * 0 hard, every account assigned, no pinned account moved, at most 10 % more moves than the
     * leavers had accounts, every chosen move strictly better than moving that account back (rescored
     * from scratch through PUT /plans/analyze), and the document recomputes by the independent checker.
     */
    private void assertRebalanceRules(JsonNode source, JsonNode rebalanced, List<String> leaving) {
        assertThat(rebalanced.get("status").asText()).isEqualTo("COMPLETED");
        HardMediumSoftLongScore score = HardMediumSoftLongScore.parseScore(rebalanced.get("score").asText());
        assertThat(score.hardScore()).isZero();
        assertThat(rebalanced.get("summary").get("unassignedAccounts").asInt()).isZero();
        for (String id : leaving) {
            assertThat(kam(rebalanced, id).get("active").asBoolean()).isFalse();
            assertThat(kam(rebalanced, id).get("accountCount").asInt()).isZero();
        }
        Map<String, String> before = new HashMap<>();
        source.get("accounts").forEach(a -> before.put(a.get("id").asText(), a.path("assignedKamId").asText(null)));
        int orphans = 0;
        for (JsonNode account : rebalanced.get("accounts")) {
            String was = before.get(account.get("id").asText());
            assertThat(account.get("currentKamId").asText(null)).isEqualTo(was);
            if (leaving.contains(was)) {
                orphans++;
            }
            if (account.path("pinned").asBoolean()) {
                assertThat(account.get("assignedKamId").asText()).isEqualTo(was);
            }
        }
        // The before/after table: every KAM, the leavers emptied, the accounts conserved.
        JsonNode changes = rebalanced.get("kamChanges");
        assertThat(changes).hasSize(rebalanced.get("kams").size());
        int accountsBefore = 0;
        for (JsonNode change : changes) {
            accountsBefore += change.get("accountsBefore").asInt();
            assertThat(change.get("accountsAfter").asInt())
                    .isEqualTo(kam(rebalanced, change.get("kamId").asText()).get("accountCount").asInt());
            if (leaving.contains(change.get("kamId").asText())) {
                assertThat(change.get("accountsAfter").asInt()).isZero();
                assertThat(change.get("accountsBefore").asInt()).isPositive();
            }
        }
        assertThat(accountsBefore).isEqualTo((int) before.values().stream().filter(v -> v != null).count());
        JsonNode moves = rebalanced.get("moves");
        assertThat(moves.size()).isEqualTo(rebalanced.get("summary").get("movedAccounts").asInt());
        assertThat(moves.size()).isGreaterThanOrEqualTo(orphans).isLessThanOrEqualTo((int) Math.floor(1.1 * orphans));
        ModelChecker.assertConsistent(rebalanced);

        for (JsonNode move : moves) {
            boolean forced = leaving.contains(move.get("fromKamId").asText());
            assertThat(move.get("reason").asText()).startsWith(forced ? "forced: " : "chosen: ");
            if (!forced) {
                ObjectNode movedBack = rebalanced.deepCopy();
                for (JsonNode account : movedBack.get("accounts")) {
                    if (account.get("id").equals(move.get("accountId"))) {
                        ((ObjectNode) account).put("assignedKamId", move.get("fromKamId").asText());
                    }
                }
                String backScore = rest.exchange("/plans/analyze", HttpMethod.PUT, json(movedBack), JsonNode.class)
                        .getBody().get("score").asText();
                assertThat(HardMediumSoftLongScore.parseScore(backScore)).as(move.toString()).isLessThan(score);
            }
        }
    }

    // --- errors of POST /plans/{id}/rebalance ---

    @Test
    void rebalanceRefusesBadRequestsWithTheirPaths() throws IOException {
        String source = solveTiny(2);

        assertProblem(rebalance(source, "{\"leavingKamIds\": [\"K9\"]}"), 400, "leavingKamIds[0]", "unknown KAM 'K9'");
        assertProblem(rebalance(source, "{\"leavingKamIds\": [\"K1\", \"K2\"]}"), 400, "leavingKamIds", "no active KAM");
        assertProblem(rebalance(source, "{\"leavingKamIds\": [\"K1\"], \"newKams\": [{\"id\": \"K2\", \"homeRegionId\": \"MUC\"}]}"),
                400, "newKams[0].id", "K2");
        assertProblem(rebalance(source, "{\"newKams\": [{\"id\": \"K3\", \"homeRegionId\": \"XYZ\"}]}"),
                400, "newKams[0].homeRegionId", "unknown region 'XYZ'");
        assertProblem(rebalance(source, "{\"leavingKamIds\": [\"K1\"], \"settings\": {\"mode\": \"FAST\"}}"),
                400, "settings.mode", "unknown mode 'FAST'");
        assertProblem(rebalance("no-such-plan", "{\"leavingKamIds\": [\"K1\"]}"), 404, null, "no-such-plan");

        // A rebalanced plan with K1 inactive: K1 cannot leave again.
        String rebalanced = rebalance(source, "{\"leavingKamIds\": [\"K1\"]}").getBody().get("id").asText();
        waitFinal(rebalanced);
        assertProblem(rebalance(rebalanced, "{\"leavingKamIds\": [\"K1\"]}"), 400, "leavingKamIds[0]", "already inactive");
    }

    @Test
    void aLeaverWithPinnedAccountsIsRefused() throws IOException {
        ObjectNode plan = budgeted(tinyPlan(), 20_000);
        ((ObjectNode) plan.get("accounts").get(0)).put("pinned", true); // A1 pinned to its incumbent K1
        String source = submit(plan);
        waitFinal(source);

        assertProblem(rebalance(source, "{\"leavingKamIds\": [\"K1\"]}"), 400, "leavingKamIds[0]", "pinned accounts [A1]");
    }

    @Test
    void rebalanceWhileTheSourceSolvesIsAConflict() throws IOException {
        String source = solveTiny(60);
        try {
            assertProblem(rebalance(source, "{\"leavingKamIds\": [\"K1\"]}"), 409, null, "still");
        } finally {
            rest.delete("/plans/{id}", source);
        }
    }

    // --- compare ---

    @Test
    void compareShowsTwoPlansAndTheAccountsAssignedDifferently() throws IOException {
        String source = solveTiny(2);
        String rebalanced = rebalance(source, "{\"leavingKamIds\": [\"K2\"]}").getBody().get("id").asText();
        waitFinal(rebalanced);
        JsonNode before = rest.getForObject("/plans/{id}", JsonNode.class, source);

        ResponseEntity<JsonNode> response = rest.getForEntity("/plans/compare?ids={a},{b}", JsonNode.class, source,
                rebalanced);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode plans = response.getBody().get("plans");
        assertThat(plans.get(0).get("id").asText()).isEqualTo(source);
        assertThat(plans.get(1).get("id").asText()).isEqualTo(rebalanced);
        assertThat(plans.get(0).get("score").asText()).isEqualTo(before.get("score").asText());
        assertThat(plans.get(0).get("constraints")).hasSize(KamConstraint.values().length);
        // A3 cannot go to K1 (forbidden pair): it is left unassigned, a forced move to no KAM.
        assertThat(plans.get(1).get("summary").get("unassignedAccounts").asInt()).isEqualTo(1);
        Set<String> onK2 = new HashSet<>();
        before.get("accounts").forEach(a -> {
            if ("K2".equals(a.path("assignedKamId").asText())) {
                onK2.add(a.get("id").asText());
            }
        });
        assertThat(onK2).isNotEmpty();
        Set<String> moved = new HashSet<>();
        response.getBody().get("moved").forEach(m -> {
            moved.add(m.get("accountId").asText());
            assertThat(m.get("fromKamId").asText()).isEqualTo("K2");
            assertThat(m.path("toKamId").asText(null)).isNotEqualTo("K2");
        });
        assertThat(moved).containsAll(onK2);
    }

    @Test
    void compareNeedsExactlyTwoKnownPlans() throws IOException {
        String source = solveTiny(2);
        assertProblem(rest.getForEntity("/plans/compare?ids={a}", JsonNode.class, source), 400, "ids", "exactly two");
        assertProblem(rest.getForEntity("/plans/compare", JsonNode.class), 400, "ids", "exactly two");
        assertProblem(rest.getForEntity("/plans/compare?ids={a},x,y", JsonNode.class, source), 400, "ids", "exactly two");
        assertProblem(rest.getForEntity("/plans/compare?ids={a},nope", JsonNode.class, source), 404, null, "nope");
    }

    // --- problem changes ---

    @Test
    void aRunningSolveReceivesALeaveAndItsNextBestSolutionHasNoAccountOnTheLeaver() {
        ObjectNode plan = (ObjectNode) rest.getForObject("/demo-data/dach-medium", JsonNode.class);
        // A-accounts locked to their incumbents: the leaver's locked ones must be freed and placed again.
        plan.putObject("settings").put("terminationSeconds", 60).putArray("keepWithIncumbent").add("A");
        String id = submit(plan);
        String leaver;
        try {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
                    () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                    "SOLVING"::equals);
            JsonNode before = rest.getForObject("/plans/{id}", JsonNode.class, id);
            leaver = withMostLockedAccounts(before);
            assertThat(kam(before, leaver).get("accountCount").asInt()).isPositive();

            ResponseEntity<JsonNode> response = rest.postForEntity("/plans/{id}/problem-changes",
                    json(body("{\"leavingKamIds\": [\"" + leaver + "\"]}")), JsonNode.class, id);

            assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
            JsonNode after = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(
                    () -> rest.getForObject("/plans/{id}", JsonNode.class, id),
                    doc -> !kam(doc, leaver).get("active").asBoolean());
            assertThat(after.get("status").asText()).isEqualTo("SOLVING");
            assertThat(kam(after, leaver).get("accountCount").asInt()).isZero();
            assertThat(StreamSupport.stream(after.get("accounts").spliterator(), false)
                    .filter(a -> leaver.equals(a.path("assignedKamId").asText()))).isEmpty();
            assertProblem(rest.postForEntity("/plans/{id}/problem-changes", json(body("{\"leavingKamIds\": [\"K-none\"]}")),
                    JsonNode.class, id), 400, "leavingKamIds[0]", "unknown KAM");
            // The solver goes on after the change: later best solutions must not bring the leaver back.
            String changedScore = after.get("score").asText();
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(
                    () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("score").asText(),
                    score -> !score.equals(changedScore));
        } finally {
            rest.delete("/plans/{id}", id);
        }
        JsonNode stopped = rest.getForObject("/plans/{id}", JsonNode.class, id);
        assertThat(stopped.get("status").asText()).isEqualTo("TERMINATED");
        assertThat(kam(stopped, leaver).get("active").asBoolean()).isFalse();
        assertThat(kam(stopped, leaver).get("accountCount").asInt()).isZero();
        ModelChecker.assertConsistent(stopped);
        assertProblem(rest.postForEntity("/plans/{id}/problem-changes", json(body("{\"leavingKamIds\": [\"K01\"]}")),
                JsonNode.class, id), 409, null, "not solving");
        assertProblem(rest.postForEntity("/plans/{id}/problem-changes", json(body("{\"leavingKamIds\": [\"K01\"]}")),
                JsonNode.class, "no-such-plan"), 404, null, "no-such-plan");
    }

    // --- helpers ---

    /** dach-large solved once for the tests that rebalance it: a rebalance leaves its source as it was. */
    private static JsonNode dachLarge;

    private JsonNode solvedDachLarge() {
        if (dachLarge == null) {
            // Seed and budget go on to its rebalances (a rebalance's settings are laid over its source's).
            ObjectNode plan = budgeted((ObjectNode) rest.getForObject("/demo-data/dach-large", JsonNode.class), 400_000);
            String id = submit(plan);
            waitFinal(id);
            dachLarge = rest.getForObject("/plans/{id}", JsonNode.class, id);
        }
        return dachLarge;
    }

    private JsonNode rebalanceAndWait(JsonNode source, ObjectNode request) {
        // A rebalance moves only the orphans: a tenth of the source's budget is room enough for its search.
        request.putObject("settings").put("workBudget", 40_000);
        ResponseEntity<JsonNode> response = rest.postForEntity("/plans/{id}/rebalance", json(request), JsonNode.class,
                source.get("id").asText());
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        String id = response.getBody().get("id").asText();
        assertThat(response.getHeaders().getLocation()).hasToString("/plans/" + id);
        waitFinal(id);
        return rest.getForObject("/plans/{id}", JsonNode.class, id);
    }

    /** The KAMs with the most accounts and no pinned one: a leaver with pins is refused. */
    private static List<String> busiestWithoutPins(JsonNode plan, int count) {
        Set<String> withPins = new HashSet<>();
        plan.get("accounts").forEach(a -> {
            if (a.path("pinned").asBoolean()) {
                withPins.add(a.path("assignedKamId").asText());
            }
        });
        List<JsonNode> kams = new ArrayList<>();
        plan.get("kams").forEach(kams::add);
        return kams.stream()
                .filter(k -> !withPins.contains(k.get("id").asText()) && k.path("active").asBoolean(true))
                .sorted(Comparator.comparingInt((JsonNode k) -> -k.get("accountCount").asInt()))
                .limit(count).map(k -> k.get("id").asText()).toList();
    }

    /** The KAM, without pins on the document, that is the incumbent of most A-accounts it still has. */
    private static String withMostLockedAccounts(JsonNode plan) {
        Set<String> withoutPins = Set.copyOf(busiestWithoutPins(plan, Integer.MAX_VALUE));
        Map<String, Long> locked = StreamSupport.stream(plan.get("accounts").spliterator(), false)
                .filter(a -> "A".equals(a.path("tier").asText()) && !a.path("currentKamId").isMissingNode()
                        && a.path("currentKamId").asText().equals(a.path("assignedKamId").asText())
                        && withoutPins.contains(a.path("currentKamId").asText()))
                .collect(Collectors.groupingBy(a -> a.path("currentKamId").asText(), Collectors.counting()));
        assertThat(locked).as("a KAM with A-accounts locked to it").isNotEmpty();
        return Collections.max(locked.entrySet(), Map.Entry.comparingByValue()).getKey();
    }

    private static JsonNode kam(JsonNode plan, String id) {
        for (JsonNode kam : plan.get("kams")) {
            if (kam.get("id").asText().equals(id)) {
                return kam;
            }
        }
        throw new AssertionError("no KAM " + id);
    }

    private String solveTiny(int seconds) throws IOException {
        ObjectNode plan = tinyPlan();
        if (seconds <= 2) {
            budgeted(plan, 20_000); // solved to the end, on a move count rather than the clock
        } else {
            ((ObjectNode) plan.get("settings")).put("terminationSeconds", seconds);
        }
        String id = submit(plan);
        if (seconds <= 2) {
            waitFinal(id);
        } else {
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(
                    () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                    "SOLVING"::equals);
        }
        return id;
    }

    private String submit(JsonNode plan) {
        ResponseEntity<JsonNode> response = rest.postForEntity("/plans", json(plan), JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        return response.getBody().get("id").asText();
    }

    private void waitFinal(String id) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200)).until(
                () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                status -> !status.equals("SCHEDULED") && !status.equals("SOLVING"));
    }

    private ResponseEntity<JsonNode> rebalance(String id, String body) {
        return rest.postForEntity("/plans/{id}/rebalance", json(body(body)), JsonNode.class, id);
    }

    private void assertProblem(ResponseEntity<JsonNode> response, int status, String path, String text) {
        assertThat(response.getStatusCode().value()).as(String.valueOf(response.getBody())).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        JsonNode problem = response.getBody();
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        if (path == null) {
            assertThat(problem.get("detail").asText()).contains(text);
        } else {
            JsonNode error = StreamSupport.stream(problem.get("errors").spliterator(), false)
                    .filter(e -> e.get("path").asText().equals(path)).findFirst()
                    .orElseThrow(() -> new AssertionError("no error at " + path + " in " + problem));
            assertThat(error.get("message").asText()).contains(text);
        }
    }

    private JsonNode body(String json) {
        try {
            return mapper.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private ObjectNode tinyPlan() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/plans/tiny.json")) {
            return (ObjectNode) mapper.readTree(in);
        }
    }

    private static HttpEntity<JsonNode> json(JsonNode body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
