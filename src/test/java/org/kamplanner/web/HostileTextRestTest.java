package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kamplanner.web.ProblemAssertions.assertProblem;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.kamplanner.TestTokens;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Issue 30's hostile text over a real HTTP port: YAML bodies, ids no URL reaches or that look like
 * others, names with hidden or reordering characters, and values too long to echo. Each is one 400 (or
 * 415) problem+json naming the path and the value, shortened, with nothing of Java in it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileTextRestTest {

    private static final String VALID = """
            { "name": "hostile text",
              "sectors": [ { "id": "GREENTECH", "maxAccountsPerKam": 10 } ],
              "regions": [ { "id": "MUC", "latitude": 48.137, "longitude": 11.575 } ],
              "kams": [ { "id": "K01", "name": "Anna", "homeRegionId": "MUC", "experienceYears": 8, "capacityMinutes": 7200 } ],
              "accounts": [ { "id": "A0001", "name": "Solarwerk", "sectorId": "GREENTECH", "regionId": "MUC", "tier": "A" } ] }
            """;
    private static final String YAML = """
            name: yaml plan
            sectors: [{id: GREENTECH, maxAccountsPerKam: "10"}]
            regions: [{id: MUC, latitude: 48.137, longitude: 11.575}]
            kams: [{id: K01, homeRegionId: MUC, experienceYears: 8, capacityMinutes: 7200, active: yes}]
            accounts: [{id: A0001, sectorId: GREENTECH, regionId: MUC, tier: A}]
            """;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @LocalServerPort
    private int port;

    @Test
    void theValidDocumentOfThisTestIsAccepted() throws Exception {
        assertThat(send("PUT", "/plans/analyze", "application/json", VALID).statusCode()).isEqualTo(200);
    }

    /** Defect 5: YAML skipped the JSON strictness ("10" as a number, yes as true) and cost CPU squared. */
    @ParameterizedTest
    @ValueSource(strings = { "application/yaml", "application/x-yaml", "text/yaml" })
    void yamlBodiesAre415AndNothingIsStored(String type) throws Exception {
        String before = get("/plans").body();
        for (String[] endpoint : new String[][] { { "PUT", "/plans/analyze" }, { "POST", "/plans" } }) {
            HttpResponse<String> response = send(endpoint[0], endpoint[1], type, YAML);
            assertProblem(response, 415);
        }
        assertThat(get("/plans").body()).isEqualTo(before);
    }

    /** springdoc writes its YAML description itself; refusing YAML bodies leaves it as it was. */
    @Test
    void theOpenApiDescriptionIsStillServedAsYaml() throws Exception {
        HttpResponse<String> yaml = get("/v3/api-docs.yaml");
        assertThat(yaml.statusCode()).isEqualTo(200);
        assertThat(yaml.body()).startsWith("openapi: ").contains("/plans/analyze:");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "kams[0].id      | K/01",
            "kams[0].id      | K 01",
            "kams[0].id      | K%2F01",
            "kams[0].id      | K?01",
            "kams[0].id      | K#01",
            "kams[0].id      | K\\01",
            "accounts[0].id  | A0001\\u0000",
            "sectors[0].id   | GREENTECH\\u202e",
            "regions[0].id   | M\\u200bUC",
            "kams[0].id      | \\u041a01" })
    void idsOutsideLettersDigitsAndDotUnderscoreDashColonAreRefused(String path, String escaped) throws Exception {
        String id = unescape(escaped);
        ObjectNode document = valid();
        ObjectNode holder = (ObjectNode) document.at("/" + path.replace("[", "/").replace("]", "").replace(".", "/")
                .replaceAll("/id$", ""));
        holder.put("id", id);
        // A sector or region refused by its id leaves its references unknown too: those are other paths.
        JsonNode error = errorAt(document, path);
        assertThat(error.get("message").asText()).startsWith(
                "an id may hold only the letters A-Z and a-z, digits and . _ - : (was '");
        // Hidden characters are named by their code, never sent back as themselves.
        assertThat(error.get("message").asText()).doesNotContain("\u0000", "\u202e", "\u200b");
    }

    @Test
    void aCyrillicLookAlikeIdIsRefusedNotTakenForAnother() throws Exception {
        ObjectNode document = valid();
        ((ObjectNode) document.at("/kams/0")).put("id", "\u041a01"); // Cyrillic К, as "K01" looks
        JsonNode error = oneError(document);
        assertThat(error.get("path").asText()).isEqualTo("kams[0].id");
        assertThat(error.get("message").asText()).endsWith("(was '\u041a01')");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "name              | plan\\u0000         | U+0000 | 5",
            "kams[0].name      | Anna\\r\\nBob       | U+000D | 5",
            "accounts[0].name  | \\u202eksrewraloS   | U+202E | 1",
            "accounts[0].name  | Solar\\u200bwerk    | U+200B | 6",
            "sectors[0].name   | \\ufeffGreentech    | U+FEFF | 1",
            "regions[0].name   | M\\u2066\\u00fcnchen | U+2066 | 2" })
    void namesWithHiddenOrReorderingCharactersAreRefused(String path, String escaped, String code, int position)
            throws Exception {
        ObjectNode document = valid();
        String[] steps = path.replace("[", ".").replace("]", "").split("\\.");
        ObjectNode holder = document;
        for (int i = 0; i < steps.length - 1; i++) {
            JsonNode next = steps[i].matches("\\d+") ? holder.get(Integer.parseInt(steps[i])) : holder.get(steps[i]);
            holder = (ObjectNode) (next.isArray() ? next.get(Integer.parseInt(steps[++i])) : next);
        }
        holder.put(steps[steps.length - 1], unescape(escaped));
        JsonNode error = oneError(document);
        assertThat(error.get("path").asText()).isEqualTo(path);
        assertThat(error.get("message").asText()).startsWith("holds the invisible or text-reordering character " + code
                + " at position " + position + ",").contains("(was '").doesNotContain("\u0000", "\r", "\u202e");
    }

    @Test
    void umlautsAccentsAndOtherScriptsStayWelcomeInNames() throws Exception {
        ObjectNode document = valid();
        ((ObjectNode) document.at("/kams/0")).put("name", "Zoë Müller-Łukasiewicz 李");
        ((ObjectNode) document.at("/accounts/0")).put("name", "Ölwerk \"Süd\" & Co. KG — שלום");
        assertThat(send("PUT", "/plans/analyze", "application/json", MAPPER.writeValueAsString(document)).statusCode())
                .isEqualTo(200);
    }

    /** Defect 6: a 100,000-digit value came back whole, a 100 KB error. */
    @Test
    void hugeValuesAreEchoedShortened() throws Exception {
        String digits = "9".repeat(100_000);
        HttpResponse<String> number = send("PUT", "/plans/analyze", "application/json",
                VALID.replace("\"capacityMinutes\": 7200", "\"capacityMinutes\": " + digits));
        assertProblem(number, 400);
        assertThat(number.body().length()).isLessThan(1_000);

        ObjectNode document = valid();
        ((ObjectNode) document.at("/accounts/0")).put("tier", "T".repeat(100_000));
        ((ObjectNode) document.at("/kams/0")).put("homeRegionId", "R".repeat(99));
        HttpResponse<String> text = send("PUT", "/plans/analyze", "application/json", MAPPER.writeValueAsString(document));
        assertProblem(text, 400);
        assertThat(text.body().length()).isLessThan(1_500);
        assertThat(MAPPER.readTree(text.body()).get("errors").findValuesAsText("message"))
                .anySatisfy(message -> assertThat(message).contains("'" + "R".repeat(60) + "…'"));

        // A field name is echoed in the path and the message: both shortened.
        HttpResponse<String> field = send("PUT", "/plans/analyze", "application/json",
                VALID.replace("\"experienceYears\"", "\"" + "x".repeat(40_000) + "\": 1, \"experienceYears\""));
        JsonNode error = assertProblem(field, 400).get("errors").get(0);
        assertThat(field.body().length()).isLessThan(1_000);
        assertThat(error.get("path").asText()).isEqualTo("kams[0]." + "x".repeat(60) + "…");
    }

    // --- helpers ---

    private static ObjectNode valid() throws Exception {
        return (ObjectNode) MAPPER.readTree(VALID);
    }

    /** "\\u202e" and "\\r" of the CSV sources as the characters. */
    private static String unescape(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && text.startsWith("u", i + 1)) {
                out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                i += 5;
            } else if (c == '\\' && i + 1 < text.length() && "rn".indexOf(text.charAt(i + 1)) >= 0) {
                out.append(text.charAt(i + 1) == 'r' ? '\r' : '\n');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private JsonNode errorAt(ObjectNode document, String path) throws Exception {
        JsonNode problem = assertProblem(send("PUT", "/plans/analyze", "application/json",
                MAPPER.writeValueAsString(document)), 400);
        List<JsonNode> at = new ArrayList<>();
        problem.get("errors").forEach(error -> {
            if (error.get("path").asText().equals(path)) {
                at.add(error);
            }
        });
        assertThat(at).as(problem.toString()).hasSize(1);
        return at.get(0);
    }

    private JsonNode oneError(ObjectNode document) throws Exception {
        HttpResponse<String> response = send("PUT", "/plans/analyze", "application/json",
                MAPPER.writeValueAsString(document));
        JsonNode problem = assertProblem(response, 400);
        assertThat(problem.get("errors")).as(response.body()).hasSize(1);
        return problem.get("errors").get(0);
    }

    private HttpResponse<String> send(String method, String path, String type, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", TestTokens.ADMIN_BEARER)
                .header("Content-Type", type).header("Accept-Language", "en")
                .method(method, BodyPublishers.ofString(body)).build(), BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", TestTokens.ADMIN_BEARER).GET().build(),
                BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
