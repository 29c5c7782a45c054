package org.kamplanner.frontier;

import org.kamplanner.bound.PlanBound;

/**
 * One point of a frontier: its cap ({@code maxMovedAccounts}, null: none) and the plan that solves it, with the
 * figures the curve needs. {@code planId} is null until the point is submitted (it waits for room in the solve
 * queue, or for the uncapped point's hand-overs to spread the caps); {@code status} then says WAITING, or
 * FAILED with {@code error}, or PURGED for a plan removed since. The figures are the plan's best so far (null
 * before it has one); {@code workloadPenalty} is its Balanced workload penalty; {@code bound} its quality
 * certificate once computed (docs/bound.md), else null.
 */
public record FrontierPoint(Integer maxMovedAccounts, String planId, String status, String score, Integer handOvers,
        Double utilizationMin, Double utilizationMax, Long totalTravelMinutes, Long workloadPenalty, PlanBound bound,
        String error) {

    /** A point without a plan, or whose plan is gone. */
    static FrontierPoint without(Integer maxMovedAccounts, String planId, String status, String error) {
        return new FrontierPoint(maxMovedAccounts, planId, status, null, null, null, null, null, null, null, error);
    }

    /** The utilization spread (highest − lowest) in whole percentage points, null without figures. */
    Long spreadPoints() {
        return utilizationMax == null || utilizationMin == null ? null
                : Math.round((utilizationMax - utilizationMin) * 100);
    }
}
