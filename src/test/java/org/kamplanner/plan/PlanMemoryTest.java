package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kamplanner.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Finished plans give their contents back to the database and read them again on use: here at most
 * one finished plan stays in memory, and every plan still reads exactly as it did when it finished.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kam-planner.store.loaded-plans=1")
class PlanMemoryTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private PlanRegistry registry;

    @Test
    void finishedPlansLeaveMemoryAndReadBackUnchanged() throws Exception {
        String body = Files.readString(Path.of("src/test/resources/plans/tiny.json"))
                .replace("\"terminationSeconds\": 2", "\"terminationSeconds\": 1");
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(MAPPER.readTree(send("POST", "/plans", body)).get("id").asText());
        }
        Map<String, String> firstRead = new HashMap<>();
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> MAPPER.readTree(send("GET", "/plans/" + id + "/status", null)).get("status").asText()
                            .equals("COMPLETED"));
            firstRead.put(id, comparable(MAPPER.readTree(send("GET", "/plans/" + id, null))));
        }
        for (int round = 0; round < 2; round++) {
            for (String id : ids) {
                assertThat(comparable(MAPPER.readTree(send("GET", "/plans/" + id, null)))).isEqualTo(firstRead.get(id));
                assertThat(registry.all().stream().filter(p -> p.status().isFinal() && p.isLoaded()).count())
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

    private String send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", TestTokens.ADMIN_BEARER)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), BodyHandlers.ofString()).body();
    }
}
