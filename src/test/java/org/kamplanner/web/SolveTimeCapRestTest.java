package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A document may ask for a day of solving; the server caps one solve (here at 1 s), says so in the
 * plan's warnings, and the plan completes: nobody can hold a solver thread for a day.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kam-planner.solver.max-solve-time=1s")
class SolveTimeCapRestTest extends AdminRestTest {

    @Test
    void aDayLongTimeLimitIsCappedAndTheSolveEnds() throws Exception {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        String body = Files.readString(Path.of("src/test/resources/plans/tiny.json"))
                .replace("\"terminationSeconds\": 2", "\"terminationSeconds\": 86400");
        String id = rest.postForObject("/plans", new HttpEntity<>(body, headers), JsonNode.class).get("id").asText();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> "COMPLETED".equals(rest.getForObject("/plans/{id}/status", JsonNode.class, id)
                        .get("status").asText()));
        assertThat(rest.getForObject("/plans/{id}", JsonNode.class, id).get("warnings").toString()).contains(
                "settings.terminationSeconds 86400 is over this service's cap of 1 s: solving stops after 1 s");
    }
}
