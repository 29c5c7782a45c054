package org.kamplanner.bound;

import static org.kamplanner.solver.KamConstraint.UNASSIGNED_ACCOUNT;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

import org.kamplanner.domain.AssignmentPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.google.ortools.Loader;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * Computes the quality certificate ({@link PlanBound}) of a plan: a lower bound on the medium penalty of
 * every plan with hard score 0, and on the soft penalty of every such plan whose medium penalty is at most
 * the given plan's. The method is the LP relaxation of docs/model.md's score, solved with OR-Tools GLOP;
 * on small plans (default up to 5,000 (account, KAM) pairs) also CP-SAT's proven bound of each level under
 * a time cap, where the LP leaves room, and on larger ones the medium level's knapsack Lagrangian: the
 * larger bound is reported. Plans too large for the LP (over 2 million pairs) get the per-KAM Lagrangian
 * instead. docs/bound.md has the model and why each step keeps the bound valid.
 *
 * <p>Thread-safe and stateless apart from its options: one instance can serve every plan. It reads the plan
 * (assignment, score, weights) and never changes it; a caller that lets a solver change the plan meanwhile
 * should pass a copy. The computation stops at the time limit or when the calling thread is interrupted.
 */
public final class LowerBound {

    private static final Logger LOG = LoggerFactory.getLogger(LowerBound.class);

    /**
     * @param lpSolver the MPSolver LP engine: "GLOP" (default) or "PDLP"
     * @param cpSatLimit at most this long for CP-SAT's bound of each level; zero switches CP-SAT off
     * @param cpSatMaxPairs CP-SAT only for plans with at most this many (account, KAM) pairs (larger ones get
     *        the knapsack Lagrangian instead)
     * @param cpSatWorkers CP-SAT's worker threads
     * @param columnGeneration false puts every pair into the LP from the start (for measurements; slower
     *        on large plans, the same bound)
     * @param knapsackLimit at most this long for the medium level's knapsack Lagrangian ({@link KnapsackBound}),
     *        tried where CP-SAT is not and the LP's medium bound is below the plan's; zero switches it off
     * @param lpMaxPairs plans with more (account, KAM) pairs get {@link PerKamLagrangian} instead of the LP:
     *        GLOP's first solve alone took 246 s on dach-xl (11.5 million pairs), and the Lagrangian needs
     *        no LP columns
     */
    public record Options(String lpSolver, Duration cpSatLimit, int cpSatMaxPairs, int cpSatWorkers,
            boolean columnGeneration, Duration knapsackLimit, int lpMaxPairs) {

        public static final Options DEFAULT = new Options("GLOP", Duration.ofSeconds(10), 5_000, 2, true,
                Duration.ofSeconds(10), 2_000_000);

        public Options withLpMaxPairs(int pairs) {
            return new Options(lpSolver, cpSatLimit, cpSatMaxPairs, cpSatWorkers, columnGeneration, knapsackLimit,
                    pairs);
        }

        public Options withLpSolver(String solver) {
            return new Options(solver, cpSatLimit, cpSatMaxPairs, cpSatWorkers, columnGeneration, knapsackLimit, lpMaxPairs);
        }

        public Options withCpSatLimit(Duration limit) {
            return new Options(lpSolver, limit, cpSatMaxPairs, cpSatWorkers, columnGeneration, knapsackLimit, lpMaxPairs);
        }

        public Options withCpSatMaxPairs(int pairs) {
            return new Options(lpSolver, cpSatLimit, pairs, cpSatWorkers, columnGeneration, knapsackLimit, lpMaxPairs);
        }

        public Options withCpSatWorkers(int workers) {
            return new Options(lpSolver, cpSatLimit, cpSatMaxPairs, workers, columnGeneration, knapsackLimit, lpMaxPairs);
        }

        public Options withColumnGeneration(boolean on) {
            return new Options(lpSolver, cpSatLimit, cpSatMaxPairs, cpSatWorkers, on, knapsackLimit, lpMaxPairs);
        }

        public Options withKnapsackLimit(Duration limit) {
            return new Options(lpSolver, cpSatLimit, cpSatMaxPairs, cpSatWorkers, columnGeneration, limit, lpMaxPairs);
        }
    }

    /**
     * The bound with what it took, for tests and benchmarks: the bounds as computed, before the check
     * against the plan's own penalties (which lowers a bound above them, a defect, with a warning); the
     * LP figures of each level and CP-SAT's outcome (null where not run).
     */
    public record Result(PlanBound bound, Long computedMedium, Long computedSoft, String mediumLp,
            String mediumKnapsack, String mediumCpSat, String softLp, String softCpSat) {
    }

    private static final String NATIVE_PROBLEM = loadNatives();

    private final Options options;

    public LowerBound() {
        this(Options.DEFAULT);
    }

    public LowerBound(Options options) {
        this.options = options;
    }

    /** OR-Tools' native libraries, once per JVM; null when loaded, else why not. */
    private static String loadNatives() {
        try {
            Loader.loadNativeLibraries();
            return null;
        } catch (Throwable e) {
            LoggerFactory.getLogger(LowerBound.class).warn("OR-Tools native libraries could not be loaded", e);
            return "the OR-Tools native libraries could not be loaded on this platform: " + e;
        }
    }

    /**
     * The bound for this plan; {@code plan.getScore()} is the score the gap is measured against and
     * gives M = its medium penalty.
     */
    public PlanBound compute(AssignmentPlan plan, Duration timeLimit) {
        return computeWithDetails(plan, timeLimit).bound();
    }

    public Result computeWithDetails(AssignmentPlan plan, Duration timeLimit) {
        return computeWithDetails(plan, plan.getScore(), timeLimit);
    }

    /**
     * The bound of the plans of {@code plan}'s problem measured against {@code score}, the score some plan of
     * the same problem reached (a benchmark's best, whose assignment is not at hand): M is its medium
     * penalty, the gap is its soft penalty's. {@code plan}'s own assignment then only seeds the first LP's
     * columns.
     */
    public Result computeWithDetails(AssignmentPlan plan, HardMediumSoftLongScore score, Duration timeLimit) {
        long begin = System.nanoTime();
        long deadline = begin + Math.max(0, timeLimit.compareTo(Duration.ofDays(1)) > 0
                ? Duration.ofDays(1).toNanos() : timeLimit.toNanos());
        if (score == null) {
            return only(PlanBound.unavailable("the plan has no score yet: score or solve it first", 0));
        }
        if (NATIVE_PROBLEM != null) {
            return only(PlanBound.unavailable(NATIVE_PROBLEM, 0));
        }
        String memory = memoryProblem(plan);
        if (memory != null) {
            return only(PlanBound.unavailable(memory, seconds(begin)));
        }
        Relaxation r = Relaxation.of(plan);
        if (r.infeasible != null) {
            return only(PlanBound.unavailable("no plan has hard score 0: " + r.infeasible, seconds(begin)));
        }
        String base = lagrangian(r) ? "Lagrangian relaxation (per-KAM subproblems)" : "LP relaxation";
        boolean planFeasible = score.hardScore() == 0;
        long planMedium = -score.mediumScore();
        long planSoft = -score.softScore();

        // Medium level.
        long mediumBound;
        String mediumLp = null;
        String mediumKnapsack = null;
        String mediumCpSat = null;
        String mediumBy = null;
        if (r.weights.of(UNASSIGNED_ACCOUNT) == 0 || Arrays.stream(r.unassignedCost).allMatch(c -> c == 0)) {
            mediumBound = r.constantMedium; // every plan with hard 0 has exactly this medium penalty
        } else if (planFeasible && planMedium == r.constantMedium
                && Arrays.stream(r.unassignedCost).allMatch(c -> c >= 0)) {
            mediumBound = planMedium; // this plan reaches the least a plan can have
        } else {
            LpOutcome lp = level(r, false, 0, planFeasible ? planMedium : Double.NaN,
                    lagrangian(r) ? begin + (deadline - begin) / 2 : deadline);
            mediumLp = describe(lp);
            if (!lp.solved()) {
                return new Result(PlanBound.unavailable("the medium level's LP did not solve: " + lp.failure(),
                        seconds(begin)), null, null, mediumLp, null, null, null, null);
            }
            // Every plan's medium penalty is an integer, so rounding a valid bound up keeps it valid.
            mediumBound = (long) Math.ceil(lp.bound());
            long known = planFeasible ? planMedium : Long.MAX_VALUE;
            // Where CP-SAT is tried it proves more (the optimum on the bundled over-full plans); elsewhere whole
            // accounts per KAM beat the LP's fractions (docs/bound.md).
            boolean cpSatTried = !options.cpSatLimit().isZero() && r.pairCount() <= options.cpSatMaxPairs();
            if (!options.knapsackLimit().isZero() && mediumBound < known && !cpSatTried) {
                long knapsackDeadline = Math.min(deadline, System.nanoTime() + options.knapsackLimit().toNanos());
                KnapsackBound.Outcome ks = KnapsackBound.medium(r, lp.duals(),
                        planFeasible ? planMedium : lp.bound() * 1.5 + 1, knapsackDeadline);
                mediumKnapsack = String.format(Locale.ROOT, "knapsack Lagrangian %.3f, %d iterations, %.2f s",
                        ks.bound(), ks.iterations(), ks.seconds());
                if ((long) Math.ceil(ks.bound()) > mediumBound) {
                    mediumBound = (long) Math.ceil(ks.bound());
                    mediumBy = "knapsack Lagrangian";
                }
            }
            double cap = cpSatSeconds(r, deadline);
            if (cap > 0 && mediumBound < known) {
                CpSatBound.Outcome cp = CpSatBound.medium(r, cap, options.cpSatWorkers());
                mediumCpSat = describe(cp, cap);
                if (cp != null && cp.bound() > mediumBound) {
                    mediumBound = cp.bound();
                    mediumBy = "CP-SAT";
                }
            }
        }
        long computedMedium = mediumBound;
        mediumBound = atMostThePlan("medium", mediumBound, planFeasible, planMedium);

        // Soft level, for plans with medium <= M.
        if (planMedium < mediumBound) {
            return new Result(PlanBound.proven(mediumBound, null, null, method(base, mediumBy, false),
                    seconds(begin), "no plan with hard score 0 has a medium penalty as small as this plan's ("
                            + planMedium + "), so there is no soft bound to give"),
                    computedMedium, null, mediumLp, mediumKnapsack, mediumCpSat, null, null);
        }
        LpOutcome lp = level(r, true, planMedium - r.constantMedium, planFeasible ? planSoft : Double.NaN, deadline);
        String softLp = describe(lp);
        if (!lp.solved()) {
            // PROVEN promises both levels (but where the soft level is vacuous, above): no half answers.
            return new Result(PlanBound.unavailable("the soft level's LP did not solve: " + lp.failure(),
                    seconds(begin)), computedMedium, null, mediumLp, mediumKnapsack, mediumCpSat, softLp, null);
        }
        // Every plan's soft penalty is an integer, so rounding a valid bound up keeps it valid.
        long softBound = (long) Math.ceil(lp.bound());
        String softCpSat = null;
        boolean cpSatSoft = false;
        double cap = cpSatSeconds(r, deadline);
        if (cap > 0 && softBound < (planFeasible ? planSoft : Long.MAX_VALUE)) {
            CpSatBound.Outcome cp = CpSatBound.soft(r, planMedium - r.constantMedium, cap,
                    options.cpSatWorkers());
            softCpSat = describe(cp, cap);
            if (cp != null && cp.bound() > softBound) {
                softBound = cp.bound();
                cpSatSoft = true;
            }
        }
        // Neither the LP nor CP-SAT counts Balanced revenue; its own least value adds to theirs.
        softBound = Math.addExact(softBound, RevenueBound.soft(r, plan, planMedium - r.constantMedium));
        long computedSoft = softBound;
        softBound = atMostThePlan("soft", softBound, planFeasible, planSoft);
        String note = lp.converged() || cpSatSoft ? null
                : lagrangian(r) ? String.format(Locale.ROOT, "the subgradient steps stopped at the time limit (%d "
                        + "steps), so the bound is weaker than the relaxation allows", lp.rounds())
                : String.format(Locale.ROOT, "the LP stopped before it converged (%d rounds), so the bound is "
                        + "weaker than the relaxation allows", lp.rounds());
        return new Result(PlanBound.proven(mediumBound, softBound, planFeasible ? planSoft : null,
                method(base, mediumBy, cpSatSoft), seconds(begin), note), computedMedium, computedSoft, mediumLp,
                mediumKnapsack, mediumCpSat, softLp, softCpSat);
    }

    /**
     * Heap the bound may need per (account, KAM) pair at most, while the relaxation's pair arrays are built
     * (their growing lists and the copies: 64 bytes; 28 stay, and the per-KAM Lagrangian adds 4).
     */
    static final long BYTES_PER_PAIR = 64;

    /**
     * Why the bound would not fit into the heap, or null: the pairs are at most the unpinned accounts × the
     * active KAMs (20,000 × 2,000 at the documented maximum: 40 million, 2.4 GB), and the heap left is the
     * maximum less what is in use (young garbage not counted: the next collection frees it). Where that looks
     * too little, one full collection first: old garbage (a finished solve's) would otherwise refuse a plan
     * that fits, and a bound this large takes a minute anyway. Refusing here rather than running out of memory
     * keeps the service's other threads, which share the heap, alive.
     */
    static String memoryProblem(AssignmentPlan plan) {
        long accounts = unpinnedAccounts(plan);
        long kams = activeKams(plan);
        String problem = memoryProblem(accounts, kams, heapLeft());
        if (problem == null) {
            return null;
        }
        System.gc();
        return memoryProblem(accounts, kams, heapLeft());
    }

    /** The heap the bound of this plan may need at most (plan.SolveMemory holds it while the bound runs). */
    public static long heapNeed(AssignmentPlan plan) {
        return unpinnedAccounts(plan) * activeKams(plan) * BYTES_PER_PAIR;
    }

    private static long unpinnedAccounts(AssignmentPlan plan) {
        return plan.getAccounts().stream().filter(a -> !a.isPinned()).count();
    }

    private static long activeKams(AssignmentPlan plan) {
        return plan.getKams().stream().filter(k -> k.isActive()).count();
    }

    private static long heapLeft() {
        long inUse = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && !pool.getName().contains("Eden")) {
                inUse += pool.getUsage().getUsed();
            }
        }
        return Runtime.getRuntime().maxMemory() - inUse;
    }

    static String memoryProblem(long accounts, long kams, long heapLeft) {
        long need = accounts * kams * BYTES_PER_PAIR;
        if (need <= heapLeft) {
            return null;
        }
        return String.format(Locale.ROOT, "the plan is too large for the certificate in this server's memory: %,d "
                + "accounts × %,d KAMs may need %,d MB of heap, and %,d MB are left; give the service more heap "
                + "(-Xmx) for it", accounts, kams, need >> 20, Math.max(0, heapLeft) >> 20);
    }

    private boolean lagrangian(Relaxation r) {
        return r.pairCount() > options.lpMaxPairs();
    }

    /**
     * One level's relaxation: the LP, or on plans with more than {@code lpMaxPairs} pairs the per-KAM
     * Lagrangian, whose outcome is put in the LP's terms (steps as rounds; converged when it reached the
     * plan's penalty, where nothing is left to prove).
     *
     * @param target the plan's penalty on this level (the subgradient's aim), NaN when the plan has hard &lt; 0
     */
    private LpOutcome level(Relaxation r, boolean soft, double mediumBudget, double target, long deadline) {
        if (!lagrangian(r)) {
            return new LpRelaxation(r, soft ? LpRelaxation.Level.SOFT : LpRelaxation.Level.MEDIUM, mediumBudget,
                    tuning(), deadline).solve();
        }
        PerKamLagrangian.Outcome o = new PerKamLagrangian(r, soft, mediumBudget).solve(target, deadline);
        boolean reached = Math.ceil(o.bound()) >= target;
        return new LpOutcome(o.steps() == 0 ? Double.NaN : o.bound(), Double.NaN, o.steps(), r.pairCount(), 0, 0,
                o.seconds(), 0, Double.NaN, reached, o.steps() == 0 ? "the time limit ran out before the first step" : null,
                "per-KAM Lagrangian, steps (step:bound) " + o.trace(), null);
    }

    /** @param mediumBy what raised the medium bound above the LP's ("CP-SAT", "knapsack Lagrangian"), or null */
    private static String method(String base, String mediumBy, boolean cpSatSoft) {
        if ("CP-SAT".equals(mediumBy) && cpSatSoft) {
            return base + "; CP-SAT bound for both levels";
        }
        String medium = mediumBy == null ? "" : "; " + mediumBy + " bound for the medium level";
        return base + medium + (cpSatSoft ? "; CP-SAT bound for the soft level" : "");
    }

    /** CP-SAT's time for one level: 0 when it is off, the plan is too large or less than 0.1 s is left. */
    private double cpSatSeconds(Relaxation r, long deadline) {
        if (options.cpSatLimit().isZero() || r.pairCount() > options.cpSatMaxPairs()) {
            return 0;
        }
        double seconds = Math.min(options.cpSatLimit().toNanos(), deadline - System.nanoTime()) / 1e9;
        return seconds < 0.1 ? 0 : seconds;
    }

    private LpTuning tuning() {
        LpTuning d = LpTuning.DEFAULT;
        return new LpTuning(options.lpSolver(),
                options.columnGeneration() ? d.fullModelPairs() : Integer.MAX_VALUE, d.initialColumns(),
                d.columnsPerRound(), d.maxRounds());
    }

    private static String describe(LpOutcome lp) {
        return String.format(Locale.ROOT,
                "%s %.3f (LP %.3f), %d rounds, %d pairs, %d cuts, build %.2f s, solve %.2f s, read+price %.2f s, "
                        + "under-estimate %.3f%s; rounds (solve s:bound) %s",
                lp.converged() ? "converged" : "stopped", lp.bound(), lp.lpValue(), lp.rounds(), lp.columns(),
                lp.cuts(), lp.buildSeconds(), lp.solveSeconds(), lp.otherSeconds(), lp.underEstimate(),
                lp.failure() == null ? "" : ", " + lp.failure(), lp.trace());
    }

    private static Result only(PlanBound bound) {
        return new Result(bound, null, null, null, null, null, null, null);
    }

    private static double seconds(long begin) {
        return (System.nanoTime() - begin) / 1e9;
    }

    private static String describe(CpSatBound.Outcome cp, double cap) {
        return cp == null ? String.format(Locale.ROOT, "CP-SAT proved nothing in %.1f s", cap)
                : cp.optimal() ? String.format(Locale.ROOT, "CP-SAT optimum %d in %.1f s", cp.bound(), cp.seconds())
                : String.format(Locale.ROOT, "CP-SAT bound %d (its best plan %d) in %.1f s", cp.bound(), cp.best(),
                        cp.seconds());
    }

    /**
     * A bound above the penalty of a plan with hard score 0 would be a defect: the plan itself proves the
     * level can be reached. Never shown; logged, and the bound is lowered to the plan's penalty.
     */
    private static long atMostThePlan(String level, long bound, boolean planFeasible, long planPenalty) {
        if (planFeasible && bound > planPenalty) {
            LOG.warn("The {} bound {} exceeds the {} penalty {} of a plan with hard score 0: a defect; the bound is "
                    + "lowered to the plan's", level, bound, level, planPenalty);
            return planPenalty;
        }
        return bound;
    }
}
