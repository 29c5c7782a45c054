package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.springframework.boot.test.context.SpringBootTest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The status's elapsed and remaining seconds, and settings.unimprovedSeconds ending a solve early. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SolveTimeRestTest extends AdminRestTest {

    @Test
    void unimprovedSecondsEndsTheSolveLongBeforeTerminationSeconds() {
        ObjectNode plan = rest.getForObject("/demo-data/dach-small", ObjectNode.class);
        plan.putObject("settings").put("terminationSeconds", 600).put("unimprovedSeconds", 1);
        String id = rest.postForObject("/plans", plan, JsonNode.class).get("id").asText();

        JsonNode solving = await().atMost(Duration.ofSeconds(60))
                .until(() -> rest.getForObject("/plans/{id}/status", JsonNode.class, id),
                        status -> !status.get("status").asText().equals("SCHEDULED"));
        if (solving.get("status").asText().equals("SOLVING")) {
            assertThat(solving.get("elapsedSeconds").asDouble()).isBetween(0.0, 600.0);
            // At most the unimproved limit after the last improvement, never the 600 s of terminationSeconds.
            assertThat(solving.get("remainingSeconds").asDouble()).isBetween(0.0, 1.0);
        }

        JsonNode done = await().atMost(Duration.ofSeconds(120))
                .until(() -> rest.getForObject("/plans/{id}/status", JsonNode.class, id),
                        status -> status.get("status").asText().equals("COMPLETED"));
        assertThat(done.get("remainingSeconds").asDouble()).isZero();
        assertThat(done.get("elapsedSeconds").asDouble()).isPositive().isLessThan(600.0);
    }
}
