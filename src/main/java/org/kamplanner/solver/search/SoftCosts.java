package org.kamplanner.solver.search;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.solver.KamConstraint;

/**
 * The soft and medium terms of docs/model.md with the plan's constraint weights: what an account costs
 * on a KAM by itself (travel, continuity, preferred expertise, affinity), the balance weight, and the
 * weighted unassigned penalty. The greedy phase and the CP-SAT neighbourhoods choose with these, so a
 * plan that switches a constraint off (a weight of 0, as the GAP benchmarks do for everything but the
 * affinity) is not placed by a cost it does not pay.
 */
record SoftCosts(long balance, long travel, long continuity, long preferredExpertise, long affinity,
        long unassigned) {

    static SoftCosts of(PlanSettings settings) {
        return new SoftCosts(weight(settings, KamConstraint.BALANCED_WORKLOAD), weight(settings, KamConstraint.TRAVEL_TIME),
                weight(settings, KamConstraint.ACCOUNT_CONTINUITY),
                weight(settings, KamConstraint.PREFERRED_SECTOR_EXPERTISE),
                weight(settings, KamConstraint.ACCOUNT_AFFINITY), weight(settings, KamConstraint.UNASSIGNED_ACCOUNT));
    }

    private static long weight(PlanSettings settings, KamConstraint constraint) {
        return settings.constraintWeights().getOrDefault(constraint.constraintName(), constraint.defaultWeight());
    }

    /** The weighted soft cost of the account on this KAM, apart from the KAM's balance term. */
    long pair(Account account, Kam kam) {
        long cost = travel * account.getTravelMinutesFrom(kam.getHomeRegion());
        if (account.getCurrentKam() != null && account.getCurrentKam() != kam) {
            cost += continuity * account.getMovePenalty();
        }
        if (!account.getSector().isExpertiseRequired() && !kam.hasExpertise(account.getSector())) {
            cost += preferredExpertise * PlanSettings.PREFERRED_EXPERTISE_PENALTY;
        }
        return cost + affinity * account.affinityPenaltyWith(kam);
    }

    /** The weighted balance term of a KAM carrying this load: weight × load² / capacity (integer division). */
    long balance(Kam kam, long load) {
        return balance == 0 ? 0 : balance * (load * load / kam.getCapacityMinutes());
    }

    /** The weighted medium penalty of leaving the account out. */
    long unassigned(Account account) {
        return unassigned * account.getUnassignedPenalty();
    }
}
