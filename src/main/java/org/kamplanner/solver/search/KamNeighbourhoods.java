package org.kamplanner.solver.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.ortools.Loader;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.api.solver.phase.PhaseCommand;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;

/**
 * Large-neighbourhood search with an exact sub-solver, run when local search has stalled: free every
 * unpinned account of 2–6 related KAMs (and unassigned accounts that one of them may take), solve that
 * sub-problem exactly with OR-Tools CP-SAT under a time cap (coverage first, then the soft score: the
 * same integer terms as the constraints, balance as load² / capacity floored), and keep the result when
 * the plan's score is better. Change and swap moves cannot leave a local optimum of a tightly packed
 * plan, where improving needs several accounts to move among several KAMs at once; a sub-problem of a
 * few KAMs does that in one step (benchmarks/RESULTS.md, "Unseen plans").
 *
 * <p>KAMs are related through accounts: starting from a random KAM (or a KAM an unassigned account
 * qualifies for), each next KAM is one of the three other KAMs that a random account already freed would
 * cost least on (its own soft cost plus what it adds to that KAM's balance term). The number of KAMs grows
 * while CP-SAT proves its sub-problems optimal quickly and shrinks when it runs out of time. The phase ends
 * when the solve ends, or after {@link #stallRounds} rounds in a row without improvement (the last local
 * search phase then has the rest of the time).
 *
 * <p>Plans of up to {@link #wholePlanAccounts} accounts (and {@link #WHOLE_PLAN_MAX_PAIRS} account × KAM
 * pairs) are also solved whole, from the current plan as CP-SAT's hint, for up to {@link #wholePlanSeconds}:
 * first, and again whenever the rounds stall after changing the plan. On a 40 × 400 plan that fits, the
 * better plan CP-SAT found had 94 accounts elsewhere, among 30 KAMs (accounts back with their incumbents,
 * the load they displaced passed on around the plan), which no sequence of improving six-KAM rounds
 * reached; the whole-plan solve does, and the rounds then polish its result (benchmarks/RESULTS.md,
 * "Session 6").
 *
 * <p>Only a hard-feasible plan is searched. It is one step for Timefold: the best solution is published
 * when the phase ends (each kept change improves the plan, so the working plan is the best).
 */
public class KamNeighbourhoods implements PhaseCommand<AssignmentPlan> {

    private static final Logger LOG = LoggerFactory.getLogger(KamNeighbourhoods.class);

    private static final int MIN_KAMS = 2;
    private static final int MAX_KAMS = 6;
    /** Unassigned accounts offered to one sub-problem at most: enough to fill the room a few KAMs free. */
    static final int MAX_OPEN = 40;
    /**
     * Account × KAM pairs of a plan solved whole, at most: the model has a variable per pair, and a plan
     * within {@link #wholePlanAccounts} may still name up to the document limit of KAMs (2,000 by default),
     * a million variables. The plans measured had 4,000 (GAP e20200) to 20,000 (dach-medium, 500 × 40).
     */
    static final int WHOLE_PLAN_MAX_PAIRS = 25_000;
    private static final int CHEAPEST = 3;

    /** Wall-clock cap per CP-SAT solve (each of the two levels), in seconds. */
    private double subSolveSeconds = 0.5;
    /** Rounds without improvement, per active KAM, before the phase gives up. */
    private int stallRounds = 3;

    public void setSubSolveSeconds(double subSolveSeconds) {
        this.subSolveSeconds = subSolveSeconds;
    }

    /**
     * Rounds at most, whatever the time: a solve ended by a move count (benchmarks' --moves, the tests)
     * would otherwise give this phase, which evaluates no moves, up to its stall limit of rounds.
     */
    private int maxRounds = Integer.MAX_VALUE;

    public void setMaxRounds(int maxRounds) {
        this.maxRounds = maxRounds;
    }

    /**
     * CP-SAT's linearization level for the sub-problems: 1 is its default, 2 adds cuts to its LP, which
     * proves more of the knapsack-like sub-problems optimal within the time cap (set in solverConfig.xml
     * for the phase after the first local search; the coverage phase keeps 1, it was not measured there).
     */
    private int linearizationLevel = 1;

    public void setLinearizationLevel(int linearizationLevel) {
        this.linearizationLevel = linearizationLevel;
    }

    /**
     * Plans of at most this many accounts are first solved whole by CP-SAT, from the current plan as hint,
     * until {@link #wholePlanSeconds} have passed, the phase ends or CP-SAT proves the plan optimal (0: never).
     */
    private int wholePlanAccounts;

    public void setWholePlanAccounts(int wholePlanAccounts) {
        this.wholePlanAccounts = wholePlanAccounts;
    }

    /**
     * Cap of one whole-plan solve, in seconds (0: none). With a cap the phase alternates: a whole-plan solve,
     * neighbourhood rounds until they stall, a whole-plan solve again when the rounds changed the plan since.
     */
    private double wholePlanSeconds;

    public void setWholePlanSeconds(double wholePlanSeconds) {
        this.wholePlanSeconds = wholePlanSeconds;
    }

    public void setStallRounds(int stallRounds) {
        this.stallRounds = stallRounds;
    }

    /**
     * Only while accounts are unassigned (coverage below its best): the phase after the construction
     * heuristic, which ends as soon as every account is placed.
     */
    private boolean coverageOnly;

    public void setCoverageOnly(boolean coverageOnly) {
        this.coverageOnly = coverageOnly;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void changeWorkingSolution(ScoreDirector<AssignmentPlan> scoreDirector, BooleanSupplier isPhaseTerminated) {
        AssignmentPlan plan = scoreDirector.getWorkingSolution();
        // The score of the working plan is what decides whether a change stays; Timefold's own score
        // director computes it incrementally, as for any move.
        InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director =
                (InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore>) scoreDirector;
        HardMediumSoftLongScore score = director.calculateScore().raw();
        List<Kam> active = plan.getActiveKams();
        if (score.hardScore() < 0 || active.size() < 2 || (coverageOnly && score.mediumScore() == 0)) {
            return; // before loading OR-Tools' native library, which takes seconds the first time
        }
        Loader.loadNativeLibraries();
        // settings.seed varies the choice of KAMs as it varies Timefold's moves; without one, as before.
        Integer seed = plan.getSettings().seed();
        Neighbourhoods search = new Neighbourhoods(plan,
                new Random(seed == null ? plan.getAccounts().size() : 31L * seed + plan.getAccounts().size()));
        boolean counted = WorkBudget.counts(plan);
        int kams = 3;
        int stall = 0;
        int rounds = 0;
        int improvements = 0;
        int stallLimit = Math.min(200, stallRounds * active.size());
        boolean wholePlan = solvedWhole(plan.getAccounts().size(), active.size());
        boolean whole = wholePlan;
        int keptSinceWhole = 0;
        while (!isPhaseTerminated.getAsBoolean() && rounds < maxRounds && !(coverageOnly && score.mediumScore() == 0)) {
            if (stall >= stallLimit) {
                if (!wholePlan || wholePlanSeconds <= 0 || keptSinceWhole == 0) {
                    break;
                }
                whole = true; // the rounds changed the plan since the last whole-plan solve: one more from here
                stall = 0;
            }
            List<Kam> chosen = whole ? active : search.related(Math.min(kams, active.size()), coverageOnly);
            KamSubProblem sub = new KamSubProblem(plan, chosen, search.costs, search.loads);
            double cap = !whole ? subSolveSeconds : wholePlanSeconds > 0 ? wholePlanSeconds : Double.MAX_VALUE;
            KamSubProblem.Outcome outcome = sub.solve(cap, linearizationLevel, isPhaseTerminated, counted);
            if (counted) {
                WorkBudget.spend(director, sub.deterministicSeconds());
            }
            boolean wasWhole = whole;
            whole = false;
            boolean kept = false;
            if (outcome.better()) {
                sub.apply(scoreDirector, outcome.assignment());
                HardMediumSoftLongScore after = director.calculateScore().raw();
                if (after.compareTo(score) > 0) {
                    score = after;
                    kept = true;
                } else {
                    sub.revert(scoreDirector);
                }
            }
            stall = kept ? 0 : stall + 1;
            rounds++;
            improvements += kept ? 1 : 0;
            keptSinceWhole = wasWhole ? 0 : keptSinceWhole + (kept ? 1 : 0);
            if (wasWhole) {
                LOG.debug("CP-SAT whole plan after {} rounds: {}", rounds, kept ? score : "not better");
            } else if (outcome.proven() && kams < MAX_KAMS) {
                kams++;
            } else if (!outcome.proven() && kams > MIN_KAMS) {
                kams--;
            }
        }
        LOG.debug("CP-SAT neighbourhoods{}: {} rounds, {} kept, ended at {} KAMs per round, score {}",
                coverageOnly ? " (coverage)" : "", rounds, improvements, kams, score);
    }

    /** Whether a plan of this size gets whole-plan solves: {@link #wholePlanAccounts} and the pairs' cap. */
    boolean solvedWhole(int accounts, int activeKams) {
        return accounts <= wholePlanAccounts && (long) accounts * activeKams <= WHOLE_PLAN_MAX_PAIRS;
    }

    /** Which KAMs go into the next sub-problem. */
    private static final class Neighbourhoods {
        private final AssignmentPlan plan;
        private final Random random;
        private final SoftCosts costs;
        /** Only its pair rules are asked, which do not change with the assignment. */
        private final KamLoads loads;
        /** Per account, its qualified active KAMs, cheapest own soft cost first. */
        private final Map<Account, Kam[]> cheapest = new IdentityHashMap<>();

        Neighbourhoods(AssignmentPlan plan, Random random) {
            this.plan = plan;
            this.random = random;
            this.costs = SoftCosts.of(plan.getSettings());
            this.loads = KamLoads.of(plan);
        }

        private Kam[] cheapest(Account account) {
            return cheapest.computeIfAbsent(account, a -> plan.getActiveKams().stream()
                    .filter(k -> loads.qualifies(a, k))
                    .sorted(Comparator.comparingLong((Kam k) -> costs.pair(a, k))
                            .thenComparingInt(a::workloadMinutesWith))
                    .toArray(Kam[]::new));
        }

        /**
         * One of the {@value #CHEAPEST} other KAMs the account would cost least on, counting what taking it
         * would add to that KAM's balance term at its load now: the KAMs a sub-problem can most likely hand
         * the account to, whether they are near (travel), its incumbent (continuity) or have room (balance).
         * Ties at random: a remote account costs the same on many KAMs, and list order made the same few
         * KAMs its neighbours every time.
         */
        private Kam closest(Account account, List<Kam> chosen, KamLoads now) {
            List<Kam> others = new ArrayList<>();
            for (Kam kam : cheapest(account)) {
                if (!chosen.contains(kam)) {
                    others.add(kam);
                }
            }
            Collections.shuffle(others, random);
            others.sort(Comparator.comparingLong((Kam kam) -> costs.pair(account, kam)
                    + costs.balance(kam, now.load(kam) + account.workloadMinutesWith(kam)) - costs.balance(kam, now.load(kam))));
            return others.isEmpty() ? null : others.get(random.nextInt(Math.min(CHEAPEST, others.size())));
        }

        List<Kam> related(int count, boolean fromOpen) {
            List<Kam> active = plan.getActiveKams();
            List<Kam> chosen = new ArrayList<>();
            List<Account> open = new ArrayList<>();
            List<Account> freed = new ArrayList<>();
            for (Account account : plan.getAccounts()) {
                if (account.getKam() == null && !account.isPinned()) {
                    open.add(account);
                }
            }
            KamLoads now = KamLoads.of(plan);
            Kam first = null;
            if (!open.isEmpty() && (fromOpen || random.nextBoolean())) {
                Kam[] kams = cheapest(open.get(random.nextInt(open.size())));
                first = kams.length == 0 ? null : kams[random.nextInt(kams.length)];
            }
            chosen.add(first != null ? first : active.get(random.nextInt(active.size())));
            for (int guard = 0; chosen.size() < count && guard < 50; guard++) {
                freed.clear();
                for (Account account : plan.getAccounts()) {
                    if (account.getKam() != null && chosen.contains(account.getKam()) && !account.isPinned()) {
                        freed.add(account);
                    }
                }
                Kam next = null;
                if (!freed.isEmpty()) {
                    next = closest(freed.get(random.nextInt(freed.size())), chosen, now);
                }
                if (next == null) {
                    next = active.get(random.nextInt(active.size()));
                }
                if (!chosen.contains(next)) {
                    chosen.add(next);
                }
            }
            return chosen;
        }
    }

}
