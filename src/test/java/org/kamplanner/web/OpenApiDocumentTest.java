package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The published OpenAPI document, read without a token as a developer would: an OpenAPI 3 document
 * (structure, every $ref resolves), every endpoint of the service in it with its real success status
 * and problem+json errors, every schema's fields described, the plan document's enums as enums; Swagger UI
 * served from the jar.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OpenApiDocumentTest {

    /** The context's template, which sends no token: TestTokens.asAdmin gives the admin tests a copy of it. */
    @Autowired
    TestRestTemplate anonymous;

    JsonNode api;

    @BeforeEach
    void read() {
        ResponseEntity<JsonNode> response = anonymous.getForEntity("/v3/api-docs", JsonNode.class);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        api = response.getBody();
    }

    @Test
    void isAnOpenApi3DocumentWithTitleVersionAndBearerSecurity() {
        assertThat(api.get("openapi").asText()).startsWith("3.");
        assertThat(api.at("/info/title").asText()).isEqualTo("KAM Planner API");
        assertThat(api.at("/info/version").asText()).isNotBlank().isNotEqualTo("v0");
        assertThat(api.at("/info/description").asText()).contains("problem+json");
        assertThat(api.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        // Every operation has responses; every reference points at a schema that exists.
        List<String> refs = new ArrayList<>();
        collectRefs(api, refs);
        assertThat(refs).isNotEmpty().allSatisfy(ref -> assertThat(api.at(ref.substring(1)).isMissingNode())
                .as(ref).isFalse());
    }

    @Test
    void listsEveryEndpointOfTheService(
            @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        Set<String> served = ServedEndpoints.of(mappings);
        Set<String> documented = new TreeSet<>();
        api.get("paths").properties().forEach(path -> path.getValue().properties().forEach(
                operation -> documented.add(operation.getKey().toUpperCase() + " " + path.getKey())));
        assertThat(documented).containsAll(served);
        api.get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation ->
                assertThat(operation.getValue().get("responses").size()).as(path.getKey()).isPositive()));
    }

    @Test
    void operationsShowTheirRealStatusesAndProblemBodies() {
        JsonNode submit = api.at("/paths/~1plans/post/responses");
        assertThat(submit.has("202")).isTrue();
        assertThat(submit.has("200")).isFalse();
        for (String status : List.of("400", "401", "403", "413", "429", "503")) {
            assertThat(submit.at("/" + status + "/content/application~1problem+json/schema/$ref").asText())
                    .as(status).isEqualTo("#/components/schemas/Problem");
        }
        assertThat(api.at("/paths/~1plans~1{id}/get/responses").has("404")).isTrue();
        assertThat(api.at("/paths/~1plans~1{id}~1solve/post/responses").has("409")).isTrue();
        assertThat(api.at("/paths/~1plans~1{id}/delete/responses").has("204")).isTrue();
        assertThat(api.at("/components/schemas/Problem/properties/errors/items/properties/path").isObject()).isTrue();
        // dach-small as the example of a plan to submit.
        JsonNode example = api.at("/paths/~1plans/post/requestBody/content/application~1json/examples/dach-small/value");
        assertThat(example.get("accounts")).hasSize(60);
    }

    @Test
    void everySchemasFieldsAreDescribedAndThePlanDocumentsEnumsAreEnums() {
        // The plan document's schemas must be there (a rename would otherwise pass unnoticed).
        assertThat(api.at("/components/schemas").fieldNames()).toIterable().contains("PlanDocument", "Settings",
                "Sector", "Region", "TravelOverride", "ForbiddenPair", "Affinity", "Kam", "Account", "Summary", "Move",
                "PlanBound", "PlanStatusView");
        List<String> undescribed = new ArrayList<>();
        api.at("/components/schemas").properties().forEach(schema -> schema.getValue().path("properties").properties()
                .forEach(p -> {
                    if (p.getValue().path("description").asText().isBlank()) {
                        undescribed.add(schema.getKey() + "." + p.getKey());
                    }
                }));
        assertThat(undescribed).isEmpty();
        assertThat(api.at("/components/schemas/Kam/properties/capacityMinutes/description").asText())
                .contains("minutes", "7200");
        assertThat(api.at("/components/schemas/Account/properties/tier/enum")).extracting(JsonNode::asText)
                .containsExactly("A", "B", "C");
        assertThat(api.at("/components/schemas/Settings/properties/mode/enum")).extracting(JsonNode::asText)
                .containsExactly("ANNUAL", "REBALANCE");
    }

    @Test
    void swaggerUiIsServedFromTheJarWithoutAToken() {
        ResponseEntity<String> page = anonymous.getForEntity("/swagger-ui/index.html", String.class);
        assertThat(page.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(page.getBody()).contains("swagger-ui-bundle.js").doesNotContain("https://");
        assertThat(anonymous.getForEntity("/swagger-ui/swagger-ui-bundle.js", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(anonymous.getForObject("/v3/api-docs/swagger-config", JsonNode.class).get("url").asText())
                .isEqualTo("/v3/api-docs");
        // The API itself still needs a token.
        assertThat(anonymous.getForEntity("/plans", String.class).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    private static void collectRefs(JsonNode node, List<String> refs) {
        if (node.isObject()) {
            node.properties().forEach(e -> {
                if (e.getKey().equals("$ref")) {
                    refs.add(e.getValue().asText());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collectRefs(child, refs));
        }
    }
}
