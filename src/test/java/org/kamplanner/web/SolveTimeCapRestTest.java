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
 * A document may ask for a day of solving; the server caps one solve (here at 1 s), says so in the
 * plan's warnings, and the plan completes: nobody can hold a solver thread for a day.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kam-planner.solver.max-solve-time=1s")
class SolveTimeCapRestTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Test
    void aDayLongTimeLimitIsCappedAndTheSolveEnds() throws Exception {
        String body = Files.readString(Path.of("src/test/resources/plans/tiny.json"))
                .replace("\"terminationSeconds\": 2", "\"terminationSeconds\": 86400");
        JsonNode submitted = MAPPER.readTree(http.send(HttpRequest.newBuilder(uri("/plans"))
                .header("Content-Type", "application/json").header("Authorization", TestTokens.ADMIN_BEARER).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                BodyHandlers.ofString()).body());
        String id = submitted.get("id").asText();

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> "COMPLETED".equals(plan(id).get("status").asText()));
        assertThat(plan(id).get("warnings").toString()).contains(
                "settings.terminationSeconds 86400 is over this service's cap of 1 s: solving stops after 1 s");
    }

    private JsonNode plan(String id) throws Exception {
        return MAPPER.readTree(http.send(HttpRequest.newBuilder(uri("/plans/" + id)).header("Authorization", TestTokens.ADMIN_BEARER).GET().build(),
                BodyHandlers.ofString()).body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
