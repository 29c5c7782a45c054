package org.kamplanner.solver.search;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.function.BooleanSupplier;

import org.kamplanner.domain.AssignmentPlan;

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
 * <p>Only a hard-feasible plan is searched. As one command it is one step for Timefold: the best solution is
 * published when the phase ends (each kept change improves the plan, so the working plan is the best);
 * {@link #steps} makes it many steps, each ending with a kept change, which the large search uses. On plans of
 * more than {@link #LARGE_PLAN_ACCOUNTS} accounts the phase also ends after {@link #largePlanShare} of the
 * plan's terminationSeconds, so that local search gets the rest (issue 25: on 240 × 2,200 the coverage phase
 * held the whole 30 s).
 */
public class KamNeighbourhoods implements PhaseCommand<AssignmentPlan> {

    /** Above this many accounts {@link #largePlanShare} applies; plans up to it are searched as before. */
    static final int LARGE_PLAN_ACCOUNTS = 500;
    /** Unassigned accounts offered to one sub-problem at most: enough to fill the room a few KAMs free. */
    static final int MAX_OPEN = 40;
    /**
     * Account × KAM pairs of a plan solved whole, at most: the model has a variable per pair, and a plan
     * within {@link #wholePlanAccounts} may still name up to the document limit of KAMs (2,000 by default),
     * a million variables. The plans measured had 4,000 (GAP e20200) to 20,000 (dach-medium, 500 × 40).
     */
    static final int WHOLE_PLAN_MAX_PAIRS = 25_000;

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

    /** On a plan above {@link #LARGE_PLAN_ACCOUNTS} accounts, the phase's share of terminationSeconds (0: all). */
    private double largePlanShare;

    public void setLargePlanShare(double largePlanShare) {
        this.largePlanShare = largePlanShare;
    }

    /**
     * On an over-full plan (its accounts' base minutes exceed its KAMs' capacity) above {@link #LARGE_PLAN_ACCOUNTS}
     * accounts, the cap of each round's soft level in seconds (deterministic seconds under a work budget; 0: the
     * coverage level only, a round is kept when it covers more; below 0: the round's own cap). Set for the
     * coverage phase: there it gains coverage until its share or the work budget ends, and the soft level took
     * work that covers more when spent on the coverage level (over-full 240 × 2,200: medium −2.7 % for the same
     * work budget, the soft level +7.6 %). Not on plans that fit: there the phase ends once all is covered, and
     * a plan left with a worse soft score ended worse (benchmarks/RESULTS.md, "Session 10").
     */
    private double largePlanSoftSeconds = -1;

    public void setLargePlanSoftSeconds(double largePlanSoftSeconds) {
        this.largePlanSoftSeconds = largePlanSoftSeconds;
    }

    /**
     * On a plan above {@link #LARGE_PLAN_ACCOUNTS} accounts that is not over-full, the deterministic seconds of
     * this phase's rounds after which, with a medium penalty of at least one per hundred accounts still out, each
     * round solves the coverage level only ({@link #setLargePlanSoftSeconds}); below 0: never. A plan that fits
     * is covered early, or has only a few accounts left at the gate, and keeps both levels (gen 500 × 5,000 at
     * search seed 1: medium −1 after 5 s, covered a round later); one that is not over-full by base minutes but
     * still has many out after this much work (the generator's margin-1.02 plans: travel and the sector and
     * experience rules leave 800–1,600 medium out at the end of the budget) is treated as an over-full one from
     * then on (benchmarks/RESULTS.md, "Session 11" and "Session 12").
     */
    private double coverageGateSeconds = -1;

    public void setCoverageGateSeconds(double coverageGateSeconds) {
        this.coverageGateSeconds = coverageGateSeconds;
    }

    /** The rounds of each solve running this phase as {@link #steps}, by its score director. */
    private final Map<ScoreDirector<AssignmentPlan>, NeighbourhoodRounds> running =
            Collections.synchronizedMap(new WeakHashMap<>());

    @Override
    public void changeWorkingSolution(ScoreDirector<AssignmentPlan> scoreDirector, BooleanSupplier isPhaseTerminated) {
        NeighbourhoodRounds rounds = start(scoreDirector);
        if (rounds != null) {
            rounds.run(inner(scoreDirector), isPhaseTerminated, false);
        }
    }

    /**
     * This phase as {@code count} custom-phase steps for one solve at a time per score director: the first
     * starts the rounds, each step ends after a kept change, and Timefold publishes the best solution at the
     * end of every step (a custom phase command is one step, and the best solution is only updated when a step
     * ends). So a watcher, a stop and a crash see each improvement as it is found, not when the phase ends.
     * Steps after the rounds have ended do nothing. The rounds are the same as in one step.
     */
    List<PhaseCommand<AssignmentPlan>> steps(int count) {
        List<PhaseCommand<AssignmentPlan>> steps = new ArrayList<>(count);
        steps.add((scoreDirector, isPhaseTerminated) -> {
            NeighbourhoodRounds rounds = start(scoreDirector);
            if (rounds == null) {
                running.remove(scoreDirector);
            } else {
                running.put(scoreDirector, rounds);
                next(rounds, scoreDirector, isPhaseTerminated);
            }
        });
        PhaseCommand<AssignmentPlan> next = (scoreDirector, isPhaseTerminated) -> {
            NeighbourhoodRounds rounds = running.get(scoreDirector);
            if (rounds != null) {
                next(rounds, scoreDirector, isPhaseTerminated);
            }
        };
        while (steps.size() < count) {
            steps.add(next);
        }
        return steps;
    }

    private void next(NeighbourhoodRounds rounds, ScoreDirector<AssignmentPlan> scoreDirector,
            BooleanSupplier isPhaseTerminated) {
        if (!rounds.run(inner(scoreDirector), isPhaseTerminated, true)) {
            running.remove(scoreDirector);
        }
    }

    /**
     * The score of the working plan is what decides whether a change stays; Timefold's own score director
     * computes it incrementally, as for any move.
     */
    @SuppressWarnings("unchecked")
    private static InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> inner(
            ScoreDirector<AssignmentPlan> scoreDirector) {
        return (InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore>) scoreDirector;
    }

    /** The rounds of this phase for the working plan, or null when the plan is not searched. */
    private NeighbourhoodRounds start(ScoreDirector<AssignmentPlan> scoreDirector) {
        AssignmentPlan plan = scoreDirector.getWorkingSolution();
        HardMediumSoftLongScore score = inner(scoreDirector).calculateScore().raw();
        if (score.hardScore() < 0 || plan.getActiveKams().size() < 2 || (coverageOnly && score.mediumScore() == 0)) {
            return null; // before loading OR-Tools' native library, which takes seconds the first time
        }
        Loader.loadNativeLibraries();
        long accounts = plan.getAccounts().size();
        double seconds = accounts > LARGE_PLAN_ACCOUNTS && largePlanShare > 0
                ? largePlanShare * plan.getSettings().terminationSeconds() : Double.MAX_VALUE;
        return new NeighbourhoodRounds(this, plan, score, seconds);
    }

    /** Whether a plan of this size gets whole-plan solves: {@link #wholePlanAccounts} and the pairs' cap. */
    boolean solvedWhole(int accounts, int activeKams) {
        return accounts <= wholePlanAccounts && (long) accounts * activeKams <= WHOLE_PLAN_MAX_PAIRS;
    }

    /**
     * The soft level's cap of the next round ({@link #setLargePlanSoftSeconds}, {@link #setCoverageGateSeconds}):
     * on a large over-full plan from the first round, on a large plan that is not over-full once the phase's
     * rounds have spent the gate's deterministic seconds with the medium level at or below −accounts / 100;
     * otherwise none. It reads only counts, never the clock, so a seed and a work budget still give the same plan.
     */
    double softSeconds(int accounts, boolean overfull, double spentSeconds, long medium) {
        if (largePlanSoftSeconds < 0 || accounts <= LARGE_PLAN_ACCOUNTS) {
            return Double.MAX_VALUE;
        }
        boolean gated = coverageGateSeconds >= 0 && spentSeconds >= coverageGateSeconds
                && medium <= -Math.max(1, accounts / 100);
        return overfull || gated ? largePlanSoftSeconds : Double.MAX_VALUE;
    }

    double subSolveSeconds() {
        return subSolveSeconds;
    }

    int stallRounds() {
        return stallRounds;
    }

    int maxRounds() {
        return maxRounds;
    }

    int linearizationLevel() {
        return linearizationLevel;
    }

    double wholePlanSeconds() {
        return wholePlanSeconds;
    }

    boolean coverageOnly() {
        return coverageOnly;
    }
}
