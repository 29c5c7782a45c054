package org.kamplanner.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Date;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * An identity provider is configured but cannot be reached (here: a port nobody listens on). A
 * request with a JWT cannot be checked: 503 problem+json with Retry-After, never a 500, and the
 * service's own tokens keep working.
 */
class UnreachableIdentityProviderTest {

    private static final String ADMIN_TOKEN = "idp-down-test-admin-token-" + "x".repeat(32);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String issuer;
    private static ConfigurableApplicationContext service;
    private static String base;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        issuer = "http://localhost:" + closedPort() + "/realms/sales";
        service = SecurityRestTest.startService(Files.createTempDirectory("kam-planner-idp-down"),
                Map.of("KAM_PLANNER_ADMIN_TOKEN", ADMIN_TOKEN),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer);
        base = SecurityRestTest.base(service);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    /** The issuer's discovery document cannot be fetched (Spring Boot looks it up on the first JWT). */
    @Test
    void aJwtWhoseIssuerCannotBeReachedIs503() throws Exception {
        for (int attempt = 0; attempt < 2; attempt++) { // the lazy lookup is retried, and fails the same way
            HttpResponse<String> response = send(jwt(issuer));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
            assertThat(response.body()).doesNotContain("java.", "Exception", "localhost", "\tat ");
            JsonNode problem = MAPPER.readTree(response.body());
            assertThat(problem.get("status").asInt()).isEqualTo(503);
            assertThat(problem.get("detail").asText()).contains("cannot be checked");
        }
    }

    @Test
    void theServicesOwnTokensStillWork() throws Exception {
        assertThat(send(ADMIN_TOKEN).statusCode()).isEqualTo(200);
    }

    /** The provider's key set cannot be fetched (jwk-set-uri, or the keys of a discovered issuer). */
    @Test
    void aKeySetThatCannotBeFetchedIsSignInUnavailableNotAServerError() throws Exception {
        JwtAuthenticationProvider provider = new JwtAuthenticationProvider(
                NimbusJwtDecoder.withJwkSetUri("http://localhost:" + closedPort() + "/certs").build());
        assertThatThrownBy(() -> SecurityConfig.jwt(provider, new BearerTokenAuthenticationToken(jwt(issuer))))
                .isInstanceOf(SignInUnavailableException.class);
    }

    private HttpResponse<String> send(String token) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(base + "/plans")).header("Authorization", "Bearer " + token)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String jwt(String iss) throws JOSEException {
        var key = new RSAKeyGenerator(2048).keyID("k1").generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID("k1").build(),
                new JWTClaimsSet.Builder().issuer(iss).subject("anna.schmidt").claim("roles", "PLANNER")
                        .expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    /** A port that was free a moment ago: nothing listens on it. */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
