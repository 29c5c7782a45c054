package org.kamplanner.solver;

import static org.kamplanner.solver.KamConstraint.A_ACCOUNT_NEEDS_EXPERIENCED_KAM;
import static org.kamplanner.solver.KamConstraint.ACCOUNT_AFFINITY;
import static org.kamplanner.solver.KamConstraint.ACCOUNT_CONTINUITY;
import static org.kamplanner.solver.KamConstraint.BALANCED_REVENUE;
import static org.kamplanner.solver.KamConstraint.BALANCED_WORKLOAD;
import static org.kamplanner.solver.KamConstraint.FORBIDDEN_PAIR;
import static org.kamplanner.solver.KamConstraint.KAM_CAPACITY;
import static org.kamplanner.solver.KamConstraint.MAX_ACCOUNTS_PER_KAM;
import static org.kamplanner.solver.KamConstraint.MAX_HAND_OVERS;
import static org.kamplanner.solver.KamConstraint.PREFERRED_SECTOR_EXPERTISE;
import static org.kamplanner.solver.KamConstraint.REQUIRED_SECTOR_EXPERTISE;
import static org.kamplanner.solver.KamConstraint.SECTOR_CAP;
import static org.kamplanner.solver.KamConstraint.TRAVEL_TIME;
import static org.kamplanner.solver.KamConstraint.UNASSIGNED_ACCOUNT;

import java.util.List;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.HandOverCap;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Tier;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.stream.Constraint;
import ai.timefold.solver.core.api.score.stream.ConstraintCollectors;
import ai.timefold.solver.core.api.score.stream.ConstraintFactory;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.score.stream.bi.BiConstraintStream;

/**
 * The constraints of docs/model.md, one method each. Every number a constraint needs was computed when
 * the plan was built (see Account), so the streams only filter, group and index arrays: integer
 * arithmetic, no map lookups, no joins.
 */
public class KamConstraintProvider implements ConstraintProvider {

    private static final HardMediumSoftLongScore ONE_HARD = HardMediumSoftLongScore.ONE_HARD;
    private static final HardMediumSoftLongScore ONE_MEDIUM = HardMediumSoftLongScore.ONE_MEDIUM;
    private static final HardMediumSoftLongScore ONE_SOFT = HardMediumSoftLongScore.ONE_SOFT;

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
                // Hard: a plan that breaks one of these cannot be used.
                kamCapacity(factory),
                sectorCap(factory),
                maxAccountsPerKam(factory),
                aAccountNeedsExperiencedKam(factory),
                requiredSectorExpertise(factory),
                forbiddenPair(factory),
                maxHandOvers(factory),
                // Medium: coverage.
                unassignedAccount(factory),
                // Soft: quality.
                balancedWorkload(factory),
                travelTime(factory),
                accountContinuity(factory),
                preferredSectorExpertise(factory),
                accountAffinity(factory),
                balancedRevenue(factory)
        };
    }

    /**
     * load(k), the account count and the sector counts of every KAM with at least one account. The
     * four per-KAM constraints start from this method: one call site gives the same lambda and
     * collector instances, so Timefold shares the group node (see KamTally for why one group).
     */
    private static BiConstraintStream<Kam, KamTally> kamTally(ConstraintFactory factory) {
        return factory.forEach(Account.class)
                .groupBy(Account::getKam, KamTally.COLLECTOR);
    }

    // ************************************************************************
    // Hard constraints
    // ************************************************************************

    Constraint kamCapacity(ConstraintFactory factory) {
        return kamTally(factory)
                .filter((kam, tally) -> tally.loadMinutes() > kam.getCapacityMinutes())
                .penalizeLong(ONE_HARD, (kam, tally) -> tally.loadMinutes() - kam.getCapacityMinutes())
                .justifyWith((kam, tally, score) -> Justifications.KamLoad.overCapacity(kam, tally.loadMinutes()))
                .indictWith((kam, tally) -> List.of(kam))
                .asConstraint(KAM_CAPACITY.constraintName());
    }

    Constraint sectorCap(ConstraintFactory factory) {
        // One match per (KAM, sector) over the cap, as docs/model.md counts them.
        return kamTally(factory)
                .filter((kam, tally) -> tally.sectorExcess() > 0)
                .flattenLast(KamTally::overCapSectors)
                .penalize(ONE_HARD, (kam, over) -> over.excess())
                .justifyWith((kam, over, score) -> Justifications.SectorCount.of(kam, over.sector(), over.count()))
                .indictWith((kam, over) -> List.of(kam))
                .asConstraint(SECTOR_CAP.constraintName());
    }

    Constraint maxAccountsPerKam(ConstraintFactory factory) {
        return kamTally(factory)
                .filter((kam, tally) -> kam.getMaxAccounts() != null && tally.accounts() > kam.getMaxAccounts())
                .penalize(ONE_HARD, (kam, tally) -> tally.accounts() - kam.getMaxAccounts())
                .justifyWith((kam, tally, score) -> Justifications.AccountCount.of(kam, tally.accounts()))
                .indictWith((kam, tally) -> List.of(kam))
                .asConstraint(MAX_ACCOUNTS_PER_KAM.constraintName());
    }

    Constraint aAccountNeedsExperiencedKam(ConstraintFactory factory) {
        // requiredExperienceYears is aTierMinExperienceYears for A-accounts and 0 for the others.
        return factory.forEach(Account.class)
                .filter(account -> account.getTier() == Tier.A
                        && account.getKam().getExperienceYears() < account.getRequiredExperienceYears())
                .penalize(ONE_HARD)
                .justifyWith((account, score) -> Justifications.AccountOnKam.inexperienced(account))
                .asConstraint(A_ACCOUNT_NEEDS_EXPERIENCED_KAM.constraintName());
    }

    Constraint requiredSectorExpertise(ConstraintFactory factory) {
        return factory.forEach(Account.class)
                .filter(account -> account.getSector().isExpertiseRequired()
                        && !account.getKam().hasExpertise(account.getSector()))
                .penalize(ONE_HARD)
                .justifyWith((account, score) -> Justifications.AccountOnKam.missingRequiredExpertise(account))
                .asConstraint(REQUIRED_SECTOR_EXPERTISE.constraintName());
    }

    Constraint forbiddenPair(ConstraintFactory factory) {
        return factory.forEach(Account.class)
                .filter(account -> account.isForbiddenWith(account.getKam()))
                .penalize(ONE_HARD)
                .justifyWith((account, score) -> Justifications.AccountOnKam.forbidden(account))
                .asConstraint(FORBIDDEN_PAIR.constraintName());
    }

    Constraint maxHandOvers(ConstraintFactory factory) {
        // One match for the whole plan: the hand-overs counted in one group, against the cap (a fact only
        // when settings.maxMovedAccounts is set). An account left unassigned counts, so IncludingUnassigned.
        return factory.forEachIncludingUnassigned(Account.class)
                .filter(Account::isHandOver)
                .groupBy(ConstraintCollectors.count())
                .join(HandOverCap.class)
                .filter((handOvers, cap) -> handOvers > cap.maxMovedAccounts())
                .penalize(ONE_HARD, (handOvers, cap) -> handOvers - cap.maxMovedAccounts())
                .justifyWith((handOvers, cap, score) -> Justifications.HandOverCount.of(handOvers, cap.maxMovedAccounts()))
                .asConstraint(MAX_HAND_OVERS.constraintName());
    }

    // ************************************************************************
    // Medium constraints
    // ************************************************************************

    Constraint unassignedAccount(ConstraintFactory factory) {
        return factory.forEachIncludingUnassigned(Account.class)
                .filter(account -> account.getKam() == null)
                .penalizeLong(ONE_MEDIUM, Account::getUnassignedPenalty)
                .justifyWith((account, score) -> Justifications.Unassigned.of(account))
                .asConstraint(UNASSIGNED_ACCOUNT.constraintName());
    }

    // ************************************************************************
    // Soft constraints
    // ************************************************************************

    Constraint balancedWorkload(ConstraintFactory factory) {
        // load² / capacity is smallest, for a fixed total, when utilization is equal; integer division.
        return kamTally(factory)
                .filter((kam, tally) -> tally.loadMinutes() > 0)
                .penalizeLong(ONE_SOFT, (kam, tally) -> balancePenalty(kam, tally.loadMinutes()))
                .justifyWith((kam, tally, score) -> Justifications.KamLoad.balance(kam, tally.loadMinutes(),
                        balancePenalty(kam, tally.loadMinutes())))
                .indictWith((kam, tally) -> List.of(kam))
                .asConstraint(BALANCED_WORKLOAD.constraintName());
    }

    static long balancePenalty(Kam kam, long load) {
        return load * load / kam.getCapacityMinutes();
    }

    Constraint balancedRevenue(ConstraintFactory factory) {
        // The workload term's shape on revenue in thousands: smallest when revenue follows capacity. Its
        // default weight 0 comes from the plan's weight overrides (PlanFactory), so the verifier can test it.
        return kamTally(factory)
                .filter((kam, tally) -> tally.revenueK() > 0)
                .penalizeLong(ONE_SOFT, (kam, tally) -> balancePenalty(kam, tally.revenueK()))
                .justifyWith((kam, tally, score) -> Justifications.RevenueShare.of(kam, tally.revenueK(),
                        balancePenalty(kam, tally.revenueK())))
                .indictWith((kam, tally) -> List.of(kam))
                .asConstraint(BALANCED_REVENUE.constraintName());
    }

    Constraint travelTime(ConstraintFactory factory) {
        return factory.forEach(Account.class)
                .penalize(ONE_SOFT, Account::getTravelMinutes)
                .justifyWith((account, score) -> Justifications.Travel.of(account))
                .asConstraint(TRAVEL_TIME.constraintName());
    }

    Constraint accountContinuity(ConstraintFactory factory) {
        return factory.forEach(Account.class)
                .filter(Account::isMoved)
                .penalizeLong(ONE_SOFT, Account::getMovePenalty)
                .justifyWith((account, score) -> Justifications.Move.of(account))
                .asConstraint(ACCOUNT_CONTINUITY.constraintName());
    }

    Constraint preferredSectorExpertise(ConstraintFactory factory) {
        return factory.forEach(Account.class)
                .filter(account -> !account.getSector().isExpertiseRequired()
                        && !account.getKam().hasExpertise(account.getSector()))
                .penalize(ONE_SOFT, account -> PlanSettings.PREFERRED_EXPERTISE_PENALTY)
                .justifyWith((account, score) -> Justifications.AccountOnKam.missingPreferredExpertise(account,
                        PlanSettings.PREFERRED_EXPERTISE_PENALTY))
                .asConstraint(PREFERRED_SECTOR_EXPERTISE.constraintName());
    }

    Constraint accountAffinity(ConstraintFactory factory) {
        // impact, not penalize: a negative affinity is a bonus, and penalize rejects negative weights.
        return factory.forEach(Account.class)
                .filter(account -> account.hasAffinityWith(account.getKam()))
                .impactLong(ONE_SOFT, account -> -account.affinityPenaltyWith(account.getKam()))
                .justifyWith((account, score) -> Justifications.Affinity.of(account))
                .asConstraint(ACCOUNT_AFFINITY.constraintName());
    }
}
