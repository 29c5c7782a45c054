package org.kamplanner.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.kamplanner.security.Role;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.http.ResponseEntity;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Lineage and approval over a real HTTP port: what every plan says about where it comes from, who may propose,
 * approve and reject, what an approved plan refuses, and the 409s and 400s that say why.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApprovalRestTest extends PlanFamilyCalls {

    @Test
    void everyPlanSaysWhoMadeItWhenHowAndFromWhich() {
        String id = solvedTiny();
        JsonNode plan = rest.getForObject("/plans/{id}", JsonNode.class, id);
        assertThat(plan.get("id").asText()).isEqualTo(id);
        assertThat(plan.get("createdBy").asText()).isEqualTo("admin-token");
        assertThat(plan.get("createdAt").asText()).isNotBlank();
        assertThat(plan.has("parentPlanId")).isFalse();
        assertThat(plan.get("origin").asText()).isEqualTo("SUBMITTED");
        assertThat(plan.at("/approval/state").asText()).isEqualTo("DRAFT");
        // A plan read is a document that can be submitted again as it is: the output fields are ignored.
        assertThat(rest.postForEntity("/plans", plan, JsonNode.class).getStatusCode().value()).isEqualTo(202);

        // A planner's token by its name; a rebalance is a child of its source.
        ResponseEntity<JsonNode> child = post(Role.PLANNER, "/plans/" + id + "/rebalance",
                Map.of("leavingKamIds", List.of("K2")));
        assertThat(child.getStatusCode().value()).as("%s", child.getBody()).isEqualTo(202);
        String childId = child.getBody().get("id").asText();
        JsonNode rebalanced = rest.getForObject("/plans/{id}", JsonNode.class, childId);
        assertThat(rebalanced.get("createdBy").asText()).isEqualTo("approver test PLANNER");
        assertThat(rebalanced.get("parentPlanId").asText()).isEqualTo(id);
        assertThat(rebalanced.get("origin").asText()).isEqualTo("REBALANCED");

        JsonNode listed = find(rest.getForObject("/plans?limit=1000", JsonNode.class), childId);
        assertThat(listed.get("parentPlanId").asText()).isEqualTo(id);
        assertThat(listed.get("origin").asText()).isEqualTo("REBALANCED");
        assertThat(listed.get("createdBy").asText()).isEqualTo("approver test PLANNER");
        assertThat(listed.at("/approval/state").asText()).isEqualTo("DRAFT");

        // The page's solve of a stored plan, edited: a child of that plan.
        ResponseEntity<JsonNode> edited = post(Role.PLANNER, "/plans?from=" + id, tinyPlan());
        assertThat(edited.getStatusCode().value()).as("%s", edited.getBody()).isEqualTo(202);
        JsonNode editedPlan = rest.getForObject("/plans/{id}", JsonNode.class, edited.getBody().get("id").asText());
        assertThat(editedPlan.get("origin").asText()).isEqualTo("EDITED");
        assertThat(editedPlan.get("parentPlanId").asText()).isEqualTo(id);
        assertThat(post(Role.PLANNER, "/plans?from=no-such-plan", tinyPlan()).getStatusCode().value()).isEqualTo(404);
    }

    static Stream<Arguments> roleTimesTransition() {
        return Stream.of(Role.values()).flatMap(role -> Stream.of(
                Arguments.of(role, "propose", role.includes(Role.PLANNER)),
                Arguments.of(role, "approve", role.includes(Role.APPROVER)),
                Arguments.of(role, "reject", role.includes(Role.APPROVER))));
    }

    @ParameterizedTest(name = "{0} {1}: allowed {2}")
    @MethodSource("roleTimesTransition")
    void everyRoleMayMakeTheTransitionsOfItsRoleOnly(Role role, String transition, boolean allowed) {
        String id = transition.equals("propose") ? solvedTiny() : proposedTiny();
        String before = state(id);
        ResponseEntity<JsonNode> answer = post(role, "/plans/" + id + "/" + transition,
                transition.equals("approve") ? Map.of("effectiveFrom", "2027-01-01") : null);
        if (!allowed) {
            assertThat(answer.getStatusCode().value()).isEqualTo(403);
            assertThat(state(id)).isEqualTo(before);
            return;
        }
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(200);
        String expected = switch (transition) {
            case "propose" -> "PROPOSED";
            case "approve" -> "APPROVED";
            default -> "DRAFT";
        };
        assertThat(answer.getBody().get("state").asText()).isEqualTo(expected);
        assertThat(state(id)).isEqualTo(expected);
        String by = role == Role.ADMIN ? "admin-token" : "approver test " + role;
        assertThat(answer.getBody().get("by").asText()).isEqualTo(by);
    }

    /** Each endpoint that would change a plan, as an ADMIN (who may do everything else). */
    static Stream<Arguments> mutations() {
        return Stream.of(
                Arguments.of("POST", "/solve", null),
                Arguments.of("DELETE", "", null),
                Arguments.of("POST", "/accounts", Map.of("kamId", "K1", "account", Map.of("id", "A9", "name", "Neu",
                        "sectorId", "SERVICES", "regionId", "MUC", "tier", "C"))),
                Arguments.of("POST", "/problem-changes", Map.of("leavingKamIds", List.of("K2"))),
                Arguments.of("POST", "/propose", null),
                Arguments.of("POST", "/approve", Map.of("effectiveFrom", "2027-02-01")),
                Arguments.of("POST", "/reject", Map.of("note", "no")));
    }

    @ParameterizedTest(name = "{0} /plans/'{'id'}'{1}")
    @MethodSource("mutations")
    void anApprovedPlanRefusesEveryChange(String method, String path, Object body) {
        String id = approvedTiny();
        JsonNode before = rest.getForObject("/plans/{id}", JsonNode.class, id);
        ResponseEntity<JsonNode> answer = call(null, HttpMethod.valueOf(method), "/plans/" + id + path, body);
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(409);
        assertThat(answer.getBody().get("approvalState").asText()).isEqualTo("APPROVED");
        assertThat(answer.getBody().get("detail").asText()).contains(id).containsAnyOf("approved", "read-only");
        JsonNode after = rest.getForObject("/plans/{id}", JsonNode.class, id);
        // What the plan is (its certificate may arrive meanwhile: computed after the solve, not a change).
        for (String field : List.of("status", "score", "warnings", "kams", "accounts", "approval")) {
            assertThat(after.get(field)).as(field).isEqualTo(before.get(field));
        }
        assertThat(rest.getForObject("/plans/{id}/audit", JsonNode.class, id).get(0).get("action").asText())
                .isEqualTo("APPROVE");
    }

    @Test
    void anApprovedPlanIsRebalancedIntoADraftAndApprovingThatSupersedesIt() {
        String parent = approvedTiny();
        ResponseEntity<JsonNode> child = post(Role.PLANNER, "/plans/" + parent + "/rebalance",
                Map.of("leavingKamIds", List.of("K2")));
        assertThat(child.getStatusCode().value()).as("%s", child.getBody()).isEqualTo(202);
        String childId = child.getBody().get("id").asText();
        awaitFinished(childId);
        assertThat(state(childId)).isEqualTo("DRAFT");
        // A grandchild through an unapproved draft still supersedes the approved grandparent.
        ResponseEntity<JsonNode> grandchild = post(Role.PLANNER, "/plans/" + childId + "/rebalance",
                Map.of("settings", Map.of("workBudget", 1_000)));
        assertThat(grandchild.getStatusCode().value()).as("%s", grandchild.getBody()).isEqualTo(202);
        String grandchildId = grandchild.getBody().get("id").asText();
        awaitFinished(grandchildId);
        assertThat(post(Role.PLANNER, "/plans/" + grandchildId + "/propose", null).getStatusCode().value()).isEqualTo(200);
        ResponseEntity<JsonNode> approved = post(Role.APPROVER, "/plans/" + grandchildId + "/approve",
                Map.of("effectiveFrom", "2027-07-01"));
        assertThat(approved.getStatusCode().value()).as("%s", approved.getBody()).isEqualTo(200);

        JsonNode superseded = rest.getForObject("/plans/{id}", JsonNode.class, parent).get("approval");
        assertThat(superseded.get("state").asText()).isEqualTo("SUPERSEDED");
        assertThat(superseded.get("effectiveFrom").asText()).isEqualTo("2027-01-01");
        assertThat(state(childId)).isEqualTo("DRAFT");
        assertThat(rest.getForObject("/plans/{id}/audit", JsonNode.class, parent).get(0).get("action").asText())
                .isEqualTo("SUPERSEDE");
    }

    @Test
    void theWorkbooksSummarySaysWhoApprovedThePlanAndFromWhen() throws Exception {
        String id = approvedTiny();
        byte[] workbook = rest.getForObject("/plans/{id}/export/plan.xlsx", byte[].class, id);
        StringBuilder text = new StringBuilder();
        // fastexcel streams its entries (sizes after the data): read through the central directory.
        Path file = Files.createTempFile("approved", ".xlsx");
        try {
            Files.write(file, workbook);
            try (ZipFile zip = new ZipFile(file.toFile())) {
                for (String name : List.of("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml")) {
                    ZipEntry entry = zip.getEntry(name);
                    if (entry != null) {
                        text.append(new String(zip.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8));
                    }
                }
            }
        } finally {
            Files.delete(file);
        }
        assertThat(text.toString()).contains("approvalState", "APPROVED", "approvedBy", "approver test APPROVER",
                "effectiveFrom", "2027-01-01", "approvalNote", "as agreed");
    }

    @Test
    void approvingSaysWhyItCannot() {
        String draft = solvedTiny();
        assertConflict(post(Role.APPROVER, "/plans/" + draft + "/approve", Map.of("effectiveFrom", "2027-01-01")),
                "DRAFT", "must be proposed");
        assertConflict(post(Role.APPROVER, "/plans/" + draft + "/reject", null), "DRAFT", "only a proposed plan");

        String approved = approvedTiny();
        assertConflict(post(Role.APPROVER, "/plans/" + approved + "/approve", Map.of("effectiveFrom", "2027-01-01")),
                "APPROVED", "already approved");

        // Infeasible: A1 (tier A, GreenTech) pinned to K2 (3 years, no GreenTech expertise).
        ObjectNode plan = tinyPlan();
        ((ObjectNode) plan.get("accounts").get(0)).put("assignedKamId", "K2").put("pinned", true);
        String infeasible = solved(plan);
        assertThat(post(Role.PLANNER, "/plans/" + infeasible + "/propose", null).getStatusCode().value()).isEqualTo(200);
        assertConflict(post(Role.APPROVER, "/plans/" + infeasible + "/approve", Map.of("effectiveFrom", "2027-01-01")),
                "PROPOSED", "infeasible");

        // Still solving: neither proposed nor approved.
        ObjectNode running = tinyPlan();
        ((ObjectNode) running.get("settings")).put("workBudget", 2_000_000_000).put("terminationSeconds", 60);
        String solving = rest.postForObject("/plans", running, JsonNode.class).get("id").asText();
        ResponseEntity<JsonNode> proposal = post(Role.PLANNER, "/plans/" + solving + "/propose", null);
        ResponseEntity<JsonNode> approval = post(Role.APPROVER, "/plans/" + solving + "/approve",
                Map.of("effectiveFrom", "2027-01-01"));
        rest.delete("/plans/{id}", solving);
        for (ResponseEntity<JsonNode> refused : List.of(proposal, approval)) {
            assertThat(refused.getStatusCode().value()).as("%s", refused.getBody()).isEqualTo(409);
            assertThat(refused.getBody().get("planStatus").asText()).isIn("SCHEDULED", "SOLVING");
            assertThat(refused.getBody().get("detail").asText()).contains("once it has finished");
        }

        ResponseEntity<JsonNode> unknown = post(Role.APPROVER, "/plans/nope/approve", Map.of("effectiveFrom", "2027-01-01"));
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aBadEffectiveDateOrNoteIsA400NamingIt() {
        String id = proposedTiny();
        assertBadField(post(Role.APPROVER, "/plans/" + id + "/approve", Map.of()), "effectiveFrom", "required");
        assertBadField(post(Role.APPROVER, "/plans/" + id + "/approve", null), "effectiveFrom", "required");
        assertBadField(post(Role.APPROVER, "/plans/" + id + "/approve", Map.of("effectiveFrom", "2027-13-01")),
                "effectiveFrom", "must be a date as YYYY-MM-DD, was '2027-13-01'");
        assertBadField(post(Role.APPROVER, "/plans/" + id + "/approve", Map.of("effectiveFrom", 20270101)),
                "effectiveFrom", "");
        assertBadField(post(Role.APPROVER, "/plans/" + id + "/reject", Map.of("note", "x".repeat(2001))), "note",
                "at most 2000 characters, got 2001");
        // Nothing changed, nothing recorded.
        assertThat(state(id)).isEqualTo("PROPOSED");
        assertThat(rest.getForObject("/plans/{id}/audit", JsonNode.class, id).get(0).get("action").asText())
                .isEqualTo("PROPOSE");
    }

    private static void assertConflict(ResponseEntity<JsonNode> answer, String approvalState, String reason) {
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(409);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(answer.getBody().get("approvalState").asText()).isEqualTo(approvalState);
        assertThat(answer.getBody().get("detail").asText()).contains(reason);
    }

    private static void assertBadField(ResponseEntity<JsonNode> answer, String path, String message) {
        assertThat(answer.getStatusCode().value()).as("%s", answer.getBody()).isEqualTo(400);
        assertThat(answer.getHeaders().getContentType()).hasToString("application/problem+json");
        assertThat(answer.getBody().at("/errors/0/path").asText()).isEqualTo(path);
        assertThat(answer.getBody().at("/errors/0/message").asText()).contains(message);
    }

    private static JsonNode find(JsonNode list, String id) {
        for (JsonNode item : list) {
            if (item.get("id").asText().equals(id)) {
                return item;
            }
        }
        throw new AssertionError("no plan " + id + " in the list");
    }
}
