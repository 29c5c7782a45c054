package org.kamplanner.solver.search;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

import ai.timefold.solver.core.api.score.director.ScoreDirector;

/**
 * The end of the greedy phase on a large plan: each account the greedy left out comes in by the cheapest of a
 * few make-room chains ({@link RoomChain}: it takes a KAM, whoever is in its way moves to another KAM or makes
 * room there in turn) that gains coverage, by the soft cost it adds. The chains are the local search's
 * make-room moves, tried at once for every open account instead of one random account per step; on a plan that
 * is not over-full, an account no chain places gets room from several small accounts at once ({@link Ejection});
 * what they do not place, the CP-SAT coverage phase tries next.
 *
 * <p>Accounts in the order they stand, two passes (a chain that places one account may move others out of
 * the way of the next); deterministic: the chains' random choices come from a generator seeded by the plan's
 * size.
 */
final class CoverageRepair {

    /**
     * Chains built per open account and pass; the cheapest one that gains coverage is kept. On over-full
     * 240 × 2,200 plans 12 brought in 15–30 medium in 0.2 s, up to 400 (40,000 a pass) 30–40 more in 3–4 s,
     * which the CP-SAT coverage phase gains faster (benchmarks/RESULTS.md, "Session 7").
     */
    private static final int CHAINS = 12;
    private static final int PASSES = 2;
    private static final int MAX_DEPTH = 3;

    private final PlanRoom room;
    private final RoomChain chains;
    private final SoftCosts costs;
    private final Random random;
    /** On a plan that fits (not over-full), several small accounts make room where no chain did; else null. */
    private final Ejection ejection;

    CoverageRepair(AssignmentPlan plan, boolean overfull) {
        this.room = new PlanRoom(plan);
        this.chains = new RoomChain(room);
        this.costs = SoftCosts.of(plan.getSettings());
        this.random = new Random(plan.getAccounts().size());
        this.ejection = overfull ? null : new Ejection(room, costs);
    }

    /** Repairs until no chain gains, both passes are done, or the phase ends; how many accounts came in. */
    int run(ScoreDirector<AssignmentPlan> scoreDirector, BooleanSupplier isPhaseTerminated) {
        int placed = 0;
        for (int pass = 0; pass < PASSES; pass++) {
            int[] open = new int[room.open.size()];
            for (int i = 0; i < open.length; i++) {
                open[i] = room.open.get(i);
            }
            int before = placed;
            for (int account : open) {
                if (isPhaseTerminated.getAsBoolean()) {
                    return placed;
                }
                if (room.accounts[account].getKam() != null) {
                    continue; // a chain for an earlier account brought it in
                }
                MakeRoomMove best = cheapestGainingChain(account);
                if (best == null && ejection != null && chains.qualifiedKams(account).length > 0) {
                    best = ejection.place(account, chains.qualifiedKams(account));
                    best = best != null && room.withinHandOverCap(best) ? best : null;
                }
                if (best != null) {
                    best.apply(scoreDirector);
                    scoreDirector.triggerVariableListeners();
                    room.sync();
                    placed++;
                }
            }
            if (placed == before) {
                break;
            }
        }
        return placed;
    }

    private MakeRoomMove cheapestGainingChain(int account) {
        Kam[] kams = chains.qualifiedKams(account);
        if (kams.length == 0) {
            return null;
        }
        MakeRoomMove best = null;
        long bestGain = 0;
        long bestCost = Long.MAX_VALUE;
        for (int t = 0; t < CHAINS; t++) {
            MakeRoomMove move = chains.build(account, kams[random.nextInt(kams.length)], MAX_DEPTH, random);
            if (move == null || !room.withinHandOverCap(move)) {
                continue;
            }
            long gain = coverageGain(move);
            long cost = softCost(move);
            if (gain > bestGain || (gain == bestGain && gain > 0 && cost < bestCost)) {
                best = move;
                bestGain = gain;
                bestCost = cost;
            }
        }
        return best;
    }

    /** Unassigned penalty brought in less what the chain leaves out. */
    private static long coverageGain(MakeRoomMove move) {
        long gain = 0;
        for (MakeRoomMove.Reassignment r : move.reassignments()) {
            if (r.from() == null) {
                gain += r.account().getUnassignedPenalty();
            } else if (r.to() == null) {
                gain -= r.account().getUnassignedPenalty();
            }
        }
        return gain;
    }

    /** The soft score the chain costs at the current loads: its pairs' costs and the balance of the KAMs it touches. */
    private long softCost(MakeRoomMove move) {
        long cost = 0;
        Map<Kam, Long> loadChange = new HashMap<>();
        for (MakeRoomMove.Reassignment r : move.reassignments()) {
            if (r.from() != null) {
                cost -= costs.pair(r.account(), r.from());
                loadChange.merge(r.from(), (long) -r.account().workloadMinutesWith(r.from()), Long::sum);
            }
            if (r.to() != null) {
                cost += costs.pair(r.account(), r.to());
                loadChange.merge(r.to(), (long) r.account().workloadMinutesWith(r.to()), Long::sum);
            }
        }
        for (Map.Entry<Kam, Long> change : loadChange.entrySet()) {
            long load = room.loads.load(change.getKey());
            cost += costs.balance(change.getKey(), load + change.getValue()) - costs.balance(change.getKey(), load);
        }
        return cost;
    }
}
