package org.kamplanner.explain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.words.Words;

/**
 * Two plans side by side, as planners compare solver runs and scenarios ("continuity weight 1 vs 5"):
 * score, summary, each constraint's score and the business figures of both, the accounts assigned
 * differently, and which settings the two were solved under differ ({@code differentSettings}, with a
 * sentence in {@code notes}: scores under different tier minutes or weights do not measure the same).
 */
public record PlanComparison(List<ComparedPlan> plans, List<Moved> moved, List<String> differentSettings,
        List<String> notes) {

    public record ComparedPlan(String id, String name, String status, String score, Boolean feasible,
            PlanDocument.Summary summary, BusinessFigures business, List<ConstraintScore> constraints) {
    }

    public record ConstraintScore(String name, String score) {
    }

    /** An account assigned differently in the second plan than in the first (null: unassigned), with the names. */
    public record Moved(String accountId, String fromKamId, String toKamId, String accountName, String fromKamName,
            String toKamName) {
    }

    /** A setting by its document name, read from the resolved settings (defaults filled in). */
    private record Setting(String name, Function<PlanSettings, Object> value) {
    }

    /** The settings that change what a plan scores (docs/model.md, "Settings"). */
    private static final List<Setting> SCORE_SETTINGS = List.of(
            new Setting("aTierMinExperienceYears", PlanSettings::aTierMinExperienceYears),
            new Setting("intraRegionTravelMinutes", PlanSettings::intraRegionTravelMinutes),
            new Setting("roadFactor", PlanSettings::roadFactor), new Setting("speedKmh", PlanSettings::speedKmh),
            new Setting("tierMinutes", PlanSettings::tierMinutes),
            new Setting("complexityPercent", PlanSettings::complexityPercent),
            new Setting("phasePercent", PlanSettings::phasePercent),
            new Setting("visitsPerYear", PlanSettings::visitsPerYear),
            new Setting("unassignedPenalty", PlanSettings::unassignedPenalty),
            new Setting("movePenalty", PlanSettings::movePenalty),
            new Setting("constraintWeights", PlanSettings::constraintWeights),
            // The hand-over cap is a hard rule, and the tiers kept with their incumbent are locked like pins:
            // two frontier points differ here, and their scores are then not one contest.
            new Setting("maxMovedAccounts", PlanSettings::maxMovedAccounts),
            new Setting("keepWithIncumbent", PlanSettings::keepWithIncumbent));

    /** The settings that change only how the solver searches. */
    private static final List<Setting> SEARCH_SETTINGS = List.of(
            new Setting("terminationSeconds", PlanSettings::terminationSeconds),
            new Setting("unimprovedSeconds", PlanSettings::unimprovedSeconds),
            new Setting("seed", PlanSettings::seed), new Setting("workBudget", PlanSettings::workBudget));

    /** Per-constraint totals are all a comparison shows: a summary analysis (no justifications) will do. */
    public static PlanComparison of(PlanDocument first, PlanAnalysis firstAnalysis, PlanDocument second,
            PlanAnalysis secondAnalysis) {
        PlanSettings a = PlanFactory.resolveSettings(first.settings(), first.accounts().size());
        PlanSettings b = PlanFactory.resolveSettings(second.settings(), second.accounts().size());
        List<String> scoreDiffer = differ(SCORE_SETTINGS, a, b);
        List<String> searchDiffer = differ(SEARCH_SETTINGS, a, b);
        List<String> notes = new ArrayList<>();
        if (!scoreDiffer.isEmpty()) {
            notes.add(Words.text("compare.settings.score", String.join(", ", scoreDiffer)));
        }
        if (!searchDiffer.isEmpty()) {
            notes.add(Words.text("compare.settings.search", String.join(", ", searchDiffer)));
        }
        List<String> different = new ArrayList<>(scoreDiffer);
        different.addAll(searchDiffer);
        return new PlanComparison(List.of(compared(first, firstAnalysis), compared(second, secondAnalysis)),
                moved(first, second), different, notes);
    }

    private static List<String> differ(List<Setting> settings, PlanSettings a, PlanSettings b) {
        return settings.stream().filter(s -> !Objects.equals(s.value().apply(a), s.value().apply(b)))
                .map(Setting::name).toList();
    }

    private static ComparedPlan compared(PlanDocument plan, PlanAnalysis analysis) {
        List<ConstraintScore> constraints = analysis.constraints().stream()
                .map(c -> new ConstraintScore(c.name(), c.score()))
                .toList();
        return new ComparedPlan(plan.id(), plan.name(), plan.status(), plan.score(), plan.feasible(), plan.summary(),
                BusinessFigures.of(plan), constraints);
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
