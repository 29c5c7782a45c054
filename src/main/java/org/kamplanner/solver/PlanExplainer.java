package org.kamplanner.solver;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.springframework.stereotype.Component;

import ai.timefold.solver.core.api.score.ScoreExplanation;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.constraint.ConstraintMatch;
import ai.timefold.solver.core.api.score.constraint.ConstraintMatchTotal;
import ai.timefold.solver.core.api.score.constraint.Indictment;
import ai.timefold.solver.core.api.solver.SolutionManager;

/**
 * All score explanation goes through here, on Timefold's SolutionManager, so that it could be
 * re-based on our own justification records should the solver's analysis API change.
 */
@Component
public class PlanExplainer {

    private static final Comparator<ConstraintMatch<HardMediumSoftLongScore>> WORST_FIRST =
            Comparator.comparing(ConstraintMatch::getScore);

    private final SolutionManager<AssignmentPlan, HardMediumSoftLongScore> solutionManager;

    public PlanExplainer(SolutionManager<AssignmentPlan, HardMediumSoftLongScore> solutionManager) {
        this.solutionManager = solutionManager;
    }

    /** Calculates the plan's score from scratch and stores it on the plan. */
    public HardMediumSoftLongScore score(AssignmentPlan plan) {
        return solutionManager.update(plan);
    }

    public PlanAnalysis analyze(AssignmentPlan plan) {
        ScoreExplanation<AssignmentPlan, HardMediumSoftLongScore> explanation = solutionManager.explain(plan);
        Map<String, ConstraintMatchTotal<HardMediumSoftLongScore>> totals = explanation.getConstraintMatchTotalMap();
        List<PlanAnalysis.ConstraintResult> constraints = new ArrayList<>();
        for (KamConstraint constraint : KamConstraint.values()) {
            ConstraintMatchTotal<HardMediumSoftLongScore> total = totals.values().stream()
                    .filter(t -> t.getConstraintRef().constraintName().equals(constraint.constraintName()))
                    .findFirst().orElse(null);
            constraints.add(total == null ? withoutMatches(plan, constraint) : result(constraint, total));
        }
        List<PlanAnalysis.KamShare> kams = new ArrayList<>();
        List<PlanAnalysis.AccountShare> accounts = new ArrayList<>();
        explanation.getIndictmentMap().values().stream()
                .sorted(Comparator.comparing(Indictment::getScore))
                .forEach(indictment -> {
                    Object indicted = indictment.getIndictedObject();
                    String score = indictment.getScore().toString();
                    if (indicted instanceof Kam kam) {
                        kams.add(new PlanAnalysis.KamShare(kam.getId(), score));
                    } else if (indicted instanceof Account account) {
                        accounts.add(new PlanAnalysis.AccountShare(account.getId(), score));
                    }
                });
        HardMediumSoftLongScore score = explanation.getScore();
        return new PlanAnalysis(score.toString(), score.isFeasible(), constraints, kams, accounts,
                UnassignedReasons.of(plan));
    }

    private static PlanAnalysis.ConstraintResult result(KamConstraint constraint,
            ConstraintMatchTotal<HardMediumSoftLongScore> total) {
        List<PlanAnalysis.Match> matches = total.getConstraintMatchSet().stream()
                .sorted(WORST_FIRST)
                .map(m -> new PlanAnalysis.Match(m.getScore().toString(), (Justifications.Described) m.getJustification()))
                .toList();
        return new PlanAnalysis.ConstraintResult(constraint.constraintName(), constraint.level().label(),
                weightAtLevel(constraint, total.getConstraintWeight()), total.getScore().toString(), matches.size(),
                matches);
    }

    /** Timefold may report nothing for a constraint without matches, or one switched off by weight 0. */
    private static PlanAnalysis.ConstraintResult withoutMatches(AssignmentPlan plan, KamConstraint constraint) {
        HardMediumSoftLongScore override = plan.getConstraintWeightOverrides() == null ? null
                : plan.getConstraintWeightOverrides().getConstraintWeight(constraint.constraintName());
        long weight = override == null ? 1 : weightAtLevel(constraint, override);
        return new PlanAnalysis.ConstraintResult(constraint.constraintName(), constraint.level().label(), weight,
                HardMediumSoftLongScore.ZERO.toString(), 0, List.of());
    }

    /** The weight as the request gives it: Timefold stores a penalty's weight negated. */
    static long weightAtLevel(KamConstraint constraint, HardMediumSoftLongScore weight) {
        return Math.abs(switch (constraint.level()) {
            case HARD -> weight.hardScore();
            case MEDIUM -> weight.mediumScore();
            case SOFT -> weight.softScore();
        });
    }
}
