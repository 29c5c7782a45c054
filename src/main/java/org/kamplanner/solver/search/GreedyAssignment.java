package org.kamplanner.solver.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AccountDifficulty;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.api.solver.phase.PhaseCommand;

/**
 * The first phase: places every unassigned, unpinned account, hardest first, on the KAM where it
 * costs the least soft score without breaking a hard constraint, or leaves it for the construction
 * heuristic when no KAM can take it.
 *
 * <p>Why not only Timefold's construction heuristic: it evaluates each of the n × m placements through
 * the incremental score director, which took longer than the whole 30-second default on dach-xl
 * (15,000 accounts × 1,000 KAMs, 13,973 accounts placed when time ran out). The same choice made
 * with the cost terms the accounts already carry is a few array reads per candidate. The soft cost
 * below is the exact score change of docs/model.md's soft constraints at the plan's weights; the hard checks
 * are the six hard constraints. Assignments given on input (a warm start) and pins are kept.
 */
public class GreedyAssignment implements PhaseCommand<AssignmentPlan> {

    /**
     * On plans of more than this many accounts, the accounts left out then come in by make-room chains
     * ({@link CoverageRepair}) where that gains coverage; the large search sets it (solver/search/Search),
     * the annual and rebalance searches keep the greedy alone (a rebalance moves as few accounts as it can).
     */
    private int coverageRepairAbove = Integer.MAX_VALUE;

    public void setCoverageRepairAbove(int coverageRepairAbove) {
        this.coverageRepairAbove = coverageRepairAbove;
    }

    @Override
    public void changeWorkingSolution(ScoreDirector<AssignmentPlan> scoreDirector, BooleanSupplier isPhaseTerminated) {
        AssignmentPlan plan = scoreDirector.getWorkingSolution();
        KamLoads loads = KamLoads.of(plan);
        SoftCosts costs = SoftCosts.of(plan.getSettings());
        List<Account> open = new ArrayList<>();
        for (Account account : plan.getAccounts()) {
            if (account.getKam() == null && !account.isPinned()) {
                open.add(account);
            }
        }
        boolean large = plan.getAccounts().size() > coverageRepairAbove;
        boolean overfull = large && overfull(plan);
        open.sort(overfull ? MOST_COVERAGE_PER_MINUTE : new AccountDifficulty().reversed());
        List<Kam> active = plan.getActiveKams();
        // Each KAM's balance term at its load so far, and per sector and required experience the KAMs those rules
        // let through (in the active list's order, so ties go as before): on 1,500 × 14,000 the scan of every
        // KAM per account was all of this phase's time.
        long[] balance = new long[plan.getKams().size()];
        for (Kam kam : active) {
            balance[kam.getIndex()] = costs.balance(kam, loads.load(kam));
        }
        if (handOverCapBinds(plan, open)) {
            open = toIncumbents(scoreDirector, open, loads, costs, balance);
        }
        Map<Long, Kam[]> candidates = new HashMap<>();
        for (Account account : open) {
            if (isPhaseTerminated.getAsBoolean()) {
                return;
            }
            Kam best = null;
            long bestCost = Long.MAX_VALUE;
            long group = (long) account.getSector().getIndex() << 32 | account.getRequiredExperienceYears();
            for (Kam kam : candidates.computeIfAbsent(group, g -> active.stream()
                    .filter(kam -> loads.qualifiesBySectorAndExperience(account, kam)).toArray(Kam[]::new))) {
                if (loads.obstacle(account, kam) == null) {
                    int workload = account.workloadMinutesWith(kam);
                    long cost = costs.balance(kam, loads.load(kam) + workload) - balance[kam.getIndex()]
                            + costs.pair(account, kam);
                    if (cost < bestCost) {
                        bestCost = cost;
                        best = kam;
                    }
                }
            }
            if (best != null) {
                scoreDirector.beforeVariableChanged(account, "kam");
                account.setKam(best);
                scoreDirector.afterVariableChanged(account, "kam");
                loads.add(account, best);
                balance[best.getIndex()] = costs.balance(best, loads.load(best));
            }
        }
        scoreDirector.triggerVariableListeners();
        if (large && !isPhaseTerminated.getAsBoolean()) {
            new CoverageRepair(plan, overfull).run(scoreDirector, isPhaseTerminated);
        }
    }

    /**
     * Whether settings.maxMovedAccounts could be exceeded by this phase: the hand-overs already in the plan and
     * every open account of an active incumbent (each a hand-over unless it goes back to that KAM) are more than
     * the cap. Only then is the cap the greedy's business; a looser cap cannot bind here.
     */
    private static boolean handOverCapBinds(AssignmentPlan plan, List<Account> open) {
        Integer cap = KamLoads.handOverCap(plan.getSettings());
        if (cap == null) {
            return false;
        }
        int possible = 0;
        for (Account account : plan.getAccounts()) {
            if (account.getKam() == null && !account.isPinned() ? account.hasActiveIncumbent() : account.isHandOver()) {
                possible++;
            }
        }
        return possible > cap;
    }

    /**
     * Under a cap that binds, each open account goes back to its active incumbent first (hardest first) where
     * no hard rule stops it: the plan starts from the fewest hand-overs, and local search and the neighbourhoods
     * spend the cap where it buys the most. Returns the accounts still open.
     */
    private static List<Account> toIncumbents(ScoreDirector<AssignmentPlan> scoreDirector, List<Account> open,
            KamLoads loads, SoftCosts costs, long[] balance) {
        List<Account> left = new ArrayList<>();
        for (Account account : open) {
            Kam incumbent = account.getCurrentKam();
            if (account.hasActiveIncumbent() && loads.obstacle(account, incumbent) == null) {
                scoreDirector.beforeVariableChanged(account, "kam");
                account.setKam(incumbent);
                scoreDirector.afterVariableChanged(account, "kam");
                loads.add(account, incumbent);
                balance[incumbent.getIndex()] = costs.balance(incumbent, loads.load(incumbent));
            } else {
                left.add(account);
            }
        }
        return left;
    }

    /**
     * On a plan whose accounts need more minutes than its KAMs have, the greedy fills the room with the most
     * coverage (unassigned penalty) per minute first, hardest first among equals: by difficulty (A-accounts
     * and big ones first) the room went to big accounts, and small ones of the same tier stayed out.
     */
    private static final Comparator<Account> MOST_COVERAGE_PER_MINUTE = ((Comparator<Account>) (a, b) -> Long.compare(
            b.getUnassignedPenalty() * Math.max(1, a.getBaseMinutes()),
            a.getUnassignedPenalty() * Math.max(1, b.getBaseMinutes()))).thenComparing(new AccountDifficulty().reversed());

    /** Whether the accounts' base minutes alone (travel comes on top) exceed the active KAMs' capacity. */
    static boolean overfull(AssignmentPlan plan) {
        long minutes = 0;
        for (Account account : plan.getAccounts()) {
            minutes += account.getBaseMinutes();
        }
        long capacity = 0;
        for (Kam kam : plan.getActiveKams()) {
            capacity += kam.getCapacityMinutes();
        }
        return minutes > capacity;
    }

    /** The change in soft score (as a positive cost) of putting the account on this KAM, at the plan's weights. */
    static long softCost(SoftCosts costs, Account account, Kam kam, long load, int workload) {
        return costs.balance(kam, load + workload) - costs.balance(kam, load) + costs.pair(account, kam);
    }
}
