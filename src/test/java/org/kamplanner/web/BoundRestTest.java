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
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The quality certificate where the planner looks: computed after the solve (COMPUTING until then),
 * never above the plan it certifies, and on request for a document as given.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BoundRestTest extends AdminRestTest {

    @Test
    void aSolvedPlanGetsAProvenBoundNoHigherThanItsOwnPenalties() throws Exception {
        String id = rest.postForObject("/plans", json(tiny()), JsonNode.class).get("id").asText();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> "PROVEN".equals(rest.getForObject("/plans/{id}/status", JsonNode.class, id)
                        .path("boundStatus").asText()));
        JsonNode plan = rest.getForObject("/plans/{id}", JsonNode.class, id);
        JsonNode bound = plan.get("summary").get("bound");
        String[] levels = plan.get("score").asText().split("/");
        long medium = -Long.parseLong(levels[1].replace("medium", ""));
        long soft = -Long.parseLong(levels[2].replace("soft", ""));
        assertThat(bound.get("status").asText()).isEqualTo("PROVEN");
        assertThat(bound.get("mediumPenalty").asLong()).isBetween(0L, medium);
        assertThat(bound.get("softPenalty").asLong()).isPositive().isLessThanOrEqualTo(soft);
        assertThat(bound.get("softGapPercent").asDouble()).isGreaterThanOrEqualTo(0.0);
        assertThat(bound.get("method").asText()).isNotBlank();
    }

    @Test
    void analyzeComputesTheBoundOnlyWhenAsked() throws Exception {
        JsonNode without = analyze("/plans/analyze?fetch=summary");
        assertThat(without.has("bound")).isFalse();
        JsonNode with = analyze("/plans/analyze?fetch=summary&bound=true");
        assertThat(with.get("bound").get("status").asText()).isIn("PROVEN", "UNAVAILABLE");
        if ("PROVEN".equals(with.get("bound").get("status").asText())) {
            assertThat(with.get("bound").get("mediumPenalty").asLong()).isGreaterThanOrEqualTo(0L);
        }
    }

    private JsonNode analyze(String path) throws Exception {
        return rest.exchange(path, HttpMethod.PUT, json(tiny()), JsonNode.class).getBody();
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static String tiny() throws Exception {
        return Files.readString(Path.of("src/test/resources/plans/tiny.json"))
                .replace("\"terminationSeconds\": 2", "\"terminationSeconds\": 1");
    }
}
