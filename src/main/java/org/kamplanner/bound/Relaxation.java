package org.kamplanner.bound;

import static org.kamplanner.solver.KamConstraint.A_ACCOUNT_NEEDS_EXPERIENCED_KAM;
import static org.kamplanner.solver.KamConstraint.ACCOUNT_AFFINITY;
import static org.kamplanner.solver.KamConstraint.ACCOUNT_CONTINUITY;
import static org.kamplanner.solver.KamConstraint.BALANCED_WORKLOAD;
import static org.kamplanner.solver.KamConstraint.FORBIDDEN_PAIR;
import static org.kamplanner.solver.KamConstraint.KAM_CAPACITY;
import static org.kamplanner.solver.KamConstraint.MAX_ACCOUNTS_PER_KAM;
import static org.kamplanner.solver.KamConstraint.PREFERRED_SECTOR_EXPERTISE;
import static org.kamplanner.solver.KamConstraint.REQUIRED_SECTOR_EXPERTISE;
import static org.kamplanner.solver.KamConstraint.SECTOR_CAP;
import static org.kamplanner.solver.KamConstraint.TRAVEL_TIME;
import static org.kamplanner.solver.KamConstraint.UNASSIGNED_ACCOUNT;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Sector;
import org.kamplanner.domain.Tier;

/**
 * The numbers of a plan that the relaxation needs, read once from the model with the score's own cost
 * terms and weights (KamConstraintProvider), without any solver: which (account, KAM) pairs a plan with
 * hard score 0 can use, their workloads and weighted soft costs, what the pinned accounts fix, and the
 * right-hand sides of the capacity, sector-cap and max-accounts rows that remain after the pins.
 *
 * <p>Every number is exact (longs); every reduction keeps all plans with hard score 0:
 * a pair breaking a per-pair hard rule of weight &gt; 0 is left out, and with the capacity constraint on,
 * a pair whose workload alone exceeds what the pins leave of the capacity is left out too (likewise a
 * sector or account count already at its cap). Inactive KAMs get no pairs (they are not in the value range).
 */
final class Relaxation {

    final Weights weights;
    final List<Kam> kams;
    final int kamCount;
    final int sectorCount;

    // Per KAM, by position in plan.getKams().
    final long[] capacity;
    final long[] pinnedLoad;
    /** Capacity left after the pins; a row only when the capacity constraint is on. */
    final long[] capacityLeft;
    /** Accounts left under maxAccounts after the pins, or -1 when there is no such row. */
    final long[] accountsLeft;
    /** Accounts per sector left under the sector cap after the pins, or -1 when no row is needed. */
    final long[][] sectorLeft;
    /** An upper bound on floor(load² / capacity) over plans with hard score 0. */
    final double[] balanceCap;
    /** True when the KAM can carry load (pinned or candidate pairs) and the balance weight is on. */
    final boolean[] balanced;

    // Free accounts: not pinned and with at least one candidate pair.
    final List<Account> free;
    /** Weighted medium penalty of leaving the free account out. */
    final long[] unassignedCost;
    final int[] sectorOf;
    /** Pairs of free account a: start[a] .. start[a + 1] - 1. */
    final int[] start;
    final int[] pairKam;
    final long[] pairLoad;
    /** The weighted soft cost of the pair that does not depend on other accounts (all but balance). */
    final long[] pairCost;
    /** The pair the plan uses for the free account, or -1. */
    final int[] planPair;
    /** The free account of each pair. */
    final int[] accountOfPair;

    /** Weighted soft cost of the pinned accounts, balance excluded. */
    final long constantSoft;
    /** Weighted medium penalty of accounts that are out in every plan with hard 0 (pinned unassigned, no pair). */
    final long constantMedium;
    /** Why no plan has hard score 0, or null. */
    final String infeasible;

    private Relaxation(AssignmentPlan plan) {
        weights = Weights.of(plan);
        kams = plan.getKams();
        kamCount = kams.size();
        sectorCount = plan.getSectors().size();
        Map<Kam, Integer> position = new IdentityHashMap<>();
        for (int k = 0; k < kamCount; k++) {
            position.put(kams.get(k), k);
        }
        capacity = new long[kamCount];
        pinnedLoad = new long[kamCount];
        long[] pinnedCount = new long[kamCount];
        long[][] pinnedSector = new long[kamCount][sectorCount];
        for (int k = 0; k < kamCount; k++) {
            capacity[k] = kams.get(k).getCapacityMinutes();
        }

        String problem = null;
        long soft = 0;
        long medium = 0;
        long unassignedWeight = weights.of(UNASSIGNED_ACCOUNT);
        List<Account> candidates = new ArrayList<>();
        for (Account account : plan.getAccounts()) {
            if (!account.isPinned()) {
                candidates.add(account);
                continue;
            }
            Kam kam = account.getKam();
            if (kam == null) {
                medium += unassignedWeight * account.getUnassignedPenalty();
                continue;
            }
            if (problem == null && breaksPairRule(account, kam)) {
                problem = "pinned account '" + account.getId() + "' is locked to KAM '" + kam.getId()
                        + "', which breaks the hard constraint '" + brokenPairRule(account, kam) + "'";
            }
            Integer k = position.get(kam);
            if (k == null) {
                throw new IllegalArgumentException("pinned account " + account.getId() + " names a KAM outside the plan");
            }
            pinnedLoad[k] += account.workloadMinutesWith(kam);
            pinnedCount[k]++;
            pinnedSector[k][account.getSector().getIndex()]++;
            soft += linearSoftCost(account, kam);
        }

        boolean capacityOn = weights.on(KAM_CAPACITY);
        boolean sectorOn = weights.on(SECTOR_CAP);
        boolean maxOn = weights.on(MAX_ACCOUNTS_PER_KAM);
        capacityLeft = new long[kamCount];
        accountsLeft = new long[kamCount];
        sectorLeft = new long[kamCount][sectorCount];
        List<Sector> sectors = plan.getSectors();
        for (int k = 0; k < kamCount; k++) {
            Kam kam = kams.get(k);
            capacityLeft[k] = capacityOn ? capacity[k] - pinnedLoad[k] : Long.MAX_VALUE;
            if (problem == null && capacityLeft[k] < 0) {
                problem = "the pinned accounts alone load KAM '" + kam.getId() + "' with " + pinnedLoad[k]
                        + " minutes, over its capacity of " + capacity[k];
            }
            accountsLeft[k] = maxOn && kam.getMaxAccounts() != null ? kam.getMaxAccounts() - pinnedCount[k] : -1;
            if (problem == null && maxOn && kam.getMaxAccounts() != null && accountsLeft[k] < 0) {
                problem = "the pinned accounts alone give KAM '" + kam.getId() + "' " + pinnedCount[k]
                        + " accounts, over its maxAccounts of " + kam.getMaxAccounts();
            }
            for (Sector sector : sectors) {
                int s = sector.getIndex();
                sectorLeft[k][s] = sectorOn ? sector.getMaxAccountsPerKam() - pinnedSector[k][s] : -1;
                if (problem == null && sectorOn && sectorLeft[k][s] < 0) {
                    problem = "the pinned accounts alone give KAM '" + kam.getId() + "' " + pinnedSector[k][s]
                            + " accounts of sector '" + sector.getId() + "', over its cap of "
                            + sector.getMaxAccountsPerKam();
                }
            }
        }

        // Candidate pairs of the accounts that are not pinned.
        List<Account> freeAccounts = new ArrayList<>();
        List<Long> unassigned = new ArrayList<>();
        int[] startBuffer = new int[candidates.size() + 1];
        IntList kamsOfPairs = new IntList();
        LongList loads = new LongList();
        LongList costs = new LongList();
        IntList plans = new IntList();
        for (Account account : candidates) {
            int before = kamsOfPairs.size();
            int planned = -1;
            int s = account.getSector().getIndex();
            for (int k = 0; k < kamCount; k++) {
                Kam kam = kams.get(k);
                if (!kam.isActive() || breaksPairRule(account, kam)) {
                    continue;
                }
                long load = account.workloadMinutesWith(kam);
                if (load > capacityLeft[k] || accountsLeft[k] == 0 || sectorLeft[k][s] == 0) {
                    continue; // cannot be on this KAM in a plan with hard 0, whatever else the KAM carries
                }
                if (account.getKam() == kam) {
                    planned = kamsOfPairs.size() - before;
                }
                kamsOfPairs.add(k);
                loads.add(load);
                costs.add(linearSoftCost(account, kam));
            }
            if (kamsOfPairs.size() == before) {
                medium += unassignedWeight * account.getUnassignedPenalty();
                continue;
            }
            startBuffer[freeAccounts.size()] = before;
            freeAccounts.add(account);
            unassigned.add(unassignedWeight * account.getUnassignedPenalty());
            plans.add(planned < 0 ? -1 : before + planned);
        }
        startBuffer[freeAccounts.size()] = kamsOfPairs.size();
        free = freeAccounts;
        start = java.util.Arrays.copyOf(startBuffer, free.size() + 1);
        pairKam = kamsOfPairs.toArray();
        pairLoad = loads.toArray();
        pairCost = costs.toArray();
        planPair = plans.toArray();
        unassignedCost = unassigned.stream().mapToLong(Long::longValue).toArray();
        sectorOf = free.stream().mapToInt(a -> a.getSector().getIndex()).toArray();
        accountOfPair = new int[pairKam.length];
        for (int a = 0; a < free.size(); a++) {
            java.util.Arrays.fill(accountOfPair, start[a], start[a + 1], a);
        }

        // Rows that can bind, and the balance terms.
        long[] pairsOn = new long[kamCount];
        long[][] pairsOnSector = new long[kamCount][sectorCount];
        long[] loadOn = new long[kamCount];
        for (int a = 0; a < free.size(); a++) {
            for (int p = start[a]; p < start[a + 1]; p++) {
                int k = pairKam[p];
                pairsOn[k]++;
                pairsOnSector[k][sectorOf[a]]++;
                loadOn[k] += pairLoad[p];
            }
        }
        balanceCap = new double[kamCount];
        balanced = new boolean[kamCount];
        boolean balanceOn = weights.on(BALANCED_WORKLOAD);
        for (int k = 0; k < kamCount; k++) {
            if (accountsLeft[k] >= pairsOn[k]) {
                accountsLeft[k] = -1; // cannot bind
            }
            for (int s = 0; s < sectorCount; s++) {
                if (sectorLeft[k][s] >= pairsOnSector[k][s]) {
                    sectorLeft[k][s] = -1;
                }
            }
            long maxLoad = pinnedLoad[k] + loadOn[k];
            if (capacityOn) {
                maxLoad = Math.min(maxLoad, capacity[k]);
                if (capacityLeft[k] >= loadOn[k]) {
                    capacityLeft[k] = Long.MAX_VALUE; // cannot bind
                }
            }
            balanced[k] = balanceOn && maxLoad > 0;
            balanceCap[k] = (double) maxLoad * maxLoad / capacity[k] + 1;
        }
        constantSoft = soft;
        constantMedium = medium;
        infeasible = problem;
    }

    static Relaxation of(AssignmentPlan plan) {
        return new Relaxation(plan);
    }

    int pairCount() {
        return pairKam.length;
    }

    boolean hasCapacityRow(int k) {
        return capacityLeft[k] != Long.MAX_VALUE;
    }

    /** True when the pair breaks a per-pair hard constraint that is on (weight &gt; 0). */
    boolean breaksPairRule(Account account, Kam kam) {
        return brokenPairRule(account, kam) != null;
    }

    private String brokenPairRule(Account account, Kam kam) {
        Sector sector = account.getSector();
        if (weights.on(FORBIDDEN_PAIR) && account.isForbiddenWith(kam)) {
            return FORBIDDEN_PAIR.constraintName();
        }
        if (weights.on(REQUIRED_SECTOR_EXPERTISE) && sector.isExpertiseRequired() && !kam.hasExpertise(sector)) {
            return REQUIRED_SECTOR_EXPERTISE.constraintName();
        }
        if (weights.on(A_ACCOUNT_NEEDS_EXPERIENCED_KAM) && account.getTier() == Tier.A
                && kam.getExperienceYears() < account.getRequiredExperienceYears()) {
            return A_ACCOUNT_NEEDS_EXPERIENCED_KAM.constraintName();
        }
        return null;
    }

    /** Every weighted soft term of one placement except the balance: KamConstraintProvider's streams. */
    long linearSoftCost(Account account, Kam kam) {
        long cost = weights.of(TRAVEL_TIME) * account.getTravelMinutesFrom(kam.getHomeRegion());
        if (account.getCurrentKam() != null && account.getCurrentKam() != kam) {
            cost += weights.of(ACCOUNT_CONTINUITY) * account.getMovePenalty();
        }
        if (!account.getSector().isExpertiseRequired() && !kam.hasExpertise(account.getSector())) {
            cost += weights.of(PREFERRED_SECTOR_EXPERTISE) * PlanSettings.PREFERRED_EXPERTISE_PENALTY;
        }
        return cost + weights.of(ACCOUNT_AFFINITY) * account.affinityPenaltyWith(kam);
    }

    /** A growable int array: the pair lists of dach-xl have millions of entries. */
    static final class IntList {
        private int[] values = new int[1024];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }

        int get(int i) {
            return values[i];
        }

        int[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    static final class LongList {
        private long[] values = new long[1024];
        private int size;

        void add(long value) {
            if (size == values.length) {
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        long[] toArray() {
            return java.util.Arrays.copyOf(values, size);
        }
    }

    /**
     * One subgradient step of a Lagrangian over the relaxed rows (KnapsackBound, PerKamLagrangian): an
     * account's assignment multiplier is free, a cap's (accounts per KAM, sector caps) stays at 0 or above,
     * and only caps the plan has get one.
     */
    void step(double step, double[] pi, double[] rho, double[][] nu, double[] gAssign, double[] gMax,
            double[][] gSector) {
        for (int a = 0; a < gAssign.length; a++) {
            pi[a] += step * gAssign[a];
        }
        for (int k = 0; k < kamCount; k++) {
            if (accountsLeft[k] >= 0) {
                rho[k] = Math.max(0, rho[k] + step * gMax[k]);
            }
            for (int s = 0; s < sectorCount; s++) {
                if (sectorLeft[k][s] >= 0) {
                    nu[k][s] = Math.max(0, nu[k][s] + step * gSector[k][s]);
                }
            }
        }
    }
}
