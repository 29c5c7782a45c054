package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.kamplanner.AdminRestTest;
import org.kamplanner.security.Role;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the approval and audit tests share: tokens of every role, solved tiny plans, calls as a role. */
abstract class PlanFamilyCalls extends AdminRestTest {

    /** A token per role but ADMIN (the tests' admin token), made once through the API. */
    private static final Map<Role, String> TOKENS = new EnumMap<>(Role.class);

    protected String token(Role role) {
        if (role == Role.ADMIN) {
            return org.kamplanner.TestTokens.ADMIN;
        }
        synchronized (TOKENS) {
            return TOKENS.computeIfAbsent(role, r -> {
                JsonNode issued = rest.postForObject("/admin/tokens",
                        Map.of("name", "approver test " + r, "role", r.name()), JsonNode.class);
                return issued.get("token").asText();
            });
        }
    }

    /** A call as {@code role} (null: the admin token); {@code body} null for none. */
    protected ResponseEntity<JsonNode> call(Role role, HttpMethod method, String path, Object body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token(role == null ? Role.ADMIN : role));
        if (body != null) {
            headers.setContentType(MediaType.APPLICATION_JSON);
        }
        return rest.exchange(path, method, new HttpEntity<>(body, headers), JsonNode.class);
    }

    protected ResponseEntity<JsonNode> post(Role role, String path, Object body) {
        return call(role, HttpMethod.POST, path, body);
    }

    protected ObjectNode tinyPlan() {
        try (InputStream in = getClass().getResourceAsStream("/plans/tiny.json")) {
            return budgeted((ObjectNode) mapper.readTree(in), 2_000);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plan submitted and solved to its end (COMPLETED): a finished draft. */
    protected String solved(ObjectNode plan) {
        String id = rest.postForObject("/plans", plan, JsonNode.class).get("id").asText();
        awaitFinished(id);
        return id;
    }

    protected String solvedTiny() {
        return solved(tinyPlan());
    }

    protected void awaitFinished(String id) {
        await().atMost(Duration.ofSeconds(60)).until(
                () -> rest.getForObject("/plans/{id}/status", JsonNode.class, id).get("status").asText(),
                status -> status.equals("COMPLETED") || status.equals("TERMINATED"));
    }

    /** A finished tiny plan, proposed. */
    protected String proposedTiny() {
        String id = solvedTiny();
        assertThat(post(Role.PLANNER, "/plans/" + id + "/propose", null).getStatusCode().value()).isEqualTo(200);
        return id;
    }

    /** A finished tiny plan, proposed and approved from 2027-01-01. */
    protected String approvedTiny() {
        String id = proposedTiny();
        ResponseEntity<JsonNode> approved = post(Role.APPROVER, "/plans/" + id + "/approve",
                Map.of("effectiveFrom", "2027-01-01", "note", "as agreed"));
        assertThat(approved.getStatusCode().value()).as("%s", approved.getBody()).isEqualTo(200);
        return id;
    }

    protected String state(String id) {
        return rest.getForObject("/plans/{id}", JsonNode.class, id).at("/approval/state").asText();
    }
}
