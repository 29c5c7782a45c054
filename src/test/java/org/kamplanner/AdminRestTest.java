package org.kamplanner;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A test that calls the service over its real HTTP port as the admin: the service is secured by
 * default, so every call carries the admin token (TestTokens). The subclass says how the service is
 * started (its own {@code @SpringBootTest} with a random port and any properties).
 */
public abstract class AdminRestTest {

    protected TestRestTemplate rest;

    @Autowired
    protected ObjectMapper mapper;

    @Autowired
    void rest(TestRestTemplate rest) {
        this.rest = TestTokens.asAdmin(rest);
    }

    /**
     * The plan's solve ends after {@code workBudget} evaluated moves with seed 1 (docs/model.md, "Settings"): the
     * same work, and the same plan, on a busy machine as on an idle one, and no second more than that work takes;
     * 60 s stay the safety cap. Such a plan gets a solver of its own (SolverManagers.forSolve), about half a
     * second to build: for a solve that would run seconds, not for dozens of one-second plans.
     */
    protected static ObjectNode budgeted(ObjectNode plan, int workBudget) {
        ObjectNode settings = plan.has("settings") ? (ObjectNode) plan.get("settings") : plan.putObject("settings");
        settings.put("terminationSeconds", 60).put("seed", 1).put("workBudget", workBudget);
        return plan;
    }

    /** dach-small solved briefly (20,000 moves): the id of a plan with assignments, to read and export. */
    protected String solvedDachSmall() {
        ObjectNode plan = budgeted(rest.getForObject("/demo-data/dach-small", ObjectNode.class), 20_000);
        String id = rest.postForObject("/plans", plan, JsonNode.class).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(
                () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                "COMPLETED"::equals);
        return id;
    }
}
