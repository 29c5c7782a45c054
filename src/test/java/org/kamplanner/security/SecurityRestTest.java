package org.kamplanner.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kamplanner.KamPlannerApplication;
import org.kamplanner.TestTokens;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.context.support.StandardServletEnvironment;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who may call what, over real HTTP: every endpoint with no token (401), a role too weak (403) and the
 * role it needs (neither); the life of an API token; the admin token from KAM_PLANNER_ADMIN_TOKEN and
 * the one a first start writes; the public health status; a cross-site form; the security headers.
 * Requests that pass the role check name plans that do not exist or send empty bodies, so they answer
 * 404 or 400 and change nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureObservability // the Prometheus endpoint exists only with metrics export on
@ExtendWith(OutputCaptureExtension.class)
class SecurityRestTest {

    /** One endpoint: how to call it harmlessly, and the least role that may (null: anyone). */
    record Endpoint(String method, String pattern, String path, String body, Role role) {

        @Override
        public String toString() {
            return method + " " + path + " → " + (role == null ? "public" : role);
        }

        Endpoint head() {
            return new Endpoint("HEAD", pattern, path, null, role);
        }
    }

    private static final String MULTIPART = "multipart";

    /**
     * The API, by controller; README "The API in brief" and the Security section. Each GET row has a HEAD
     * row too: a HEAD is answered by the GET's handler and needs the GET's role (a VIEWER's HEAD /plans
     * was a 403, issue 30).
     */
    static Stream<Endpoint> endpoints() {
        List<Endpoint> rows = rows();
        return Stream.concat(rows.stream(), rows.stream().filter(e -> e.method().equals("GET")).map(Endpoint::head));
    }

    private static List<Endpoint> rows() {
        return List.of(
                // PlanController
                new Endpoint("GET", "/plans", "/plans", null, Role.VIEWER),
                new Endpoint("POST", "/plans", "/plans", "{}", Role.PLANNER),
                new Endpoint("GET", "/plans/{id}", "/plans/nope", null, Role.VIEWER),
                new Endpoint("GET", "/plans/{id}/status", "/plans/nope/status", null, Role.VIEWER),
                new Endpoint("DELETE", "/plans/{id}", "/plans/nope", null, Role.PLANNER),
                new Endpoint("DELETE", "/plans/{id}", "/plans/nope?purge=true", null, Role.ADMIN),
                new Endpoint("DELETE", "/plans/{id}", "/plans/nope?purge=1", null, Role.ADMIN),
                new Endpoint("POST", "/plans/{id}/solve", "/plans/nope/solve", null, Role.PLANNER),
                new Endpoint("GET", "/plans/{id}/analysis", "/plans/nope/analysis", null, Role.VIEWER),
                new Endpoint("PUT", "/plans/analyze", "/plans/analyze", "{}", Role.VIEWER),
                // AccountController
                new Endpoint("GET", "/plans/{id}/accounts/{accountId}/explanation", "/plans/nope/accounts/A1/explanation",
                        null, Role.VIEWER),
                new Endpoint("POST", "/plans/{id}/recommendations", "/plans/nope/recommendations",
                        "{\"accountId\": \"A1\"}", Role.VIEWER),
                new Endpoint("POST", "/plans/{id}/accounts", "/plans/nope/accounts", "{}", Role.PLANNER),
                // ApprovalController: approving is the APPROVER's, not the PLANNER's (four eyes); AuditController
                new Endpoint("POST", "/plans/{id}/propose", "/plans/nope/propose", null, Role.PLANNER),
                new Endpoint("POST", "/plans/{id}/approve", "/plans/nope/approve", "{}", Role.APPROVER),
                new Endpoint("POST", "/plans/{id}/reject", "/plans/nope/reject", "{}", Role.APPROVER),
                new Endpoint("GET", "/plans/{id}/audit", "/plans/nope/audit", null, Role.VIEWER),
                new Endpoint("GET", "/audit", "/audit", null, Role.ADMIN),
                new Endpoint("GET", "/audit.csv", "/audit.csv", null, Role.ADMIN),
                // RebalanceController, CompareController
                new Endpoint("POST", "/plans/{id}/rebalance", "/plans/nope/rebalance", "{}", Role.PLANNER),
                new Endpoint("POST", "/plans/{id}/problem-changes", "/plans/nope/problem-changes",
                        "{\"leavingKamIds\": [\"K1\"]}", Role.PLANNER),
                new Endpoint("GET", "/plans/compare", "/plans/compare?ids=nope,nada", null, Role.VIEWER),
                // FrontierController
                new Endpoint("POST", "/plans/{id}/frontier", "/plans/nope/frontier", "{}", Role.PLANNER),
                new Endpoint("GET", "/frontiers/{id}", "/frontiers/nope", null, Role.VIEWER),
                // CsvController
                new Endpoint("POST", "/plans/import", "/plans/import", MULTIPART, Role.PLANNER),
                new Endpoint("GET", "/plans/{id}/export/{table}.csv", "/plans/nope/export/kams.csv", null, Role.VIEWER),
                new Endpoint("POST", "/plans/import/xlsx", "/plans/import/xlsx", MULTIPART, Role.PLANNER),
                new Endpoint("GET", "/plans/{id}/export/plan.xlsx", "/plans/nope/export/plan.xlsx", null, Role.VIEWER),
                new Endpoint("POST", "/plans/import/crm", "/plans/import/crm", MULTIPART, Role.PLANNER),
                new Endpoint("GET", "/import/crm/mapping", "/import/crm/mapping", null, Role.VIEWER),
                new Endpoint("GET", "/plans/{id}/export/owner-changes.csv", "/plans/nope/export/owner-changes.csv",
                        null, Role.VIEWER),
                // DemoDataController, the OpenAPI document
                new Endpoint("GET", "/demo-data", "/demo-data", null, Role.VIEWER),
                new Endpoint("GET", "/demo-data/{name}", "/demo-data/dach-small", null, Role.VIEWER),
                // The API's description and Swagger UI are public; the calls made from it need a token.
                new Endpoint("GET", "/v3/api-docs", "/v3/api-docs", null, null),
                new Endpoint("GET", "/v3/api-docs.yaml", "/v3/api-docs.yaml", null, null),
                new Endpoint("GET", "/v3/api-docs/swagger-config", "/v3/api-docs/swagger-config", null, null),
                new Endpoint("GET", "/swagger-ui.html", "/swagger-ui/index.html", null, null),
                // TokenController, MeController
                new Endpoint("GET", "/me", "/me", null, Role.VIEWER),
                new Endpoint("GET", "/admin/tokens", "/admin/tokens", null, Role.ADMIN),
                new Endpoint("POST", "/admin/tokens", "/admin/tokens", "{}", Role.ADMIN),
                new Endpoint("DELETE", "/admin/tokens/{id}", "/admin/tokens/nope", null, Role.ADMIN),
                // Actuator
                new Endpoint("GET", null, "/actuator/health", null, null),
                new Endpoint("GET", null, "/actuator/metrics", null, Role.ADMIN),
                new Endpoint("GET", null, "/actuator/prometheus", null, Role.ADMIN),
                new Endpoint("GET", null, "/actuator/info", null, Role.ADMIN),
                // The page
                new Endpoint("GET", null, "/", null, null),
                new Endpoint("GET", null, "/index.html", null, null),
                new Endpoint("GET", null, "/app.css", null, null),
                new Endpoint("GET", null, "/js/api.js", null, null),
                new Endpoint("GET", null, "/data/world-outline.geojson", null, null),
                new Endpoint("GET", null, "/webjars/leaflet/dist/leaflet.js", null, null));
    }

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https://tile.openstreetmap.org; connect-src 'self'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** A token per role, made once through the API by the admin token. */
    private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    // ************************************************************************
    // Every endpoint × role
    // ************************************************************************

    @ParameterizedTest(name = "{0}")
    @MethodSource("endpoints")
    void everyEndpointNeedsItsRole(Endpoint endpoint) throws Exception {
        if (endpoint.role() == null) {
            assertThat(call(endpoint, null).statusCode()).isEqualTo(200);
            return;
        }
        assertUnauthorized(call(endpoint, null));
        for (Role role : Role.values()) {
            HttpResponse<String> response = call(endpoint, token(role));
            if (!role.includes(endpoint.role())) {
                JsonNode problem = assertProblem(response, 403);
                if (problem != null) {
                    assertThat(problem.get("detail").asText()).contains("(" + role + ")");
                }
            } else {
                assertThat(response.statusCode()).as(role + ": " + response.body()).isNotIn(401, 403).isLessThan(500);
            }
        }
    }

    @Test
    void everyEndpointOfTheServiceHasARowInTheTable(
            @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        Set<String> served = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            String owner = method.getBeanType().getName();
            if (owner.startsWith("org.kamplanner.") || owner.startsWith("org.springdoc.")) {
                served.addAll(keys(info));
            }
        });
        // HEAD is served by the GET mappings, which list GET only.
        Set<String> tabled = new TreeSet<>(endpoints().filter(e -> e.pattern() != null && !e.method().equals("HEAD"))
                .map(e -> e.method() + " " + e.pattern()).toList());
        // A new endpoint must be given its role here (and in SecurityConfig); a removed one leaves the table.
        assertThat(tabled).isEqualTo(served);
    }

    @Test
    void theOpenApiDocumentAsksForABearerToken() throws Exception {
        JsonNode api = MAPPER.readTree(send("GET", "/v3/api-docs", token(Role.VIEWER), null).body());
        assertThat(api.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(api.at("/security/0").has("bearer")).isTrue();
    }

    // ************************************************************************
    // Tokens
    // ************************************************************************

    @Test
    void aTokenIsCreatedUsedListedWithoutItsSecretAndRevoked() throws Exception {
        HttpResponse<String> created = send("POST", "/admin/tokens", TestTokens.ADMIN,
                "{\"name\": \"nightly export\", \"role\": \"PLANNER\"}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode issued = MAPPER.readTree(created.body());
        String id = issued.get("id").asText();
        String secret = issued.get("token").asText();
        assertThat(issued.properties()).extracting(Map.Entry::getKey).containsExactly("id", "name", "role", "token");
        assertThat(issued.get("name").asText()).isEqualTo("nightly export");
        assertThat(issued.get("role").asText()).isEqualTo("PLANNER");
        assertThat(secret).matches("[A-Za-z0-9_-]{43}"); // 32 bytes, URL-safe base64 without padding
        assertThat(created.headers().firstValue("Location")).hasValue("/admin/tokens/" + id);
        assertThat(created.headers().firstValue("Cache-Control")).hasValue("no-store");

        // Used: a PLANNER may submit (an empty document: 400), not manage tokens.
        assertThat(send("GET", "/plans", secret, null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/plans", secret, "{}").statusCode()).isEqualTo(400);
        assertProblem(send("GET", "/admin/tokens", secret, null), 403);

        // Listed without its secret; stored as its SHA-256 only.
        HttpResponse<String> list = send("GET", "/admin/tokens", TestTokens.ADMIN, null);
        assertThat(list.body()).doesNotContain(secret);
        JsonNode listed = stream(MAPPER.readTree(list.body())).filter(t -> t.get("id").asText().equals(id)).findFirst()
                .orElseThrow();
        assertThat(listed.properties()).extracting(Map.Entry::getKey).containsExactly("id", "name", "role", "createdAt");
        String stored = jdbc.sql("select token_hash from api_token where id = ?").param(id).query(String.class).single();
        assertThat(stored).isEqualTo(HexFormat.of().formatHex(ApiTokens.sha256(secret))).isNotEqualTo(secret);

        // Revoked: refused from the next request on.
        assertThat(send("DELETE", "/admin/tokens/" + id, TestTokens.ADMIN, null).statusCode()).isEqualTo(204);
        HttpResponse<String> revoked = send("GET", "/plans", secret, null);
        assertUnauthorized(revoked);
        assertThat(revoked.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).contains("error=\"invalid_token\""));
        assertProblem(send("DELETE", "/admin/tokens/" + id, TestTokens.ADMIN, null), 404);
    }

    @Test
    void aTokenRequestNamesEveryProblem() throws Exception {
        JsonNode problem = assertProblem(send("POST", "/admin/tokens", TestTokens.ADMIN,
                "{\"name\": \"line\\nbreak\", \"role\": \"ROOT\"}"), 400);
        assertThat(problem.get("title").asText()).isEqualTo("Invalid token request");
        assertThat(problem.at("/errors/0/path").asText()).isEqualTo("name");
        assertThat(problem.at("/errors/0/message").asText()).isEqualTo("must not contain control characters");
        assertThat(problem.at("/errors/1/path").asText()).isEqualTo("role");
        assertThat(problem.at("/errors/1/message").asText()).isEqualTo("unknown role 'ROOT' (allowed: VIEWER, PLANNER, APPROVER, ADMIN)");

        problem = assertProblem(send("POST", "/admin/tokens", TestTokens.ADMIN, "{\"name\": \"" + "x".repeat(201) + "\"}"), 400);
        assertThat(problem.at("/errors/0/message").asText()).isEqualTo("at most 200 characters, got 201");
        assertThat(problem.at("/errors/1/message").asText()).isEqualTo("required: VIEWER, PLANNER, APPROVER or ADMIN");
    }

    @Test
    void anAdminTokenMadeThroughTheApiManagesTokens() throws Exception {
        String admin = create(Role.ADMIN);
        assertThat(send("GET", "/admin/tokens", admin, null).statusCode()).isEqualTo(200);
    }

    @Test
    void onlyABearerTokenInTheHeaderCounts() throws Exception {
        assertUnauthorized(send("GET", "/plans?access_token=" + TestTokens.ADMIN, null, null));
        assertUnauthorized(http.send(request("/plans").header("Authorization", "Basic YWRtaW46YWRtaW4=").GET().build(),
                HttpResponse.BodyHandlers.ofString()));
        HttpResponse<String> wrong = send("GET", "/plans", "not-a-token", null);
        assertUnauthorized(wrong);
        assertThat(wrong.body()).doesNotContain("not-a-token");
    }

    /** KAM_PLANNER_ADMIN_TOKEN through the service's own application.properties, as in production. */
    @Test
    void theAdminTokenFromTheEnvironmentIsAnAdmin(@TempDir Path dataDir) throws Exception {
        String secret = "env-admin-token-" + "x".repeat(32);
        try (ConfigurableApplicationContext service = startService(dataDir, Map.of("KAM_PLANNER_ADMIN_TOKEN", secret))) {
            String base = base(service);
            assertThat(send(base, "GET", "/admin/tokens", secret, null).statusCode()).isEqualTo(200);
            assertUnauthorized(send(base, "GET", "/plans", TestTokens.ADMIN, null));
        }
        assertThat(dataDir.resolve("admin-token")).as("no first-start token beside an admin token").doesNotExist();
    }

    @Test
    void theFirstStartWritesAnAdminTokenForTheOwnerOnly(@TempDir Path dataDir, CapturedOutput output) throws Exception {
        Path file = dataDir.resolve("admin-token");
        String secret;
        try (ConfigurableApplicationContext service = startService(dataDir, Map.of())) {
            assertThat(file).exists();
            assertThat(Files.getPosixFilePermissions(file))
                    .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
            secret = Files.readString(file).trim();
            assertThat(send(base(service), "GET", "/admin/tokens", secret, null).statusCode()).isEqualTo(200);
        }
        assertThat(output.getAll()).contains("wrote it to " + file.toAbsolutePath()).doesNotContain(secret);

        // Started again: a token exists, so none is made; the first one still works.
        Files.delete(file);
        try (ConfigurableApplicationContext service = startService(dataDir, Map.of())) {
            assertThat(file).doesNotExist();
            assertThat(send(base(service), "GET", "/plans", secret, null).statusCode()).isEqualTo(200);
        }
    }

    // ************************************************************************
    // Operations, CSRF, headers
    // ************************************************************************

    @Test
    void healthIsPublicWithDetailsForAdminOnly() throws Exception {
        JsonNode anonymous = MAPPER.readTree(send("GET", "/actuator/health", null, null).body());
        assertThat(anonymous.get("status").asText()).isEqualTo("UP");
        assertThat(anonymous.has("components")).isFalse();
        assertThat(MAPPER.readTree(send("GET", "/actuator/health", token(Role.PLANNER), null).body()).has("components"))
                .isFalse();
        JsonNode admin = MAPPER.readTree(send("GET", "/actuator/health", TestTokens.ADMIN, null).body());
        assertThat(admin.at("/components/db/status").asText()).isEqualTo("UP");
    }

    @Test
    void prometheusIsForAdminOnly() throws Exception {
        assertUnauthorized(send("GET", "/actuator/prometheus", null, null));
        assertProblem(send("GET", "/actuator/prometheus", token(Role.PLANNER), null), 403);
        HttpResponse<String> metrics = send("GET", "/actuator/prometheus", TestTokens.ADMIN, null);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes");
    }

    /** What another site's page can make a signed-in planner's browser send: a form, with cookies, without the header. */
    @Test
    void aCrossSiteFormPostIsUnauthorized() throws Exception {
        int plans = MAPPER.readTree(send("GET", "/plans?limit=1000", TestTokens.ADMIN, null).body()).size();
        String boundary = "----evil";
        String multipart = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"kams.csv\"; filename=\"kams.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nid,homeRegionId\r\nK1,MUC\r\n--" + boundary + "--\r\n";
        for (String[] form : new String[][] { { "multipart/form-data; boundary=" + boundary, multipart },
                { "application/x-www-form-urlencoded", "kams.csv=id%2ChomeRegionId" },
                { "text/plain", "{\"kams\": []}" } }) {
            HttpResponse<String> response = http.send(request("/plans/import?base=dach-small")
                    .header("Content-Type", form[0])
                    .header("Origin", "https://evil.example")
                    .header("Referer", "https://evil.example/page.html")
                    .header("Cookie", "JSESSIONID=4F2A; token=" + TestTokens.ADMIN)
                    .POST(HttpRequest.BodyPublishers.ofString(form[1])).build(), HttpResponse.BodyHandlers.ofString());
            assertUnauthorized(response);
        }
        assertThat(MAPPER.readTree(send("GET", "/plans?limit=1000", TestTokens.ADMIN, null).body())).hasSize(plans);
    }

    @Test
    void everyResponseCarriesTheSecurityHeaders() throws Exception {
        List<HttpResponse<String>> responses = new ArrayList<>(List.of(
                send("GET", "/", null, null),
                send("GET", "/js/main.js", null, null),
                send("GET", "/plans", TestTokens.ADMIN, null),
                send("GET", "/plans", null, null),
                send("GET", "/admin/tokens", token(Role.VIEWER), null),
                send("GET", "/plans/nope", TestTokens.ADMIN, null),
                send("GET", "/actuator/health", null, null)));
        for (HttpResponse<String> response : responses) {
            assertThat(response.headers().firstValue("Content-Security-Policy")).as(response.uri().toString()).hasValue(CSP);
            assertThat(response.headers().firstValue("X-Frame-Options")).as(response.uri().toString()).hasValue("DENY");
            assertThat(response.headers().firstValue("X-Content-Type-Options")).as(response.uri().toString()).hasValue("nosniff");
            assertThat(response.headers().firstValue("Referrer-Policy")).as(response.uri().toString()).hasValue("no-referrer");
        }
        // Refused before Spring Security runs: a declared body over the cap (BodySizeLimitFilter, 413).
        String tooLarge = rawRequest("POST /plans HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
                + "Content-Length: 999999999\r\nConnection: close\r\n\r\n");
        assertThat(tooLarge).startsWith("HTTP/1.1 413").contains("Content-Security-Policy: " + CSP,
                "X-Frame-Options: DENY", "X-Content-Type-Options: nosniff", "Referrer-Policy: no-referrer");
    }

    @Test
    void thePageHasNothingInlineForTheContentSecurityPolicyToBlock() throws Exception {
        String html = send("GET", "/", null, null).body();
        assertThat(html).doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>") // every script from a file
                .doesNotContainPattern("(?i)\\sstyle\\s*=")
                .doesNotContainPattern("(?i)\\son[a-z]+\\s*=")
                .doesNotContain("<style", "javascript:");
    }

    // ************************************************************************
    // Helpers
    // ************************************************************************

    @Test
    void meNamesEveryRoleTheCallerHolds() throws Exception {
        assertThat(MAPPER.readTree(send("GET", "/me", token(Role.APPROVER), null).body()).get("roles"))
                .extracting(JsonNode::asText).containsExactly("VIEWER", "APPROVER");
        assertThat(MAPPER.readTree(send("GET", "/me", token(Role.PLANNER), null).body()).get("roles"))
                .extracting(JsonNode::asText).containsExactly("VIEWER", "PLANNER");
        JsonNode admin = MAPPER.readTree(send("GET", "/me", TestTokens.ADMIN, null).body());
        assertThat(admin.get("roles")).extracting(JsonNode::asText)
                .containsExactly("VIEWER", "PLANNER", "APPROVER", "ADMIN");
        assertThat(admin.get("name").asText()).isNotBlank();
    }

    private String token(Role role) throws Exception {
        if (role == Role.ADMIN) {
            return TestTokens.ADMIN;
        }
        synchronized (TOKENS) {
            String token = TOKENS.get(role);
            if (token == null) {
                token = create(role);
                TOKENS.put(role, token);
            }
            return token;
        }
    }

    private String create(Role role) throws Exception {
        HttpResponse<String> response = send("POST", "/admin/tokens", TestTokens.ADMIN,
                "{\"name\": \"SecurityRestTest " + role + "\", \"role\": \"" + role + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return MAPPER.readTree(response.body()).get("token").asText();
    }

    private HttpResponse<String> call(Endpoint endpoint, String token) throws Exception {
        HttpRequest.Builder request = request(endpoint.path());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (MULTIPART.equals(endpoint.body())) {
            // No files: a PLANNER gets a 400 naming the missing kams.csv.
            request.header("Content-Type", "multipart/form-data; boundary=b")
                    .method(endpoint.method(), HttpRequest.BodyPublishers.ofString("--b--\r\n"));
        } else if (endpoint.body() != null) {
            request.header("Content-Type", "application/json")
                    .method(endpoint.method(), HttpRequest.BodyPublishers.ofString(endpoint.body()));
        } else {
            request.method(endpoint.method(), HttpRequest.BodyPublishers.noBody());
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String token, String json) throws Exception {
        return send("http://localhost:" + port, method, path, token, json);
    }

    private HttpResponse<String> send(String base, String method, String path, String token, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
    }

    /**
     * The head of the response to a request as written, for what HttpClient will not send (a Content-Length
     * that is not the body's). Only the head: the rest of the stream ends when Tomcat gives up waiting for
     * the body announced (it reads it to keep the connection in step), after its connection timeout.
     */
    private String rawRequest(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder head = new StringBuilder();
            while (head.indexOf("\r\n\r\n") < 0) {
                int next = in.read();
                if (next < 0) {
                    break;
                }
                head.append((char) next);
            }
            return head.toString();
        }
    }

    private static void assertUnauthorized(HttpResponse<String> response) throws Exception {
        assertProblem(response, 401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).startsWith("Bearer"));
    }

    /** The problem of the answer; null for a HEAD, whose answer has the problem's headers and no body. */
    private static JsonNode assertProblem(HttpResponse<String> response, int status) throws Exception {
        assertThat(response.statusCode()).as(response.request().method() + " " + response.uri() + " " + response.body())
                .isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        if (response.request().method().equals("HEAD")) {
            assertThat(response.body()).isEmpty();
            return null;
        }
        JsonNode problem = MAPPER.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("detail").asText()).isNotBlank();
        return problem;
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static List<String> keys(RequestMappingInfo info) {
        List<String> keys = new ArrayList<>();
        for (String pattern : info.getPatternValues()) {
            info.getMethodsCondition().getMethods().forEach(method -> keys.add(method.name() + " " + pattern));
        }
        return keys;
    }

    /**
     * The service as it runs in production: its own application.properties only (not the tests'), an
     * environment of the given variables, H2 in {@code dataDir}.
     */
    static ConfigurableApplicationContext startService(Path dataDir, Map<String, Object> environment, String... args) {
        StandardServletEnvironment env = new StandardServletEnvironment();
        env.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
        List<String> arguments = new ArrayList<>(List.of("--spring.config.location=classpath:/application.properties",
                "--kam-planner.data-dir=" + dataDir, "--server.port=0", "--logging.level.org.kamplanner.plan=WARN"));
        arguments.addAll(List.of(args));
        return new SpringApplicationBuilder(KamPlannerApplication.class).environment(env).run(arguments.toArray(String[]::new));
    }

    static String base(ConfigurableApplicationContext context) {
        return "http://localhost:" + context.getEnvironment().getProperty("local.server.port");
    }
}
