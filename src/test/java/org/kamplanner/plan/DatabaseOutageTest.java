package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Duration;
import java.util.UUID;

import org.h2.tools.Server;
import org.junit.jupiter.api.AfterAll;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The database becomes unusable under a running service (here: the H2 server it talks to goes away,
 * as a database host or a closed embedded store would): health says DOWN, status only, and requests
 * that need the database get a 503 problem+json with Retry-After, those that sign in with a token
 * of the database included, never a 500.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class DatabaseOutageTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Server DATABASE = startDatabase();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry properties) {
        properties.add("spring.datasource.url", () -> "jdbc:h2:tcp://localhost:" + DATABASE.getPort()
                + "/mem:outage-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        // The outage is noticed within half a second instead of the production 5 s.
        properties.add("spring.datasource.hikari.connection-timeout", () -> "500");
        properties.add("spring.datasource.hikari.validation-timeout", () -> "250");
    }

    private static Server startDatabase() {
        try {
            return Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopDatabase() {
        DATABASE.stop();
    }

    private TestRestTemplate rest;

    @Autowired
    void rest(TestRestTemplate shared) {
        rest = TestTokens.asAdmin(shared);
    }

    @Test
    void anUnusableDatabaseIsHealthDownAnd503s() throws IOException {
        assertThat(rest.getForEntity("/actuator/health", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode issued = MAPPER.readTree(rest.postForEntity("/admin/tokens",
                json("{\"name\": \"outage\", \"role\": \"VIEWER\"}"), String.class).getBody());
        String storedToken = issued.get("token").asText();
        assertThat(get("/plans", storedToken).getStatusCode()).isEqualTo(HttpStatus.OK);

        DATABASE.stop();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            ResponseEntity<String> health = get("/actuator/health", null);
            assertThat(health.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(MAPPER.readTree(health.getBody())).isEqualTo(MAPPER.readTree("{\"status\": \"DOWN\"}"));
        });
        // Signed in without the database (the admin token), the plan cannot be stored.
        assertUnavailable(rest.postForEntity("/plans", json(tinyPlan()), String.class));
        // A token of the database cannot be checked: 503, not 401 (it may be valid) and not 500.
        assertUnavailable(get("/plans", storedToken));
    }

    private static void assertUnavailable(ResponseEntity<String> response) throws IOException {
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(response.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
        assertThat(response.getBody()).doesNotContain("java.", "Exception", "org.", "jdbc", "\tat ");
        assertThat(MAPPER.readTree(response.getBody()).get("status").asInt()).isEqualTo(503);
    }

    private ResponseEntity<String> get(String path, String token) {
        HttpHeaders headers = new HttpHeaders();
        // Overrides the admin token that asAdmin adds; an empty token is no token (health is public).
        headers.set(HttpHeaders.AUTHORIZATION, token == null ? "" : "Bearer " + token);
        return rest.exchange(path, HttpMethod.GET, new HttpEntity<>(headers), String.class);
    }

    private static HttpEntity<String> json(String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return new HttpEntity<>(body, headers);
    }

    private static String tinyPlan() throws IOException {
        try (InputStream in = DatabaseOutageTest.class.getResourceAsStream("/plans/tiny.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
