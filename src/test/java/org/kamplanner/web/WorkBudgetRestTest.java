package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.kamplanner.AdminRestTest;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** settings.seed and settings.workBudget over HTTP: kept in the document, the same plan twice, bad values a 400. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkBudgetRestTest extends AdminRestTest {

    @Test
    void sameSeedAndBudgetGiveTheSameAssignmentsAndStayInTheDocument() {
        Map<String, String> first = solved();
        Map<String, String> second = solved();

        assertThat(first).isNotEmpty().isEqualTo(second);
    }

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', textBlock = """
            seed       | -1  | must be >= 0, was -1
            workBudget | 0   | must be > 0, was 0
            workBudget | 1.5 | expected an integer, got 1.5
            seed       | 2.5 | expected an integer, got 2.5
            """)
    void badValueIsA400NamingTheSetting(String setting, String value, String message) throws Exception {
        ObjectNode plan = rest.getForObject("/demo-data/dach-small", ObjectNode.class);
        plan.putObject("settings").set(setting, mapper.readTree(value));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        ResponseEntity<JsonNode> response = rest.exchange("/plans", HttpMethod.POST,
                new HttpEntity<>(mapper.writeValueAsString(plan), headers), JsonNode.class);

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getHeaders().getContentType()).hasToString("application/problem+json");
        JsonNode error = response.getBody().get("errors").get(0);
        assertThat(error.get("path").asText()).isEqualTo("settings." + setting);
        assertThat(error.get("message").asText()).isEqualTo(message);
    }

    private Map<String, String> solved() {
        ObjectNode plan = rest.getForObject("/demo-data/dach-small", ObjectNode.class);
        plan.putObject("settings").put("terminationSeconds", 120).put("seed", 3).put("workBudget", 200_000);
        ResponseEntity<JsonNode> posted = rest.postForEntity("/plans", plan, JsonNode.class);
        assertThat(posted.getStatusCode()).as("%s", posted.getBody()).isEqualTo(HttpStatus.ACCEPTED);
        String id = posted.getBody().get("id").asText();
        await().atMost(Duration.ofSeconds(120)).until(
                () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                "COMPLETED"::equals);
        JsonNode document = rest.getForObject("/plans/{id}", JsonNode.class, id);
        assertThat(document.at("/settings/seed").asInt()).isEqualTo(3);
        assertThat(document.at("/settings/workBudget").asInt()).isEqualTo(200_000);
        Map<String, String> assignments = new LinkedHashMap<>();
        document.get("accounts").forEach(a -> assignments.put(a.get("id").asText(), a.path("assignedKamId").asText(null)));
        return assignments;
    }
}
