package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.kamplanner.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Error messages over real HTTP in the request's language: German for {@code Accept-Language: de},
 * English without the header; the field paths, property names and status stay the same.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ErrorLanguageRestTest {

    /** An unknown sector, a capacity out of bounds and a duplicate account id. */
    private static final String BAD_PLAN = """
            { "sectors": [ { "id": "GREENTECH", "maxAccountsPerKam": 10 } ],
              "regions": [ { "id": "MUC", "latitude": 48.137, "longitude": 11.575 } ],
              "kams": [ { "id": "K01", "homeRegionId": "MUC", "experienceYears": 8, "capacityMinutes": -5 } ],
              "accounts": [ { "id": "A1", "sectorId": "GREENTCH", "regionId": "MUC", "tier": "A" },
                            { "id": "A1", "sectorId": "GREENTECH", "regionId": "MUC", "tier": "B" } ] }
            """;

    @Autowired
    private TestRestTemplate rest;

    @Test
    void aBadPlanInGermanNamesTheSameFieldPaths() {
        JsonNode german = send(HttpMethod.PUT, "/plans/analyze", BAD_PLAN, "de-DE,de;q=0.9", MediaType.APPLICATION_JSON);
        JsonNode english = send(HttpMethod.PUT, "/plans/analyze", BAD_PLAN, null, MediaType.APPLICATION_JSON);

        assertProblems(german, "Ungültiger Plan", "3 Probleme im Plandokument",
                tuple("kams[0].capacityMinutes", "muss > 0 sein, war -5"),
                tuple("accounts[0].sectorId", "unbekannte Branche 'GREENTCH'"),
                tuple("accounts[1].id", "doppelte Kunden-ID 'A1'"));
        assertProblems(english, "Invalid plan", "3 problems in the plan document",
                tuple("kams[0].capacityMinutes", "must be > 0, was -5"),
                tuple("accounts[0].sectorId", "unknown sector 'GREENTCH'"),
                tuple("accounts[1].id", "duplicate account id 'A1'"));
    }

    private static void assertProblems(JsonNode problem, String title, String detail, Tuple... errors) {
        assertThat(problem.get("title").asText()).isEqualTo(title);
        assertThat(problem.get("detail").asText()).isEqualTo(detail);
        assertThat(problem.get("errors")).extracting(e -> e.get("path").asText(), e -> e.get("message").asText())
                .containsExactly(errors);
    }

    @Test
    void aBodyThatIsNotAPlanInGerman() {
        String typo = BAD_PLAN.replace("\"capacityMinutes\": -5", "\"capacityMinutes\": \"viel\"");
        JsonNode german = send(HttpMethod.PUT, "/plans/analyze", typo, "de", MediaType.APPLICATION_JSON);
        JsonNode english = send(HttpMethod.PUT, "/plans/analyze", typo, null, MediaType.APPLICATION_JSON);

        assertProblems(german, "Ungültiger Plan", "1 Problem im Plandokument",
                tuple("kams[0].capacityMinutes", "erwartet eine ganze Zahl, erhalten: \"viel\""));
        assertProblems(english, "Invalid plan", "1 problem in the plan document",
                tuple("kams[0].capacityMinutes", "expected an integer, got \"viel\""));
    }

    @Test
    void notFoundAndUnsupportedMediaTypeInGerman() {
        JsonNode missing = send(HttpMethod.GET, "/plans/no-such-plan", null, "de", null);
        assertThat(missing.get("status").asInt()).isEqualTo(HttpStatus.NOT_FOUND.value());
        assertThat(missing.get("title").asText()).isEqualTo("Nicht gefunden");
        assertThat(missing.get("detail").asText()).isEqualTo("Plan 'no-such-plan' nicht gefunden");

        JsonNode text = send(HttpMethod.POST, "/plans", "hello", "de", MediaType.TEXT_PLAIN);
        assertThat(text.get("status").asInt()).isEqualTo(HttpStatus.UNSUPPORTED_MEDIA_TYPE.value());
        assertThat(text.get("title").asText()).isEqualTo("Medientyp nicht unterstützt");
        assertThat(text.get("detail").asText()).startsWith("Content-Type „text/plain");

        JsonNode english = send(HttpMethod.POST, "/plans", "hello", null, MediaType.TEXT_PLAIN);
        assertThat(english.get("title").asText()).isEqualTo("Unsupported Media Type");
        assertThat(english.get("detail").asText()).startsWith("Content-Type 'text/plain");
    }

    @Test
    void withoutATokenInGerman() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
        // The context's template sends no token: TestTokens.asAdmin gives the admin tests a copy of it.
        ResponseEntity<JsonNode> answer = rest.exchange("/plans", HttpMethod.GET, new HttpEntity<>(headers),
                JsonNode.class);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(answer.getBody().get("title").asText()).isEqualTo("Nicht angemeldet");
        assertThat(answer.getBody().get("detail").asText()).startsWith("Diese Anfrage braucht ein API-Token");
    }

    private JsonNode send(HttpMethod method, String path, String body, String language, MediaType type) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.AUTHORIZATION, TestTokens.ADMIN_BEARER);
        if (type != null) {
            headers.setContentType(type);
        }
        if (language != null) {
            headers.set(HttpHeaders.ACCEPT_LANGUAGE, language);
        }
        ResponseEntity<JsonNode> answer = rest.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
        assertThat(answer.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        return answer.getBody();
    }
}
