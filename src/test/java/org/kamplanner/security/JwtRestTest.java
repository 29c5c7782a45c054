package org.kamplanner.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;

/**
 * JWTs of the company's identity provider: the service started with
 * {@code spring.security.oauth2.resourceserver.jwt.issuer-uri} pointing at a small OpenID provider
 * served here (its discovery document and its signing key), callers with roles in the {@code roles}
 * claim. The service's own API tokens keep working beside them.
 */
class JwtRestTest {

    private static final String ADMIN_TOKEN = "jwt-test-admin-token-" + "x".repeat(32);

    private static HttpServer provider;
    private static String issuer;
    private static RSAKey key;
    private static ConfigurableApplicationContext service;
    private static String base;

    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        key = new RSAKeyGenerator(2048).keyID("k1").generate();
        provider = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        issuer = "http://localhost:" + provider.getAddress().getPort() + "/realms/sales";
        serve("/realms/sales/.well-known/openid-configuration", "{\"issuer\": \"" + issuer + "\", \"jwks_uri\": \""
                + issuer + "/certs\", \"subject_types_supported\": [\"public\"]}");
        serve("/realms/sales/certs", new JWKSet(key.toPublicJWK()).toString());
        provider.start();
        Path dataDir = Files.createTempDirectory("kam-planner-jwt");
        service = SecurityRestTest.startService(dataDir, Map.of("KAM_PLANNER_ADMIN_TOKEN", ADMIN_TOKEN),
                "--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + issuer);
        base = SecurityRestTest.base(service);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (provider != null) {
            provider.stop(0);
        }
    }

    @Test
    void aPlannersJwtSubmitsButManagesNoTokens() throws Exception {
        String jwt = jwt(key, issuer, List.of("offline_access", "PLANNER"), Instant.now().plusSeconds(300));
        assertThat(send("GET", "/plans", jwt, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/plans", jwt, "{}").statusCode()).isEqualTo(400); // allowed; the empty document is not
        HttpResponse<String> tokens = send("GET", "/admin/tokens", jwt, null);
        assertThat(tokens.statusCode()).isEqualTo(403);
        assertThat(tokens.body()).contains("(PLANNER)");
    }

    @Test
    void theStrongestRoleNamedCounts() throws Exception {
        String viewer = jwt(key, issuer, "viewer", Instant.now().plusSeconds(300));
        assertThat(send("GET", "/plans", viewer, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/plans", viewer, "{}").statusCode()).isEqualTo(403);
        String admin = jwt(key, issuer, List.of("VIEWER", "ROLE_ADMIN"), Instant.now().plusSeconds(300));
        assertThat(send("GET", "/admin/tokens", admin, null).statusCode()).isEqualTo(200);
    }

    /** PLANNER and APPROVER sit side by side: an approver's JWT approves, plans nothing; one naming both does both. */
    @Test
    void anApproversJwtApprovesButPlansNothing() throws Exception {
        String approver = jwt(key, issuer, List.of("APPROVER"), Instant.now().plusSeconds(300));
        assertThat(send("GET", "/plans", approver, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/plans", approver, "{}").statusCode()).isEqualTo(403);
        assertThat(send("POST", "/plans/nope/approve", approver, "{}").statusCode()).isEqualTo(404); // allowed
        String planner = jwt(key, issuer, List.of("PLANNER"), Instant.now().plusSeconds(300));
        assertThat(send("POST", "/plans/nope/approve", planner, "{}").statusCode()).isEqualTo(403);
        String both = jwt(key, issuer, List.of("PLANNER", "APPROVER"), Instant.now().plusSeconds(300));
        assertThat(send("POST", "/plans", both, "{}").statusCode()).isEqualTo(400); // allowed; the empty document is not
        assertThat(send("POST", "/plans/nope/approve", both, "{}").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/audit", both, null).statusCode()).isEqualTo(403);
    }

    @Test
    void aJwtWithoutARoleMayCallNothing() throws Exception {
        String nobody = jwt(key, issuer, List.of("sales-team"), Instant.now().plusSeconds(300));
        HttpResponse<String> response = send("GET", "/plans", nobody, null);
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(response.body()).contains("(none)");
    }

    @Test
    void anExpiredForgedOrForeignJwtIsUnauthorized() throws Exception {
        RSAKey otherKey = new RSAKeyGenerator(2048).keyID("k1").generate();
        for (String jwt : List.of(
                jwt(key, issuer, List.of("ADMIN"), Instant.now().minusSeconds(600)),
                jwt(otherKey, issuer, List.of("ADMIN"), Instant.now().plusSeconds(300)),
                jwt(key, "https://login.example.com/realms/other", List.of("ADMIN"), Instant.now().plusSeconds(300)))) {
            HttpResponse<String> response = send("GET", "/plans", jwt, null);
            assertThat(response.statusCode()).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    value -> assertThat(value).startsWith("Bearer").contains("error=\"invalid_token\""));
        }
    }

    @Test
    void theServicesOwnTokensWorkBesideJwts() throws Exception {
        assertThat(send("GET", "/admin/tokens", ADMIN_TOKEN, null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/plans", "neither-a-token-nor-a-jwt", null).statusCode()).isEqualTo(401);
    }

    /** How identity providers write roles: a list, a string, nested (Keycloak), under a URL (Auth0). */
    @Test
    void rolesAreReadFromTheConfiguredClaim() {
        assertThat(new JwtRoles("roles").role(Map.of("roles", List.of("kam-user", "Planner")))).contains(Role.PLANNER);
        assertThat(new JwtRoles("roles").role(Map.of("roles", "VIEWER, ADMIN"))).contains(Role.ADMIN);
        assertThat(new JwtRoles("roles").role(Map.of("roles", "ROLE_viewer"))).contains(Role.VIEWER);
        assertThat(new JwtRoles("roles").role(Map.of("roles", List.of("SUPERUSER", 7)))).isEmpty();
        assertThat(new JwtRoles("roles").role(Map.of("groups", List.of("ADMIN")))).isEmpty();
        assertThat(new JwtRoles("realm_access.roles").role(
                Map.of("realm_access", Map.of("roles", List.of("offline_access", "PLANNER"))))).contains(Role.PLANNER);
        assertThat(new JwtRoles("https://kam.example.com/roles").role(
                Map.of("https://kam.example.com/roles", List.of("ADMIN")))).contains(Role.ADMIN);
        assertThat(new JwtRoles("realm_access.roles").role(Map.of("realm_access", "PLANNER"))).isEmpty();
    }

    private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + token);
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String jwt(RSAKey signingKey, String iss, Object roles, Instant expires) throws JOSEException {
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(signingKey.getKeyID()).build(),
                new JWTClaimsSet.Builder().issuer(iss).subject("anna.schmidt").claim("roles", roles)
                        .issueTime(Date.from(expires.minusSeconds(900))).expirationTime(Date.from(expires)).build());
        jwt.sign(new RSASSASigner(signingKey));
        return jwt.serialize();
    }

    private static void serve(String path, String json) {
        provider.createContext(path, exchange -> {
            byte[] body = json.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
