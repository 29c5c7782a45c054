package org.kamplanner.solver.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongPredicate;
import java.util.function.Predicate;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.Sector;
import org.kamplanner.solver.CpSatBalance;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverSolutionCallback;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;

import ai.timefold.solver.core.api.score.director.ScoreDirector;

/** One sub-problem: the free accounts of the chosen KAMs and some unassigned ones, as a CP-SAT model. */
final class KamSubProblem {

    /**
     * What a solve found: {@code last} for its end, otherwise one better assignment handed over on the way
     * ({@link SubProblemSolve}).
     */
    record Outcome(boolean better, boolean proven, Kam[] assignment, boolean last) {
        static final Outcome NONE = new Outcome(false, false, null, true);
    }

    private final List<Kam> kams;
    private final SoftCosts costs;
    private final List<Account> free = new ArrayList<>();
    private final Kam[] before;
    /** The assignment of the free accounts last kept in the working plan: before, until one is kept. */
    private Kam[] kept;
    private final long[] fixedLoad;
    private final int[] fixedCount;
    private final int[][] fixedSector;
    private final List<Sector> sectors;
    private final KamLoads loads;
    private final boolean capacityRule;
    private final boolean sectorRule;
    private final boolean maxAccountsRule;
    /**
     * How many of the free accounts may be hand-overs (docs/model.md) under settings.maxMovedAccounts, given
     * those outside the sub-problem; never fewer than now, so a plan over the cap still gets sub-problems;
     * -1 without a cap.
     */
    private final int handOverRoom;

    KamSubProblem(AssignmentPlan plan, List<Kam> kams, SoftCosts costs, KamLoads loads) {
        this.kams = kams;
        this.costs = costs;
        this.loads = loads;
        this.sectors = plan.getSectors();
        Map<String, Long> weights = plan.getSettings().constraintWeights();
        capacityRule = weights.getOrDefault("KAM capacity", 1L) != 0;
        sectorRule = weights.getOrDefault("Sector cap", 1L) != 0;
        maxAccountsRule = weights.getOrDefault("Max accounts per KAM", 1L) != 0;
        fixedLoad = new long[kams.size()];
        fixedCount = new int[kams.size()];
        fixedSector = new int[kams.size()][sectors.size()];
        List<Account> open = new ArrayList<>();
        for (Account account : plan.getAccounts()) {
            Kam kam = account.getKam();
            int k = kam == null ? -1 : kams.indexOf(kam);
            if (k >= 0 && account.isPinned()) {
                fixedLoad[k] += account.workloadMinutesWith(kam);
                fixedCount[k]++;
                fixedSector[k][account.getSector().getIndex()]++;
            } else if (k >= 0) {
                free.add(account);
            } else if (kam == null && !account.isPinned() && kams.stream().anyMatch(c -> loads.qualifies(account, c))) {
                open.add(account);
            }
        }
        // The most valuable unassigned accounts first: those are the ones worth making room for.
        open.sort(Comparator.comparingLong((Account a) -> costs.unassigned(a)).reversed());
        free.addAll(open.subList(0, Math.min(KamNeighbourhoods.MAX_OPEN, open.size())));
        before = free.stream().map(Account::getKam).toArray(Kam[]::new);
        kept = before;
        handOverRoom = handOverRoom(plan, free);
    }

    private static int handOverRoom(AssignmentPlan plan, List<Account> free) {
        Integer cap = KamLoads.handOverCap(plan.getSettings());
        if (cap == null) {
            return -1;
        }
        int all = 0;
        for (Account account : plan.getAccounts()) {
            all += account.isHandOver() ? 1 : 0;
        }
        int inside = 0;
        for (Account account : free) {
            inside += account.isHandOver() ? 1 : 0;
        }
        return Math.max(cap - (all - inside), inside);
    }

    /** CP-SAT's deterministic time spent by {@link #solve} so far (both levels), for a work budget. */
    private double deterministicSeconds;

    double deterministicSeconds() {
        return deterministicSeconds;
    }

    /** The soft level's cap, when below the solve's (seconds; deterministic under a work budget); 0 skips it. */
    private double softSeconds = Double.MAX_VALUE;

    /** Caps the soft level of this sub-problem's solve ({@link KamNeighbourhoods#setLargePlanSoftSeconds}). */
    KamSubProblem softSeconds(double seconds) {
        this.softSeconds = seconds;
        return this;
    }

    /**
     * Starts the solve on a thread of its own.
     *
     * @param counted under a work budget: the cap is deterministic time, not seconds (WorkBudget)
     * @param handOver whether each better assignment CP-SAT finds on the way is handed over too
     */
    SubProblemSolve start(double seconds, int linearizationLevel, BooleanSupplier stop, boolean counted,
            boolean handOver) {
        int n = free.size();
        int m = kams.size();
        CpModel model = new CpModel();
        BoolVar[][] x = new BoolVar[n][m];
        BoolVar[] out = new BoolVar[n];
        LinearExprBuilder medium = LinearExpr.newBuilder();
        LinearExprBuilder soft = LinearExpr.newBuilder();
        long currentMedium = 0;
        long currentSoft = 0;
        long[] currentLoad = fixedLoad.clone();
        for (int a = 0; a < n; a++) {
            Account account = free.get(a);
            LinearExprBuilder one = LinearExpr.newBuilder();
            for (int k = 0; k < m; k++) {
                if (loads.qualifies(account, kams.get(k))) {
                    x[a][k] = model.newBoolVar("x");
                    one.add(x[a][k]);
                    soft.addTerm(x[a][k], costs.pair(account, kams.get(k)));
                    model.addHint(x[a][k], before[a] == kams.get(k) ? 1 : 0);
                }
            }
            out[a] = model.newBoolVar("out");
            one.add(out[a]);
            model.addEquality(one, 1);
            medium.addTerm(out[a], costs.unassigned(account));
            model.addHint(out[a], before[a] == null ? 1 : 0);
            if (before[a] == null) {
                currentMedium += costs.unassigned(account);
            } else {
                currentSoft += costs.pair(account, before[a]);
                currentLoad[kams.indexOf(before[a])] += account.workloadMinutesWith(before[a]);
            }
        }
        if (handOverRoom >= 0) {
            // Σ over the free accounts of an active incumbent of (1 − x[a][incumbent]) ≤ handOverRoom: an
            // account is a hand-over unless it ends with its incumbent (unassigned counts).
            LinearExprBuilder handOvers = LinearExpr.newBuilder();
            for (int a = 0; a < n; a++) {
                Account account = free.get(a);
                if (account.hasActiveIncumbent()) {
                    handOvers.add(1);
                    int k = kams.indexOf(account.getCurrentKam());
                    if (k >= 0 && x[a][k] != null) {
                        handOvers.addTerm(x[a][k], -1);
                    }
                }
            }
            model.addLessOrEqual(handOvers, handOverRoom);
        }
        for (int k = 0; k < m; k++) {
            Kam kam = kams.get(k);
            currentSoft += costs.balance(kam, currentLoad[k]);
            LinearExprBuilder load = LinearExpr.newBuilder();
            LinearExprBuilder count = LinearExpr.newBuilder();
            LinearExprBuilder[] inSector = new LinearExprBuilder[sectors.size()];
            long maxLoad = fixedLoad[k];
            for (int a = 0; a < n; a++) {
                if (x[a][k] != null) {
                    int workload = free.get(a).workloadMinutesWith(kam);
                    load.addTerm(x[a][k], workload);
                    count.add(x[a][k]);
                    maxLoad += workload;
                    int s = free.get(a).getSector().getIndex();
                    if (inSector[s] == null) {
                        inSector[s] = LinearExpr.newBuilder();
                    }
                    inSector[s].add(x[a][k]);
                }
            }
            long loadCap = capacityRule ? Math.max(fixedLoad[k], Math.min(maxLoad, kam.getCapacityMinutes())) : maxLoad;
            IntVar loadVar = model.newIntVar(fixedLoad[k], loadCap, "load");
            model.addEquality(loadVar, load.add(fixedLoad[k]));
            if (maxAccountsRule && kam.getMaxAccounts() != null) {
                model.addLessOrEqual(count, Math.max(0, kam.getMaxAccounts() - fixedCount[k]));
            }
            if (sectorRule) {
                for (int s = 0; s < sectors.size(); s++) {
                    if (inSector[s] != null) {
                        model.addLessOrEqual(inSector[s], Math.max(0,
                                sectors.get(s).getMaxAccountsPerKam() - fixedSector[k][s]));
                    }
                }
            }
            if (costs.balance() > 0) {
                IntVar balance = CpSatBalance.of(model, loadVar, loadCap, kam.getCapacityMinutes(), 8);
                soft.addTerm(balance, costs.balance());
            }
        }
        CpSolver solver = new CpSolver();
        solver.getParameters().setNumWorkers(1).setLinearizationLevel(linearizationLevel);
        WorkBudget.limit(solver.getParameters(), seconds, counted);
        long startMedium = currentMedium;
        long startSoft = currentSoft;
        double softCap = Math.min(seconds, softSeconds);
        return new SubProblemSolve(solver, better -> solve(model, solver, x, out, medium, soft, startMedium, startSoft,
                better, softCap < seconds ? () -> WorkBudget.limit(solver.getParameters(), softCap, counted) : null),
                stop, handOver);
    }

    /** Both levels, coverage first; {@code better} (or null) is handed each better assignment on the way. */
    private Outcome solve(CpModel model, CpSolver solver, BoolVar[][] x, BoolVar[] out, LinearExprBuilder medium,
            LinearExprBuilder soft, long currentMedium, long currentSoft, Consumer<Kam[]> better, Runnable softCap) {
        int n = free.size();
        int m = kams.size();
        boolean proven = true;
        long bestMedium = currentMedium;
        if (currentMedium > 0) {
            model.minimize(medium);
            CpSolverStatus status = better == null ? solver.solve(model)
                    : solver.solve(model, handing(x, objective -> objective < currentMedium, better));
            deterministicSeconds += solver.response().getDeterministicTime();
            if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
                return Outcome.NONE;
            }
            proven = status == CpSolverStatus.OPTIMAL;
            bestMedium = Math.round(solver.objectiveValue());
            if (bestMedium < currentMedium) {
                model.clearHints();
                for (int a = 0; a < n; a++) {
                    for (int k = 0; k < m; k++) {
                        if (x[a][k] != null) {
                            model.addHint(x[a][k], solver.booleanValue(x[a][k]));
                        }
                    }
                    model.addHint(out[a], solver.booleanValue(out[a]));
                }
            }
        }
        if (softCap != null && softSeconds <= 0) {
            // The coverage level only: its solution as it is, kept when it covers more.
            return new Outcome(bestMedium < currentMedium, proven,
                    bestMedium < currentMedium ? assignment(x, solver::booleanValue) : null, true);
        }
        if (softCap != null) {
            softCap.run();
        }
        model.addLessOrEqual(medium, bestMedium);
        model.minimize(soft);
        long coverage = bestMedium;
        CpSolverStatus status = better == null ? solver.solve(model)
                : solver.solve(model, handing(x, objective -> coverage < currentMedium || objective < currentSoft, better));
        deterministicSeconds += solver.response().getDeterministicTime();
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            return Outcome.NONE;
        }
        proven &= status == CpSolverStatus.OPTIMAL;
        long bestSoft = Math.round(solver.objectiveValue());
        return new Outcome(bestMedium < currentMedium || bestSoft < currentSoft, proven,
                assignment(x, solver::booleanValue), true);
    }

    /** A callback handing over each solution whose objective is better than the plan's, as an assignment. */
    private CpSolverSolutionCallback handing(BoolVar[][] x, LongPredicate better, Consumer<Kam[]> to) {
        return new CpSolverSolutionCallback() {
            @Override
            public void onSolutionCallback() {
                if (better.test(Math.round(objectiveValue()))) {
                    to.accept(assignment(x, this::booleanValue));
                }
            }
        };
    }

    private Kam[] assignment(BoolVar[][] x, Predicate<BoolVar> value) {
        Kam[] assignment = new Kam[free.size()];
        for (int a = 0; a < assignment.length; a++) {
            for (int k = 0; k < kams.size(); k++) {
                if (x[a][k] != null && value.test(x[a][k])) {
                    assignment[a] = kams.get(k);
                }
            }
        }
        return assignment;
    }

    void apply(ScoreDirector<AssignmentPlan> scoreDirector, Kam[] assignment) {
        for (int a = 0; a < free.size(); a++) {
            set(scoreDirector, free.get(a), assignment[a]);
        }
        scoreDirector.triggerVariableListeners();
    }

    /** Back to the assignment last {@link #kept} (before, until one is). */
    void revert(ScoreDirector<AssignmentPlan> scoreDirector) {
        apply(scoreDirector, kept);
    }

    /** The assignment just applied stays: a later {@link #revert} comes back to it. */
    void kept(Kam[] assignment) {
        kept = assignment;
    }

    private static void set(ScoreDirector<AssignmentPlan> scoreDirector, Account account, Kam kam) {
        if (account.getKam() != kam) {
            scoreDirector.beforeVariableChanged(account, "kam");
            account.setKam(kam);
            scoreDirector.afterVariableChanged(account, "kam");
        }
    }
}
