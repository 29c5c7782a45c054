package org.kamplanner.explain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.kamplanner.document.PlanDocument;

/**
 * Two plans side by side, as planners compare solver runs and scenarios ("continuity weight 1 vs 5"):
 * score, summary and each constraint's score of both, and the accounts assigned differently.
 */
public record PlanComparison(List<ComparedPlan> plans, List<Moved> moved) {

    public record ComparedPlan(String id, String name, String status, String score, Boolean feasible,
            PlanDocument.Summary summary, List<ConstraintScore> constraints) {
    }

    public record ConstraintScore(String name, String score) {
    }

    /** An account assigned differently in the second plan than in the first (null: unassigned), with the names. */
    public record Moved(String accountId, String fromKamId, String toKamId, String accountName, String fromKamName,
            String toKamName) {
    }

    /** Per-constraint totals are all a comparison shows: a summary analysis (no justifications) will do. */
    public static PlanComparison of(PlanDocument first, PlanAnalysis firstAnalysis, PlanDocument second,
            PlanAnalysis secondAnalysis) {
        return new PlanComparison(List.of(compared(first, firstAnalysis), compared(second, secondAnalysis)),
                moved(first, second));
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
        Map<String, String> kamNames = new HashMap<>();
        for (PlanDocument plan : List.of(first, second)) {
            plan.kams().forEach(k -> kamNames.putIfAbsent(k.id(), k.name() == null ? k.id() : k.name()));
        }
        List<Moved> moved = new ArrayList<>();
        for (PlanDocument.Account a : second.accounts()) {
            if (before.containsKey(a.id()) && !Objects.equals(before.get(a.id()), a.assignedKamId())) {
                String from = before.get(a.id());
                moved.add(new Moved(a.id(), from, a.assignedKamId(), a.name() == null ? a.id() : a.name(),
                        from == null ? null : kamNames.get(from),
                        a.assignedKamId() == null ? null : kamNames.get(a.assignedKamId())));
            }
        }
        return moved;
    }
}
