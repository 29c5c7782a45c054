package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Finished plans give their contents back to the database and read them again on use: here at most
 * one finished plan stays in memory, and every plan still reads exactly as it did when it finished.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // One Spring context with ConcurrentClientsTest: neither limit gets in the other test's way.
        properties = { "kam-planner.solver.max-unfinished-plans=8", "kam-planner.store.loaded-plans=1" })
class PlanMemoryTest extends AdminRestTest {

    @Autowired
    private PlanRegistry registry;

    @Test
    void finishedPlansLeaveMemoryAndReadBackUnchanged() throws Exception {
        String body = Files.readString(Path.of("src/test/resources/plans/tiny.json"))
                .replace("\"terminationSeconds\": 2", "\"terminationSeconds\": 1");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(MediaType.APPLICATION_JSON);
            ids.add(rest.postForObject("/plans", new HttpEntity<>(body, headers), JsonNode.class).get("id").asText());
        }
        Map<String, String> firstRead = new HashMap<>();
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> "COMPLETED".equals(rest.getForObject("/plans/{id}/status", JsonNode.class, id)
                            .get("status").asText()));
            firstRead.put(id, comparable(rest.getForObject("/plans/{id}", JsonNode.class, id)));
        }
        for (int round = 0; round < 2; round++) {
            for (String id : ids) {
                assertThat(comparable(rest.getForObject("/plans/{id}", JsonNode.class, id))).isEqualTo(firstRead.get(id));
                assertThat(registry.all().stream().filter(p -> p.snapshot().status().isFinal() && p.isLoaded()).count())
                        .isLessThanOrEqualTo(1);
            }
        }
    }

    /** What a reader sees of a plan: score and every assignment (the bound may arrive in between). */
    private static String comparable(JsonNode plan) {
        StringBuilder text = new StringBuilder(plan.get("score").asText());
        plan.get("accounts").forEach(a -> text.append(' ').append(a.get("id").asText()).append('=')
                .append(a.path("assignedKamId").asText("-")));
        return text.toString();
    }
}
