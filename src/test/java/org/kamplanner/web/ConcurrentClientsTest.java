package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.kamplanner.ModelChecker;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * 50 plans from 10 clients at once: each is accepted (202) or refused with 503 and Retry-After, every
 * accepted one completes, and each comes back as the plan that was sent, not another client's.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        // One Spring context with PlanMemoryTest: neither limit gets in the other test's way.
        properties = { "kam-planner.solver.max-unfinished-plans=8", "kam-planner.store.loaded-plans=1" })
class ConcurrentClientsTest extends AdminRestTest {

    @Test
    void fiftyPlansFromTenClientsAreAcceptedOrRefusedAndNoneIsLostOrMixedUp() throws Exception {
        ObjectNode template;
        try (InputStream in = getClass().getResourceAsStream("/plans/tiny.json")) {
            template = (ObjectNode) mapper.readTree(in);
        }
        Map<String, String> acceptedNameById = new ConcurrentHashMap<>();
        List<Integer> refused = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService clients = Executors.newFixedThreadPool(10);
        List<Future<?>> done = new ArrayList<>();
        for (int client = 0; client < 10; client++) {
            int c = client;
            done.add(clients.submit(() -> {
                for (int i = 0; i < 5; i++) {
                    String name = "client %d plan %d".formatted(c, i);
                    ResponseEntity<JsonNode> response = rest.postForEntity("/plans", json(variant(template, name)),
                            JsonNode.class);
                    if (response.getStatusCode().value() == 202) {
                        acceptedNameById.put(response.getBody().get("id").asText(), name);
                    } else {
                        assertThat(response.getStatusCode().value()).isEqualTo(503);
                        assertThat(response.getHeaders().getFirst("Retry-After")).isNotBlank();
                        refused.add(c);
                    }
                }
                return null;
            }));
        }
        for (Future<?> future : done) {
            future.get();
        }
        clients.shutdown();

        assertThat(acceptedNameById.size() + refused.size()).isEqualTo(50);
        assertThat(acceptedNameById).isNotEmpty();
        await().atMost(Duration.ofMinutes(3)).until(() -> acceptedNameById.keySet().stream().allMatch(
                id -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText()
                        .equals("COMPLETED")));
        for (Map.Entry<String, String> accepted : acceptedNameById.entrySet()) {
            JsonNode plan = rest.getForObject("/plans/{id}", JsonNode.class, accepted.getKey());
            assertThat(plan.get("name").asText()).isEqualTo(accepted.getValue());
            // The account names carry the plan's name too: the solved accounts are this plan's own.
            assertThat(plan.get("accounts").get(0).get("name").asText()).isEqualTo(accepted.getValue() + " A1");
            ModelChecker.assertConsistent(plan);
        }
        List<String> listed = new ArrayList<>();
        rest.getForObject("/plans?limit=1000", JsonNode.class).forEach(p -> listed.add(p.get("id").asText()));
        assertThat(listed).containsAll(acceptedNameById.keySet());
    }

    private ObjectNode variant(ObjectNode template, String name) {
        ObjectNode plan = template.deepCopy();
        plan.put("name", name);
        ((ObjectNode) plan.get("settings")).put("terminationSeconds", 1);
        ((ObjectNode) plan.get("accounts").get(0)).put("name", name + " A1");
        return plan;
    }

    private static HttpEntity<JsonNode> json(JsonNode body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }
}
