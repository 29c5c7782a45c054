package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue 30, fair solves: two solver threads, one client's share is one. The admin submits two plans of
 * two minutes each, then a second client a plan of one second: that one is solved while the admin's
 * second plan still waits, instead of waiting two minutes for a thread.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "db-scheduler.threads=2", "timefold.solver-manager.parallel-solver-count=2",
        "kam-planner.solver.fair-share-retry=1s", "db-scheduler.polling-interval=500ms",
        "kam-planner.solver.max-solving-per-client=1" })
class FairShareRestTest extends AdminRestTest {

    @Test
    void anotherClientsShortPlanDoesNotWaitForOneClientsLongPlans() {
        String first = submit(120, null);
        String second = submit(120, null);
        // Either may start first: both are due at once and db-scheduler's two threads race for them.
        String running = await().atMost(Duration.ofSeconds(30)).until(
                () -> status(first).equals("SOLVING") ? first : status(second).equals("SOLVING") ? second : null,
                id -> id != null);
        String waiting = running.equals(first) ? second : first;

        String planner = rest.postForObject("/admin/tokens", json("{\"name\": \"other client\", \"role\": \"PLANNER\"}"),
                JsonNode.class).get("token").asText();
        String other = submit(1, planner);

        await().atMost(Duration.ofSeconds(60)).until(() -> status(other).equals("COMPLETED"));
        assertThat(status(waiting)).as("the admin's second plan waits for the admin's share").isEqualTo("SCHEDULED");

        rest.delete("/plans/{id}", running);
        await().atMost(Duration.ofSeconds(60)).until(() -> !status(waiting).equals("SCHEDULED"));
        rest.delete("/plans/{id}", waiting);
    }

    private String submit(int seconds, String token) {
        ObjectNode plan = rest.getForObject("/demo-data/dach-small", ObjectNode.class);
        plan.putObject("settings").put("terminationSeconds", seconds);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (token != null) {
            headers.setBearerAuth(token);
        }
        var response = rest.exchange("/plans", HttpMethod.POST, new HttpEntity<>(plan, headers), JsonNode.class);
        assertThat(response.getStatusCode()).as(String.valueOf(response.getBody())).isEqualTo(HttpStatus.ACCEPTED);
        return response.getBody().get("id").asText();
    }

    private String status(String id) {
        return rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText();
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
