package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kamplanner.AdminRestTest;
import org.kamplanner.ModelChecker;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** settings.maxMovedAccounts and summary.handOvers over HTTP: echoed, counted as docs/model.md says, bad caps a 400. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HandOversRestTest extends AdminRestTest {

    @ParameterizedTest(name = "maxMovedAccounts = {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            -1    | must be >= 0, was -1
            2.5   | expected an integer, got 2.5
            `"3"` | expected an integer, got "3"
            """)
    void badCapIsA400NamingTheSetting(String value, String message) throws Exception {
        ObjectNode plan = rest.getForObject("/demo-data/dach-small", ObjectNode.class);
        plan.putObject("settings").set("maxMovedAccounts", mapper.readTree(value));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> response = rest.exchange("/plans", HttpMethod.POST,
                new HttpEntity<>(mapper.writeValueAsString(plan), headers), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        JsonNode error = response.getBody().get("errors").get(0);
        assertThat(error.get("path").asText()).isEqualTo("settings.maxMovedAccounts");
        assertThat(error.get("message").asText()).isEqualTo(message);
    }

    @Test
    void capIsEchoedAndHandOversCountAccountsTakenFromAnActiveIncumbent() {
        ObjectNode plan = rest.getForObject("/demo-data/dach-small", ObjectNode.class);
        plan.putObject("settings").put("terminationSeconds", 2).put("maxMovedAccounts", 7);
        ResponseEntity<JsonNode> posted = rest.postForEntity("/plans", plan, JsonNode.class);
        assertThat(posted.getStatusCode()).as("%s", posted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        String id = posted.getBody().get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(
                () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                "COMPLETED"::equals);

        JsonNode document = rest.getForObject("/plans/{id}", JsonNode.class, id);
        assertThat(document.at("/settings/maxMovedAccounts").asInt()).isEqualTo(7);
        Set<String> active = new HashSet<>();
        document.get("kams").forEach(k -> {
            if (k.path("active").asBoolean(true)) {
                active.add(k.get("id").asText());
            }
        });
        int expected = 0;
        for (JsonNode a : document.get("accounts")) {
            String incumbent = a.path("currentKamId").asText(null);
            if (incumbent != null && active.contains(incumbent) && !incumbent.equals(a.path("assignedKamId").asText(null))) {
                expected++;
            }
        }
        assertThat(document.at("/summary/handOvers").isInt()).isTrue();
        assertThat(document.at("/summary/handOvers").asInt()).isEqualTo(expected);
        ModelChecker.assertConsistent(document); // the score with Max hand-overs at a cap of 7
    }
}
