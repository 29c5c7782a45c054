package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Health with the database, and Timefold's solver metrics on the Prometheus endpoint. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // Spring Boot's tests switch metrics export off unless asked

class OperationsTest extends AdminRestTest {

    @Test
    void healthIncludesTheDatabase() {
        JsonNode health = rest.getForObject("/actuator/health", JsonNode.class);

        assertThat(health.get("status").asText()).isEqualTo("UP");
        assertThat(health.get("components").get("db").get("status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusShowsTheSolverMetricsAfterASolve() throws IOException {
        ObjectNode plan;
        try (InputStream in = getClass().getResourceAsStream("/plans/tiny.json")) {
            plan = (ObjectNode) mapper.readTree(in);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String id = rest.postForObject("/plans", new HttpEntity<>(plan, headers), JsonNode.class).get("id").asText();
        await().atMost(Duration.ofSeconds(30)).until(
                () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                "COMPLETED"::equals);

        String metrics = rest.getForObject("/actuator/prometheus", String.class);

        assertThat(metrics).contains("timefold_solver_solve_duration", "http_server_requests");
    }
}
