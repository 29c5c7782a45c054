package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.kamplanner.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The quality certificate where the planner looks: computed after the solve (COMPUTING until then),
 * never above the plan it certifies, and on request for a document as given.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BoundRestTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Test
    void aSolvedPlanGetsAProvenBoundNoHigherThanItsOwnPenalties() throws Exception {
        String id = MAPPER.readTree(send("POST", "/plans", tiny()).body()).get("id").asText();

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                .until(() -> "PROVEN".equals(MAPPER.readTree(send("GET", "/plans/" + id + "/status", null).body())
                        .path("boundStatus").asText()));
        JsonNode plan = MAPPER.readTree(send("GET", "/plans/" + id, null).body());
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
        JsonNode without = MAPPER.readTree(send("PUT", "/plans/analyze?fetch=summary", tiny()).body());
        assertThat(without.has("bound")).isFalse();
        JsonNode with = MAPPER.readTree(send("PUT", "/plans/analyze?fetch=summary&bound=true", tiny()).body());
        assertThat(with.get("bound").get("status").asText()).isIn("PROVEN", "UNAVAILABLE");
        if ("PROVEN".equals(with.get("bound").get("status").asText())) {
            assertThat(with.get("bound").get("mediumPenalty").asLong()).isGreaterThanOrEqualTo(0L);
        }
    }

    private static String tiny() throws Exception {
        return Files.readString(Path.of("src/test/resources/plans/tiny.json"))
                .replace("\"terminationSeconds\": 2", "\"terminationSeconds\": 1");
    }

    private java.net.http.HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json").header("Authorization", TestTokens.ADMIN_BEARER);
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), BodyHandlers.ofString());
    }
}
