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

    /** dach-small solved for a second: the id of a plan with assignments, to read and export. */
    protected String solvedDachSmall() {
        ObjectNode plan = rest.getForObject("/demo-data/dach-small", ObjectNode.class);
        plan.putObject("settings").put("terminationSeconds", 1);
        String id = rest.postForObject("/plans", plan, JsonNode.class).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(
                () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                "COMPLETED"::equals);
        return id;
    }
}
