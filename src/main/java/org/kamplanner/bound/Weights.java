package org.kamplanner.bound;

import java.util.EnumMap;
import java.util.Map;

import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.solver.KamConstraint;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The constraint weights the score uses for a plan: the plan's ConstraintWeightOverrides (what Timefold
 * applies), else 1. A weight is read at its constraint's level, as a non-negative number; 0 means off.
 */
record Weights(Map<KamConstraint, Long> byConstraint) {

    static Weights of(AssignmentPlan plan) {
        ConstraintWeightOverrides<HardMediumSoftLongScore> overrides = plan.getConstraintWeightOverrides();
        Map<KamConstraint, Long> weights = new EnumMap<>(KamConstraint.class);
        for (KamConstraint constraint : KamConstraint.values()) {
            HardMediumSoftLongScore override = overrides == null ? null
                    : overrides.getConstraintWeight(constraint.constraintName());
            long weight = override == null ? 1 : Math.abs(switch (constraint.level()) {
                case HARD -> override.hardScore();
                case MEDIUM -> override.mediumScore();
                case SOFT -> override.softScore();
            });
            weights.put(constraint, weight);
        }
        return new Weights(weights);
    }

    long of(KamConstraint constraint) {
        return byConstraint.get(constraint);
    }

    boolean on(KamConstraint constraint) {
        return of(constraint) > 0;
    }
}
