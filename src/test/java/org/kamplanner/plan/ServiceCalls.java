package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.kamplanner.TestTokens;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Calls to a service these tests start themselves (a second context, a child JVM, a replica) as the
 * admin, over plain HTTP: the plan tests that restart or kill a service share them.
 */
final class ServiceCalls {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private ServiceCalls() {
    }

    /** GET as JSON; anything but 200 fails the test with the path and the body. */
    static JsonNode get(String base, String path) throws Exception {
        HttpResponse<String> response = send(base, "GET", path, null);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return MAPPER.readTree(response.body());
    }

    static HttpResponse<String> send(String base, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", TestTokens.ADMIN_BEARER);
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A bundled plan document (a class-path resource) submitted with a time limit: its id, once accepted (202). */
    static String submit(String base, String resource, int seconds) throws Exception {
        ObjectNode document;
        try (InputStream in = ServiceCalls.class.getResourceAsStream(resource)) {
            document = (ObjectNode) MAPPER.readTree(in);
        }
        document.putObject("settings").put("terminationSeconds", seconds);
        HttpResponse<String> response = send(base, "POST", "/plans", MAPPER.writeValueAsString(document));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return MAPPER.readTree(response.body()).get("id").asText();
    }

    static String baseUrl(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
