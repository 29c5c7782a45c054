package org.kamplanner.web;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.explain.PlanAnalysis;
import org.kamplanner.plan.PlanService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Two plans side by side: how planners compare solver runs and scenarios ("continuity weight 1 vs 5").
 * The literal path /plans/compare wins over the pattern /plans/{id} in Spring's mapping.
 */
@RestController
@Tag(name = "Rebalance")
public class CompareController {

    public record Comparison(List<ComparedPlan> plans, List<Moved> moved) {
    }

    public record ComparedPlan(String id, String name, String status, String score, Boolean feasible,
            PlanDocument.Summary summary, List<ConstraintScore> constraints) {
    }

    public record ConstraintScore(String name, String score) {
    }

    /** An account assigned differently in the second plan than in the first (null: unassigned). */
    public record Moved(String accountId, String fromKamId, String toKamId) {
    }

    private final PlanService service;

    public CompareController(PlanService service) {
        this.service = service;
    }

    @Operation(summary = "Two plans side by side: score, summary, per-constraint scores and the accounts assigned differently")
    @GetMapping("/plans/compare")
    public Comparison compare(@RequestParam(required = false) String ids) {
        List<String> list = ids == null ? List.of() : Arrays.stream(ids.split(",", -1)).map(String::trim).toList();
        if (list.size() != 2 || list.stream().anyMatch(String::isEmpty)) {
            throw InvalidPlanException.of("ids",
                    "must name exactly two plans, as ids=a,b; was " + (ids == null ? "missing" : "'" + ids + "'"));
        }
        PlanDocument first = service.document(list.get(0));
        PlanDocument second = service.document(list.get(1));
        // Per-constraint totals are all a comparison shows: the summary analysis builds no justification.
        return new Comparison(List.of(compared(first, service.analysis(first.id(), true)),
                compared(second, service.analysis(second.id(), true))), moved(first, second));
    }

    private static ComparedPlan compared(PlanDocument plan, PlanAnalysis analysis) {
        List<ConstraintScore> constraints = analysis.constraints().stream()
                .map(c -> new ConstraintScore(c.name(), c.score()))
                .toList();
        return new ComparedPlan(plan.id(), plan.name(), plan.status(), plan.score(), plan.feasible(), plan.summary(),
                constraints);
    }

    /** Accounts in both plans (by id) whose assignedKamId differs. */
    static List<Moved> moved(PlanDocument first, PlanDocument second) {
        Map<String, String> before = new HashMap<>();
        first.accounts().forEach(a -> before.put(a.id(), a.assignedKamId()));
        List<Moved> moved = new ArrayList<>();
        for (PlanDocument.Account a : second.accounts()) {
            if (before.containsKey(a.id()) && !Objects.equals(before.get(a.id()), a.assignedKamId())) {
                moved.add(new Moved(a.id(), before.get(a.id()), a.assignedKamId()));
            }
        }
        return moved;
    }
}
