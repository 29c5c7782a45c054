package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kamplanner.web.ProblemAssertions.assertProblem;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kamplanner.TestTokens;
import org.kamplanner.errors.NotFoundException;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bad input over real HTTP: every rejection is a problem+json 400 (or 413) naming the JSON path,
 * with nothing of Java in it, and nothing is stored.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "kam-planner.limits.max-body-bytes=2000")
@Import(BadInputRestTest.ProbeController.class)
class BadInputRestTest {

    /** Throws what the real controllers may throw; nested, so it is not scanned into other tests. */
    @RestController
    static class ProbeController {

        @GetMapping("/probe/boom")
        String boom() {
            throw new IllegalStateException("secret internals");
        }

        @GetMapping("/probe/plans/{id}")
        String plan(@PathVariable String id) {
            throw new NotFoundException("Plan", id);
        }
    }

    private static final String VALID = """
            { "name": "rest test",
              "sectors": [ { "id": "GREENTECH", "maxAccountsPerKam": 10 } ],
              "regions": [ { "id": "MUC", "latitude": 48.137, "longitude": 11.575 } ],
              "kams": [ { "id": "K01", "homeRegionId": "MUC", "experienceYears": 8, "capacityMinutes": 7200 } ],
              "accounts": [ { "id": "A0001", "sectorId": "GREENTECH", "regionId": "MUC", "tier": "A" } ] }
            """;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    private int port;

    @ParameterizedTest
    @ValueSource(strings = { "PUT /plans/analyze", "POST /plans" })
    void malformedJson(String endpoint) throws Exception {
        JsonNode error = badRequest(endpoint, "{\"kams\": [");
        assertThat(error.get("path").asText()).isEqualTo("$");
        assertThat(error.get("message").asText()).startsWith("malformed JSON at line 1, column ");
    }

    @ParameterizedTest
    @ValueSource(strings = { "PUT /plans/analyze", "POST /plans" })
    void wrongType(String endpoint) throws Exception {
        JsonNode error = badRequest(endpoint, VALID.replace("\"capacityMinutes\": 7200", "\"capacityMinutes\": \"lots\""));
        assertThat(error.get("path").asText()).isEqualTo("kams[0].capacityMinutes");
        assertThat(error.get("message").asText()).isEqualTo("expected an integer, got \"lots\"");
    }

    @Test
    void stringWhereAListBelongs() throws Exception {
        JsonNode error = badRequest("PUT /plans/analyze", VALID.replace("\"experienceYears\": 8",
                "\"experienceYears\": 8, \"sectorIds\": \"GREENTECH\""));
        assertThat(error.get("path").asText()).isEqualTo("kams[0].sectorIds");
        assertThat(error.get("message").asText()).isEqualTo("expected a list, got \"GREENTECH\"");
    }

    @Test
    void numberWhereAStringBelongs() throws Exception {
        JsonNode error = badRequest("PUT /plans/analyze", VALID.replace("\"tier\": \"A\"", "\"tier\": 1"));
        assertThat(error.get("path").asText()).isEqualTo("accounts[0].tier");
        assertThat(error.get("message").asText()).isEqualTo("expected a string, got 1");
    }

    @Test
    void listWhereTheDocumentBelongs() throws Exception {
        JsonNode error = badRequest("PUT /plans/analyze", "[]");
        assertThat(error.get("path").asText()).isEqualTo("$");
        assertThat(error.get("message").asText()).isEqualTo("expected an object, got a list");
    }

    @ParameterizedTest
    @ValueSource(strings = { "PUT /plans/analyze", "POST /plans" })
    void floatForAnInt(String endpoint) throws Exception {
        JsonNode error = badRequest(endpoint, VALID.replace("\"capacityMinutes\": 7200", "\"capacityMinutes\": 7200.5"));
        assertThat(error.get("path").asText()).isEqualTo("kams[0].capacityMinutes");
        assertThat(error.get("message").asText()).isEqualTo("expected an integer, got 7200.5");
    }

    @ParameterizedTest
    @ValueSource(strings = { "PUT /plans/analyze", "POST /plans" })
    void intOutOfRange(String endpoint) throws Exception {
        JsonNode error = badRequest(endpoint,
                VALID.replace("\"capacityMinutes\": 7200", "\"capacityMinutes\": 99999999999"));
        assertThat(error.get("path").asText()).isEqualTo("kams[0].capacityMinutes");
        assertThat(error.get("message").asText())
                .isEqualTo("expected an integer between -2147483648 and 2147483647, got 99999999999");
    }

    @ParameterizedTest
    @ValueSource(strings = { "PUT /plans/analyze", "POST /plans" })
    void unknownFieldIsNamedWithTheFieldItMeant(String endpoint) throws Exception {
        JsonNode error = badRequest(endpoint, VALID.replace("\"name\": \"rest test\",",
                "\"name\": \"rest test\", \"settings\": {\"terminationSecnds\": 5},"));
        assertThat(error.get("path").asText()).isEqualTo("settings.terminationSecnds");
        assertThat(error.get("message").asText())
                .isEqualTo("unknown field 'terminationSecnds', did you mean 'terminationSeconds'?");
    }

    @Test
    void unknownTopLevelListIsNamed() throws Exception {
        JsonNode error = badRequest("POST /plans", VALID.replace("\"name\": \"rest test\",",
                "\"name\": \"rest test\", \"acounts\": [],"));
        assertThat(error.get("path").asText()).isEqualTo("acounts");
        assertThat(error.get("message").asText()).isEqualTo("unknown field 'acounts', did you mean 'accounts'?");
    }

    @Test
    void keyGivenTwiceIsNamed() throws Exception {
        JsonNode error = badRequest("POST /plans", VALID.replace("\"capacityMinutes\": 7200",
                "\"capacityMinutes\": 7200, \"capacityMinutes\": 9000"));
        assertThat(error.get("path").asText()).isEqualTo("kams[0].capacityMinutes");
        assertThat(error.get("message").asText()).isEqualTo("duplicate key: a field may be given only once");
    }

    /** Short in JSON, a gigabyte as plain digits: refused fast, and the answer stays short. */
    @ParameterizedTest
    @ValueSource(strings = { "1e999999999", "-1e999999999", "1e-999999999" })
    void hugeExponentsAreRefusedWithoutBeingWrittenOut(String revenue) throws Exception {
        JsonNode error = badRequest("POST /plans", VALID.replace("\"tier\": \"A\" }",
                "\"tier\": \"A\", \"annualRevenue\": " + revenue + " }"));
        assertThat(error.get("path").asText()).isEqualTo("accounts[0].annualRevenue");
        assertThat(error.get("message").asText()).startsWith("must ").hasSizeLessThan(100)
                .endsWith(", was " + new java.math.BigDecimal(revenue));
    }

    /** A bound declared on the document's records (Bean Validation) is a 400 naming the nested path. */
    @ParameterizedTest
    @ValueSource(strings = { "PUT /plans/analyze", "POST /plans" })
    void annotatedBoundNamesTheNestedField(String endpoint) throws Exception {
        JsonNode error = badRequest(endpoint, VALID.replace("\"experienceYears\": 8", "\"experienceYears\": 101"));
        assertThat(error.get("path").asText()).isEqualTo("kams[0].experienceYears");
        assertThat(error.get("message").asText()).isEqualTo("must be <= 100, was 101");
    }

    @Test
    void trailingContent() throws Exception {
        JsonNode error = badRequest("PUT /plans/analyze", VALID + " {}");
        assertThat(error.get("path").asText()).isEqualTo("$");
        assertThat(error.get("message").asText()).startsWith("unexpected content after the end of the document");
    }

    @ParameterizedTest
    @ValueSource(strings = { "PUT /plans/analyze", "POST /plans" })
    void emptyBody(String endpoint) throws Exception {
        JsonNode error = badRequest(endpoint, "");
        assertThat(error.get("path").asText()).isEqualTo("$");
        assertThat(error.get("message").asText()).isEqualTo("the request body is empty");
    }

    @ParameterizedTest
    @ValueSource(strings = { "PUT /plans/analyze", "POST /plans" })
    void unknownSector(String endpoint) throws Exception {
        JsonNode error = badRequest(endpoint, VALID.replace("\"sectorId\": \"GREENTECH\"", "\"sectorId\": \"GREENTCH\""));
        assertThat(error.get("path").asText()).isEqualTo("accounts[0].sectorId");
        assertThat(error.get("message").asText()).isEqualTo("unknown sector 'GREENTCH'");
    }

    @ParameterizedTest
    @ValueSource(strings = { "PUT /plans/analyze", "POST /plans" })
    void twoSemanticErrors(String endpoint) throws Exception {
        String body = VALID.replace("\"sectorId\": \"GREENTECH\"", "\"sectorId\": \"GREENTCH\"")
                .replace("\"tier\": \"A\"", "\"tier\": \"D\"");
        HttpResponse<String> response = send(endpoint, BodyPublishers.ofString(body));
        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.get("title").asText()).isEqualTo("Invalid plan");
        assertThat(problem.get("detail").asText()).isEqualTo("2 problems in the plan document");
        assertThat(problem.get("errors")).hasSize(2);
        assertThat(problem.at("/errors/0/path").asText()).isEqualTo("accounts[0].sectorId");
        assertThat(problem.at("/errors/1/path").asText()).isEqualTo("accounts[0].tier");
        assertThat(problem.at("/errors/1/message").asText()).isEqualTo("unknown tier 'D' (allowed: A, B, C)");
        assertNothingStored();
    }

    @Test
    void jsonAcceptHeaderStillGetsProblemJson() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/plans/analyze"))
                .header("Authorization", TestTokens.ADMIN_BEARER)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .PUT(BodyPublishers.ofString("{")).build();
        assertProblem(http.send(request, BodyHandlers.ofString()), 400);
    }

    @ParameterizedTest
    @ValueSource(strings = { "PUT /plans/analyze", "POST /plans" })
    void oversizeBodyWithContentLength(String endpoint) throws Exception {
        HttpResponse<String> response = send(endpoint, BodyPublishers.ofString(oversize()));
        JsonNode problem = assertProblem(response, 413);
        assertThat(problem.get("detail").asText()).isEqualTo("the request body is over the limit of 2000 bytes");
        assertNothingStored();
    }

    @ParameterizedTest
    @ValueSource(strings = { "PUT /plans/analyze", "POST /plans" })
    void oversizeChunkedBody(String endpoint) throws Exception {
        byte[] bytes = oversize().getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> response = send(endpoint,
                BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)));
        JsonNode problem = assertProblem(response, 413);
        assertThat(problem.get("detail").asText()).isEqualTo("the request body is over the limit of 2000 bytes");
        assertNothingStored();
    }

    @Test
    void unexpectedErrorIsAGeneric500() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/probe/boom"))
                .header("Authorization", TestTokens.ADMIN_BEARER).GET().build(),
                BodyHandlers.ofString());
        assertProblem(response, 500);
        assertThat(response.body()).doesNotContain("secret", "IllegalState");
    }

    @Test
    void unknownPlanIs404() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri("/probe/plans/p-42"))
                .header("Authorization", TestTokens.ADMIN_BEARER).GET().build(),
                BodyHandlers.ofString());
        assertThat(assertProblem(response, 404).get("detail").asText()).isEqualTo("Plan 'p-42' not found");
    }

    @Test
    void springClientErrorsKeepTheirDefaults() throws Exception {
        HttpResponse<String> response = send("PATCH /plans", BodyPublishers.noBody());
        assertThat(assertProblem(response, 405).get("title").asText()).isEqualTo("Method Not Allowed");
    }

    // --- helpers ---

    /** A valid document padded with extra accounts past the 2000-byte cap of this test. */
    private static String oversize() {
        StringBuilder accounts = new StringBuilder();
        for (int i = 2; i < 40; i++) {
            accounts.append(", { \"id\": \"A").append(i).append("\", \"sectorId\": \"GREENTECH\", \"regionId\": \"MUC\", \"tier\": \"C\" }");
        }
        String body = VALID.replace("\"tier\": \"A\" }", "\"tier\": \"A\" }" + accounts);
        assertThat(body.length()).isGreaterThan(2000);
        return body;
    }

    /** Sends the body, expects one 400 problem+json and returns its single entry of errors. */
    private JsonNode badRequest(String endpoint, String body) throws Exception {
        JsonNode problem = assertProblem(send(endpoint, BodyPublishers.ofString(body)), 400);
        assertThat(problem.get("title").asText()).isEqualTo("Invalid plan");
        assertThat(problem.get("detail").asText()).isEqualTo("1 problem in the plan document");
        assertThat(problem.get("errors")).hasSize(1);
        if (endpoint.startsWith("POST")) {
            assertNothingStored();
        }
        return problem.get("errors").get(0);
    }

    private void assertNothingStored() throws Exception {
        HttpResponse<String> list = http.send(HttpRequest.newBuilder(uri("/plans"))
                .header("Authorization", TestTokens.ADMIN_BEARER).GET().build(),
                BodyHandlers.ofString());
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(MAPPER.readTree(list.body())).isEmpty();
    }

    private HttpResponse<String> send(String endpoint, BodyPublisher body) throws Exception {
        String[] methodAndPath = endpoint.split(" ");
        HttpRequest request = HttpRequest.newBuilder(uri(methodAndPath[1]))
                .header("Authorization", TestTokens.ADMIN_BEARER)
                .header("Content-Type", "application/json")
                .method(methodAndPath[0], body)
                .build();
        return http.send(request, BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
