package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.kamplanner.crm.CrmFixtures;
import org.kamplanner.security.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The audit log over a real HTTP port. Every endpoint that can change state (every request mapping of the
 * service but GET and the two that only score or rank) has a successful call below, and each such call
 * leaves an entry naming its action and plan: a new endpoint without an entry, or without a row here, fails.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditRestTest extends PlanFamilyCalls {

    /** Mappings that are not GET yet change nothing (SecurityConfig lets a VIEWER call them). */
    private static final Set<String> READS = Set.of("PUT /plans/analyze", "POST /plans/{id}/recommendations");

    /** "METHOD pattern", and after a "?" what distinguishes two calls of one mapping. */
    static Stream<String> changes() {
        return Stream.of("POST /plans", "DELETE /plans/{id}", "DELETE /plans/{id}?purge", "POST /plans/{id}/solve",
                "POST /plans/{id}/accounts", "POST /plans/{id}/rebalance", "POST /plans/{id}/problem-changes",
                "POST /plans/{id}/frontier",
                "POST /plans/import", "POST /plans/import/xlsx", "POST /plans/import/crm", "POST /plans/{id}/propose",
                "POST /plans/{id}/approve", "POST /plans/{id}/reject", "POST /admin/tokens", "DELETE /admin/tokens/{id}");
    }

    @Test
    void everyEndpointThatChangesStateHasARowHere(
            @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings) {
        Set<String> served = ServedEndpoints.of(mappings);
        served.removeIf(key -> key.startsWith("GET ") || READS.contains(key));
        assertThat(new TreeSet<>(changes().map(key -> key.replaceFirst("\\?.*", "")).toList())).isEqualTo(served);
    }

    /** What a call did: the plan its entry names (null for a token) and what the entry says. */
    record Done(String planId, String action, String detail) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void everyChangeWritesAnEntry(String change) {
        Done done = perform(change);
        JsonNode entries = done.planId() == null
                ? rest.getForObject("/audit?limit=20", JsonNode.class)
                : rest.getForObject("/plans/{id}/audit", JsonNode.class, done.planId());
        List<String> seen = new ArrayList<>();
        for (JsonNode entry : entries) {
            seen.add(entry.get("action").asText() + ": " + entry.get("detail").asText());
        }
        assertThat(seen).as(change).anySatisfy(entry -> assertThat(entry).startsWith(done.action() + ": ")
                .contains(done.detail()));
        JsonNode newest = entries.get(0);
        assertThat(newest.get("at").asText()).isNotBlank();
        assertThat(newest.get("actor").asText()).isNotBlank();
        assertThat(newest.get("role").asText()).isIn("PLANNER", "APPROVER", "ADMIN");
    }

    private Done perform(String change) {
        switch (change) {
            case "POST /plans" -> {
                String id = expect(post(Role.PLANNER, "/plans", tinyPlan()), 202).get("id").asText();
                return new Done(id, "SUBMIT", "submitted plan 'Tiny hand-built plan' (4 accounts, 2 KAMs)");
            }
            case "DELETE /plans/{id}" -> {
                String id = solvedTiny();
                expect(call(Role.PLANNER, HttpMethod.DELETE, "/plans/" + id, null), 200);
                return new Done(id, "STOP", "stopped the solve (it was COMPLETED)");
            }
            case "DELETE /plans/{id}?purge" -> {
                String id = approvedTiny();
                assertThat(call(null, HttpMethod.DELETE, "/plans/" + id + "?purge=true", null).getStatusCode().value())
                        .isEqualTo(204);
                // The plan is gone; its entries stay.
                return new Done(id, "PURGE", "purged plan 'Tiny hand-built plan' (it was APPROVED)");
            }
            case "POST /plans/{id}/solve" -> {
                String id = solvedTiny();
                expect(post(Role.PLANNER, "/plans/" + id + "/solve", null), 202);
                return new Done(id, "SOLVE", "solving again from score");
            }
            case "POST /plans/{id}/accounts" -> {
                String id = solvedTiny();
                expect(post(Role.PLANNER, "/plans/" + id + "/accounts", Map.of("kamId", "K1", "account", Map.of(
                        "id", "A9", "name", "Neu", "sectorId", "SERVICES", "regionId", "MUC", "tier", "C"))), 200);
                return new Done(id, "ACCOUNT_ADD", "added account A9 on K1");
            }
            case "POST /plans/{id}/rebalance" -> {
                String id = solvedTiny();
                String child = expect(post(Role.PLANNER, "/plans/" + id + "/rebalance",
                        Map.of("leavingKamIds", List.of("K2"))), 202).get("id").asText();
                return new Done(child, "REBALANCE", "rebalanced plan " + id);
            }
            case "POST /plans/{id}/problem-changes" -> {
                ObjectNode plan = tinyPlan();
                ((ObjectNode) plan.get("settings")).put("workBudget", 2_000_000_000).put("terminationSeconds", 60);
                String id = rest.postForObject("/plans", plan, JsonNode.class).get("id").asText();
                await().atMost(Duration.ofSeconds(30)).until(
                        () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                        "SOLVING"::equals);
                ResponseEntity<JsonNode> change2 = post(Role.PLANNER, "/plans/" + id + "/problem-changes",
                        Map.of("leavingKamIds", List.of("K2")));
                rest.delete("/plans/{id}", id);
                expect(change2, 202);
                return new Done(id, "PROBLEM_CHANGE", "KAMs K2 leave the running solve");
            }
            case "POST /plans/{id}/frontier" -> {
                String id = solvedDachSmall();
                String frontier = expect(post(Role.PLANNER, "/plans/" + id + "/frontier", Map.of(
                        "maxMovedAccounts", List.of(0), "settings", Map.of("terminationSeconds", 1))), 202)
                        .get("id").asText();
                return new Done(id, "FRONTIER", "asked for the hand-over frontier " + frontier + ", caps 0");
            }
            case "POST /plans/import" -> {
                String source = solvedDachSmall();
                String kams = rest.getForObject("/plans/{id}/export/kams.csv", String.class, source);
                String accounts = rest.getForObject("/plans/{id}/export/assignments.csv", String.class, source);
                String id = expect(upload("/plans/import?base=dach-small&terminationSeconds=1",
                        Map.of("kams.csv", bytes(kams), "accounts.csv", bytes(accounts))), 202).get("id").asText();
                return new Done(id, "IMPORT", "imported plan");
            }
            case "POST /plans/import/xlsx" -> {
                String source = solvedDachSmall();
                byte[] workbook = rest.getForObject("/plans/{id}/export/plan.xlsx", byte[].class, source);
                String id = expect(upload("/plans/import/xlsx?terminationSeconds=1", Map.of("workbook", workbook)), 202)
                        .get("id").asText();
                return new Done(id, "IMPORT", "imported plan");
            }
            case "POST /plans/import/crm" -> {
                CrmFixtures fixtures = new CrmFixtures(40, 5, 3);
                JsonNode submitted = expect(upload("/plans/import/crm?terminationSeconds=1", Map.of(
                        "accounts", bytes(fixtures.accountsCsv()), "kams", bytes(fixtures.kamsCsv()))), 202);
                String baseline = submitted.get("baselinePlanId").asText();
                assertThat(rest.getForObject("/plans/{id}/audit", JsonNode.class, baseline).get(0).get("detail").asText())
                        .startsWith("stored today's assignment");
                return new Done(submitted.get("id").asText(), "IMPORT", "imported plan");
            }
            case "POST /plans/{id}/propose" -> {
                String id = solvedTiny();
                expect(post(Role.PLANNER, "/plans/" + id + "/propose", null), 200);
                return new Done(id, "PROPOSE", "proposed for approval");
            }
            case "POST /plans/{id}/approve" -> {
                String id = proposedTiny();
                expect(post(Role.APPROVER, "/plans/" + id + "/approve", Map.of("effectiveFrom", "2027-01-01",
                        "note", "as agreed with sales")), 200);
                return new Done(id, "APPROVE", "approved, effective 2027-01-01: as agreed with sales");
            }
            case "POST /plans/{id}/reject" -> {
                String id = proposedTiny();
                expect(post(Role.APPROVER, "/plans/" + id + "/reject", Map.of("note", "K2 is overloaded")), 200);
                return new Done(id, "REJECT", "rejected: K2 is overloaded");
            }
            case "POST /admin/tokens" -> {
                JsonNode issued = expect(post(null, "/admin/tokens", Map.of("name", "audit one", "role", "VIEWER")), 201);
                return new Done(null, "TOKEN_CREATE", "created token 'audit one' (VIEWER, id " + issued.get("id").asText());
            }
            case "DELETE /admin/tokens/{id}" -> {
                String id = expect(post(null, "/admin/tokens", Map.of("name", "audit two", "role", "VIEWER")), 201)
                        .get("id").asText();
                assertThat(call(null, HttpMethod.DELETE, "/admin/tokens/" + id, null).getStatusCode().value())
                        .isEqualTo(204);
                return new Done(null, "TOKEN_REVOKE", "revoked token " + id);
            }
            default -> throw new AssertionError("No call for " + change + ": add one that succeeds");
        }
    }

    @Test
    void theLogIsFilteredNewestFirstAndExportedAsCsv() {
        String id = approvedTiny();
        JsonNode entries = rest.getForObject("/plans/{id}/audit", JsonNode.class, id);
        assertThat(actions(entries)).containsExactly("APPROVE", "PROPOSE", "SUBMIT");
        assertThat(entries.get(0).get("actor").asText()).isEqualTo("approver test APPROVER");
        assertThat(entries.get(0).get("role").asText()).isEqualTo("APPROVER");
        assertThat(entries.get(0).get("planId").asText()).isEqualTo(id);
        // A VIEWER reads a plan's log.
        assertThat(call(Role.VIEWER, HttpMethod.GET, "/plans/" + id + "/audit", null).getBody()).isEqualTo(entries);

        String since = entries.get(1).get("at").asText();
        JsonNode filtered = rest.getForObject("/audit?planId={id}&actor={actor}&since={since}", JsonNode.class, id,
                "approver test PLANNER", since);
        assertThat(actions(filtered)).containsExactly("PROPOSE");
        assertThat(rest.getForObject("/audit?planId={id}&limit=2", JsonNode.class, id)).hasSize(2);
        assertThat(rest.getForObject("/audit?planId={id}&since=2999-01-01", JsonNode.class, id)).isEmpty();

        ResponseEntity<String> csv = rest.getForEntity("/audit.csv?planId={id}", String.class, id);
        assertThat(csv.getHeaders().getContentType().isCompatibleWith(MediaType.parseMediaType("text/csv"))).isTrue();
        List<String> lines = csv.getBody().lines().toList();
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("at,actor,role,action,planId,detail");
        assertThat(lines.get(1)).endsWith(",approver test APPROVER,APPROVER,APPROVE," + id
                + ",\"approved, effective 2027-01-01: as agreed\"");

        // In German for a German reader.
        HttpHeaders german = new HttpHeaders();
        german.set(HttpHeaders.ACCEPT_LANGUAGE, "de");
        JsonNode de = rest.exchange("/plans/" + id + "/audit", HttpMethod.GET, new HttpEntity<>(german), JsonNode.class)
                .getBody();
        assertThat(de.get(0).get("detail").asText()).isEqualTo("freigegeben, gültig ab 2027-01-01: as agreed");
    }

    @Test
    void badFiltersAreA400NamingEach() {
        ResponseEntity<JsonNode> bad = rest.getForEntity("/audit?since=yesterday&limit=0", JsonNode.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(bad.getBody().at("/errors/0/path").asText()).isEqualTo("since");
        assertThat(bad.getBody().at("/errors/0/message").asText())
                .isEqualTo("must be an instant (2026-12-07T10:00:00Z) or a day (2026-12-07), was 'yesterday'");
        assertThat(bad.getBody().at("/errors/1/path").asText()).isEqualTo("limit");
        assertThat(bad.getBody().at("/errors/1/message").asText()).isEqualTo("must be a whole number from 1 to 1,000 (entries), was '0'");
        assertThat(rest.getForEntity("/audit.csv?limit=x", JsonNode.class).getStatusCode().value()).isEqualTo(400);
        assertThat(rest.getForEntity("/plans/nope/audit", JsonNode.class).getStatusCode().value()).isEqualTo(404);
    }

    private static List<String> actions(JsonNode entries) {
        List<String> actions = new ArrayList<>();
        entries.forEach(e -> actions.add(e.get("action").asText()));
        return actions;
    }

    private static JsonNode expect(ResponseEntity<JsonNode> answer, int status) {
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(status);
        return answer.getBody();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private ResponseEntity<JsonNode> upload(String path, Map<String, byte[]> files) {
        MultiValueMap<String, Object> body = new LinkedMultiValueMap<>();
        files.forEach((name, content) -> body.add(name, new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name.contains(".") ? name : name + (name.equals("workbook") ? ".xlsx" : ".csv");
            }
        }));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        headers.setBearerAuth(token(Role.PLANNER));
        return rest.postForEntity(path, new HttpEntity<>(body, headers), JsonNode.class);
    }
}
