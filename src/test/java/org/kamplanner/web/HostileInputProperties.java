package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.kamplanner.KamPlannerApplication;
import org.kamplanner.TestTokens;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Mutated plan documents (fields dropped, wrong types, huge numbers, unicode, duplicates, dangling
 * references, deep nesting) never get a 5xx: every refusal is problem+json naming a path, and a
 * refused document leaves nothing stored.
 */
class HostileInputProperties {

    enum Mutation { REMOVE, SET, DUPLICATE }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static ConfigurableApplicationContext service;
    private static String base;
    private static JsonNode valid;
    private static List<String> paths;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeContainer
    static void start() throws IOException {
        service = new SpringApplicationBuilder(KamPlannerApplication.class).run("--server.port=0",
                "--logging.level.org.kamplanner=WARN", "--kam-planner.solver.max-unfinished-plans=1000");
        base = "http://localhost:" + service.getEnvironment().getProperty("local.server.port");
        try (InputStream in = HostileInputProperties.class.getResourceAsStream("/plans/tiny.json")) {
            ObjectNode document = (ObjectNode) MAPPER.readTree(in);
            ((ObjectNode) document.get("settings")).put("terminationSeconds", 1);
            valid = document;
        }
        paths = new ArrayList<>();
        collectPaths(valid, "", paths);
    }

    @AfterContainer
    static void stop() {
        service.close();
    }

    @Property(tries = 300)
    void noMutationGetsA5xxAndNoRefusalIsStored(@ForAll("paths") String path, @ForAll Mutation mutation,
            @ForAll("values") JsonNode value) throws Exception {
        String body = MAPPER.writeValueAsString(mutate(valid.deepCopy(), path, mutation, value));
        int storedBefore = storedPlans();

        for (String[] endpoint : new String[][] { { "PUT", "/plans/analyze" }, { "POST", "/plans" } }) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + endpoint[1]))
                    .header("Authorization", TestTokens.ADMIN_BEARER)
                    .header("Content-Type", "application/json")
                    .method(endpoint[0], HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(),
                    HttpResponse.BodyHandlers.ofString());
            int status = response.statusCode();
            assertThat(status).as(endpoint[1] + " " + response.body()).isIn(200, 202, 400, 413);
            if (status >= 400) {
                assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                JsonNode problem = MAPPER.readTree(response.body());
                assertThat(problem.get("errors")).as(response.body()).isNotEmpty();
                problem.get("errors").forEach(error -> assertThat(error.get("path").asText()).isNotBlank());
                assertThat(response.body()).doesNotContain("Exception", "\tat ", "org.kamplanner");
            }
            if (endpoint[0].equals("POST") && status != 202) {
                assertThat(storedPlans()).as("nothing stored for a refused document").isEqualTo(storedBefore);
            }
        }
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of(paths);
    }

    @Provide
    Arbitrary<JsonNode> values() {
        ArrayNode deep = NODES.arrayNode();
        ArrayNode inner = deep;
        for (int i = 0; i < 500; i++) {
            inner = inner.addArray();
        }
        return Arbitraries.of(NODES.nullNode(), NODES.textNode(""), NODES.textNode("Zürich ☃ 日本語 \u0000 \uD83D\uDE00"),
                NODES.textNode("NOPE"), NODES.textNode("x".repeat(100_000)), NODES.numberNode(-1), NODES.numberNode(0),
                NODES.numberNode(3.5), NODES.numberNode(Long.MAX_VALUE), NODES.numberNode(1e300),
                NODES.numberNode(new java.math.BigInteger("1" + "0".repeat(40))), NODES.booleanNode(true),
                NODES.arrayNode(), NODES.objectNode(), deep);
    }

    /** All stored plans, not one page of them. */
    private int storedPlans() throws Exception {
        return Integer.parseInt(http.send(HttpRequest.newBuilder(URI.create(base + "/plans?limit=1"))
                .header("Authorization", TestTokens.ADMIN_BEARER).build(),
                HttpResponse.BodyHandlers.ofString()).headers().firstValue("X-Total-Count").orElseThrow());
    }

    /** Every field and list element of the document, as a JSON pointer. */
    private static void collectPaths(JsonNode node, String path, List<String> into) {
        if (node.isObject()) {
            for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
                String name = names.next();
                into.add(path + "/" + name);
                collectPaths(node.get(name), path + "/" + name, into);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                into.add(path + "/" + i);
                collectPaths(node.get(i), path + "/" + i, into);
            }
        }
    }

    private static JsonNode mutate(JsonNode document, String path, Mutation mutation, JsonNode value) {
        int cut = path.lastIndexOf('/');
        JsonNode parent = document.at(path.substring(0, cut));
        String key = path.substring(cut + 1);
        if (parent.isObject()) {
            ObjectNode object = (ObjectNode) parent;
            switch (mutation) {
                case REMOVE -> object.remove(key);
                case SET -> object.set(key, value);
                case DUPLICATE -> object.set(key, NODES.arrayNode().add(object.get(key)).add(object.get(key)));
            }
        } else {
            ArrayNode array = (ArrayNode) parent;
            int index = Integer.parseInt(key);
            switch (mutation) {
                case REMOVE -> array.remove(index);
                case SET -> array.set(index, value);
                case DUPLICATE -> array.insert(index, array.get(index).deepCopy());
            }
        }
        return document;
    }
}
