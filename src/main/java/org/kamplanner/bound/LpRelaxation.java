package org.kamplanner.bound;

import static org.kamplanner.solver.KamConstraint.BALANCED_WORKLOAD;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * One level of the LP relaxation of a {@link Relaxation}, solved with an OR-Tools MPSolver LP engine
 * (GLOP by default) by column generation and, for the soft level, Kelley's cutting planes for the
 * balance term. Returns a lower bound that does not trust the LP solver's tolerances: after every solve
 * the bound is recomputed in Java from the solver's dual values as a Lagrangian bound over all pairs,
 * including the ones not (yet) in the LP (see {@link Lagrangian}); any dual values, exact or not,
 * give a valid bound that way.
 *
 * <pre>
 * variables  x[p] in [0, 1] per candidate pair p = (a, k); u[a] in [0, 1]; t[k] in [0, T[k]] (soft level)
 * assign[a]  sum_k x[a,k] + u[a] = 1                                  (dual pi[a], free)
 * cap[k]     sum_a w[a,k] x[a,k] &lt;= capacity left after the pins       (dual &lt;= 0)
 * sector     sum x over the KAM's accounts of the sector &lt;= cap left   (dual &lt;= 0)
 * max[k]     sum_a x[a,k] &lt;= maxAccounts left                           (dual &lt;= 0)
 * medium     sum_a up[a] u[a] &lt;= M - constant medium (soft level)       (dual &lt;= 0)
 * cut[k, L]  t[k] - (2 L / c[k]) sum_a w[a,k] x[a,k] &gt;= (2 L P[k] - L^2 - c[k] + 1) / c[k]   (dual &gt;= 0)
 * objective  medium: sum_a up[a] u[a];  soft: sum_p cost[p] x[p] + wBalance sum_k t[k]
 * </pre>
 */
final class LpRelaxation {

    enum Level { MEDIUM, SOFT }

    private final Relaxation r;
    private final double mediumBudget;
    private final LpTuning tuning;
    private final long deadline;
    private final boolean soft;
    private final double balanceWeight;
    private final boolean mediumRowOn;
    /** Upper bound of u[a]: 1, or 0 where leaving the account out alone exceeds the medium budget. */
    private final double[] uUpper;
    private final Lagrangian lagrangian;

    private MPSolver solver;
    private MPObjective objective;
    private MPConstraint[] assign;
    private MPConstraint[] cap;
    private MPConstraint[] max;
    private MPConstraint[][] sector;
    private MPConstraint mediumRow;
    private MPVariable[] u;
    private MPVariable[] t;
    private MPVariable[] column;
    private final Relaxation.IntList masterPairs = new Relaxation.IntList();
    /** The LP's pairs per KAM, for new cut rows. */
    private final List<Relaxation.IntList> masterPairsOfKam = new ArrayList<>();
    private final List<List<Cut>> cuts = new ArrayList<>();
    private int cutCount;

    private long buildNanos;
    private long solveNanos;
    private long otherNanos;

    private record Cut(MPConstraint row, double slope, double rhs) {
    }

    /**
     * @param mediumBudget for the soft level: the largest medium penalty of the free accounts, that is M
     *        minus {@link Relaxation#constantMedium}; ignored for the medium level
     * @param deadline System.nanoTime() by which to stop
     */
    LpRelaxation(Relaxation relaxation, Level level, double mediumBudget, LpTuning tuning, long deadline) {
        this.r = relaxation;
        this.mediumBudget = mediumBudget;
        this.tuning = tuning;
        this.deadline = deadline;
        this.soft = level == Level.SOFT;
        this.balanceWeight = soft ? r.weights.of(BALANCED_WORKLOAD) : 0;
        this.uUpper = LpStart.unassignedUpper(r, soft, mediumBudget);
        this.mediumRowOn = soft && LpStart.mediumRowCanBind(r, uUpper, mediumBudget);
        this.lagrangian = new Lagrangian(relaxation, soft, balanceWeight, mediumRowOn, mediumBudget, uUpper);
    }

    LpOutcome solve() {
        solver = MPSolver.createSolver(tuning.solverId());
        if (solver == null) {
            return failed("the LP solver " + tuning.solverId() + " is not available in this OR-Tools build");
        }
        try {
            return run();
        } finally {
            solver.delete();
        }
    }

    private LpOutcome failed(String why) {
        return new LpOutcome(Double.NaN, Double.NaN, 0, 0, 0, seconds(buildNanos), seconds(solveNanos),
                seconds(otherNanos), Double.NaN, false, why, "", null);
    }

    private LpOutcome run() {
        long begin = System.nanoTime();
        build();
        buildNanos += System.nanoTime() - begin;

        double best = Double.NaN;
        Lagrangian.Duals bestDuals = null;
        double lpValue = Double.NaN;
        double under = Double.NaN;
        int rounds = 0;
        boolean converged = false;
        String failure = null;
        StringBuilder trace = new StringBuilder();
        while (true) {
            long remaining = deadline - System.nanoTime();
            if (remaining <= 0 || Thread.currentThread().isInterrupted()) {
                failure = (Thread.currentThread().isInterrupted() ? "interrupted" : "the time limit ran out")
                        + (Double.isNaN(best) ? " before the first LP was solved" : "");
                break;
            }
            solver.setTimeLimit(Math.max(1, remaining / 1_000_000));
            long solveStart = System.nanoTime();
            MPSolver.ResultStatus status = solver.solve();
            if (status == MPSolver.ResultStatus.ABNORMAL && System.nanoTime() < deadline) {
                // GLOP lost its way from the previous basis (seen after many rounds on dach-large): once
                // more from scratch.
                solver.reset();
                solver.setTimeLimit(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                status = solver.solve();
            }
            long solveTime = System.nanoTime() - solveStart;
            solveNanos += solveTime;
            rounds++;
            if (status == MPSolver.ResultStatus.INFEASIBLE && masterPairs.size() < r.pairCount()) {
                // The pairs so far cannot meet the medium budget; all of them may.
                for (int p = 0; p < r.pairCount(); p++) {
                    if (column[p] == null) {
                        addColumn(r.accountOfPair[p], p);
                    }
                }
                continue;
            }
            if (status != MPSolver.ResultStatus.OPTIMAL) {
                failure = "the LP solver stopped with status " + status
                        + (System.nanoTime() >= deadline ? " at the time limit" : "");
                break;
            }
            long readStart = System.nanoTime();
            Lagrangian.Duals duals = readDuals();
            double[] x = readColumns();
            double[] tValues = soft ? readT() : null;
            lpValue = objective.value();
            double bound = lagrangian.bound(duals);
            if (Double.isNaN(best) || bound > best) {
                best = bound;
                bestDuals = duals;
            }
            otherNanos += System.nanoTime() - readStart;
            trace.append(String.format(Locale.ROOT, "%s%.2fs:%.1f", trace.length() == 0 ? "" : " ",
                    solveTime / 1e9, bound));

            long editStart = System.nanoTime();
            int added = price(duals);
            int newCuts = 0;
            if (soft && balanceWeight > 0) {
                double[] load = loads(x);
                under = 0;
                double[] gaps = new double[r.kamCount];
                for (int k = 0; k < r.kamCount; k++) {
                    if (r.balanced[k]) {
                        gaps[k] = balanceWeight * (relaxedBalance(k, load[k]) - tValues[k]);
                        under += Math.max(0, gaps[k]);
                    }
                }
                if (under >= 1) {
                    for (int k = 0; k < r.kamCount; k++) {
                        if (r.balanced[k] && gaps[k] > 1e-3) {
                            addCut(k, load[k]);
                            newCuts++;
                        }
                    }
                }
            } else {
                under = 0;
            }
            buildNanos += System.nanoTime() - editStart;
            if (added == 0 && newCuts == 0) {
                converged = true;
                break;
            }
            if (rounds >= tuning.maxRounds()) {
                failure = "stopped after " + rounds + " rounds";
                break;
            }
        }
        return new LpOutcome(best, lpValue, rounds, masterPairs.size(), cutCount, seconds(buildNanos),
                seconds(solveNanos), seconds(otherNanos), under, converged, failure, trace.toString(), bestDuals);
    }

    /** floor(n² / c) &gt;= (n² - c + 1) / c &gt;= 0 for integer loads n: the convex function the cuts approximate. */
    private double relaxedBalance(int k, double load) {
        double c = r.capacity[k];
        return Math.max(0, (load * load - c + 1) / c);
    }

    // The model.

    private void build() {
        objective = solver.objective();
        objective.setMinimization();
        objective.setOffset(soft ? r.constantSoft : r.constantMedium);
        int n = r.free.size();
        double inf = MPSolver.infinity();
        assign = new MPConstraint[n];
        u = new MPVariable[n];
        if (mediumRowOn) {
            mediumRow = solver.makeConstraint(-inf, mediumBudget, "");
        }
        for (int a = 0; a < n; a++) {
            assign[a] = solver.makeConstraint(1, 1, "");
            u[a] = solver.makeNumVar(0, uUpper[a], "");
            assign[a].setCoefficient(u[a], 1);
            if (soft) {
                if (mediumRowOn) {
                    mediumRow.setCoefficient(u[a], r.unassignedCost[a]);
                }
            } else {
                objective.setCoefficient(u[a], r.unassignedCost[a]);
            }
        }
        cap = new MPConstraint[r.kamCount];
        max = new MPConstraint[r.kamCount];
        sector = new MPConstraint[r.kamCount][r.sectorCount];
        t = new MPVariable[r.kamCount];
        for (int k = 0; k < r.kamCount; k++) {
            if (r.hasCapacityRow(k)) {
                cap[k] = solver.makeConstraint(-inf, r.capacityLeft[k], "");
            }
            if (r.accountsLeft[k] >= 0) {
                max[k] = solver.makeConstraint(-inf, r.accountsLeft[k], "");
            }
            for (int s = 0; s < r.sectorCount; s++) {
                if (r.sectorLeft[k][s] >= 0) {
                    sector[k][s] = solver.makeConstraint(-inf, r.sectorLeft[k][s], "");
                }
            }
            cuts.add(new ArrayList<>());
            masterPairsOfKam.add(new Relaxation.IntList());
            if (soft && balanceWeight > 0 && r.balanced[k]) {
                t[k] = solver.makeNumVar(0, r.balanceCap[k], "");
                objective.setCoefficient(t[k], balanceWeight);
            }
        }
        column = new MPVariable[r.pairCount()];
        LpStart start = new LpStart(r, soft, balanceWeight);
        int[] first = r.pairCount() <= tuning.fullModelPairs() ? start.allPairs() : start.pairs(tuning.initialColumns());
        for (int p : first) {
            addColumn(r.accountOfPair[p], p);
        }
        if (soft && balanceWeight > 0) {
            for (int k = 0; k < r.kamCount; k++) {
                if (r.balanced[k]) {
                    for (double l0 : start.firstTangents(k)) {
                        addCut(k, l0);
                    }
                }
            }
        }
    }

    private void addColumn(int a, int p) {
        int k = r.pairKam[p];
        MPVariable x = solver.makeNumVar(0, 1, "");
        column[p] = x;
        masterPairs.add(p);
        masterPairsOfKam.get(k).add(p);
        assign[a].setCoefficient(x, 1);
        if (cap[k] != null) {
            cap[k].setCoefficient(x, r.pairLoad[p]);
        }
        if (max[k] != null) {
            max[k].setCoefficient(x, 1);
        }
        MPConstraint sectorRow = sector[k][r.sectorOf[a]];
        if (sectorRow != null) {
            sectorRow.setCoefficient(x, 1);
        }
        if (soft) {
            objective.setCoefficient(x, r.pairCost[p]);
            for (Cut cut : cuts.get(k)) {
                cut.row().setCoefficient(x, -cut.slope() * r.pairLoad[p]);
            }
        }
    }

    /** The tangent of (n² - c + 1) / c at n = l0, as a row on t[k] and the KAM's columns. */
    private void addCut(int k, double l0) {
        double c = r.capacity[k];
        double slope = 2 * l0 / c;
        double rhs = (2 * l0 * r.pinnedLoad[k] - l0 * l0 - c + 1) / c;
        MPConstraint row = solver.makeConstraint(rhs, MPSolver.infinity(), "");
        row.setCoefficient(t[k], 1);
        Relaxation.IntList pairs = masterPairsOfKam.get(k);
        for (int i = 0; i < pairs.size(); i++) {
            int p = pairs.get(i);
            row.setCoefficient(column[p], -slope * r.pairLoad[p]);
        }
        cuts.get(k).add(new Cut(row, slope, rhs));
        cutCount++;
    }

    // Reading a solution, pricing.

    /** The LP's dual values with the signs a Lagrangian bound needs (a wrong sign, from tolerance, is set to 0). */
    private Lagrangian.Duals readDuals() {
        int n = r.free.size();
        double[] pi = new double[n];
        for (int a = 0; a < n; a++) {
            pi[a] = assign[a].dualValue();
        }
        double[] mu = new double[r.kamCount];
        double[] rho = new double[r.kamCount];
        double[][] nu = new double[r.kamCount][r.sectorCount];
        double[][] lambda = new double[r.kamCount][];
        double[][] slope = new double[r.kamCount][];
        double[][] rhs = new double[r.kamCount][];
        for (int k = 0; k < r.kamCount; k++) {
            mu[k] = cap[k] == null ? 0 : Math.min(0, cap[k].dualValue());
            rho[k] = max[k] == null ? 0 : Math.min(0, max[k].dualValue());
            for (int s = 0; s < r.sectorCount; s++) {
                nu[k][s] = sector[k][s] == null ? 0 : Math.min(0, sector[k][s].dualValue());
            }
            List<Cut> list = cuts.get(k);
            lambda[k] = new double[list.size()];
            slope[k] = new double[list.size()];
            rhs[k] = new double[list.size()];
            for (int j = 0; j < list.size(); j++) {
                lambda[k][j] = Math.max(0, list.get(j).row().dualValue());
                slope[k][j] = list.get(j).slope();
                rhs[k][j] = list.get(j).rhs();
            }
        }
        double medium = mediumRow == null ? 0 : Math.min(0, mediumRow.dualValue());
        return new Lagrangian.Duals(pi, mu, rho, nu, medium, lambda, slope, rhs);
    }

    private double[] readColumns() {
        double[] x = new double[r.pairCount()];
        for (int i = 0; i < masterPairs.size(); i++) {
            int p = masterPairs.get(i);
            x[p] = column[p].solutionValue();
        }
        return x;
    }

    private double[] readT() {
        double[] values = new double[r.kamCount];
        for (int k = 0; k < r.kamCount; k++) {
            values[k] = t[k] == null ? 0 : t[k].solutionValue();
        }
        return values;
    }

    private double[] loads(double[] x) {
        double[] load = new double[r.kamCount];
        for (int k = 0; k < r.kamCount; k++) {
            load[k] = r.pinnedLoad[k];
        }
        for (int i = 0; i < masterPairs.size(); i++) {
            int p = masterPairs.get(i);
            load[r.pairKam[p]] += r.pairLoad[p] * x[p];
        }
        return load;
    }

    /** Adds, per account, the pairs outside the LP with the most negative reduced costs; returns how many. */
    private int price(Lagrangian.Duals duals) {
        if (masterPairs.size() == r.pairCount()) {
            return 0;
        }
        boolean[] inLp = new boolean[r.pairCount()];
        for (int i = 0; i < masterPairs.size(); i++) {
            inLp[masterPairs.get(i)] = true;
        }
        int[] pairs = lagrangian.mostNegative(duals, inLp, tuning.columnsPerRound());
        for (int p : pairs) {
            addColumn(r.accountOfPair[p], p);
        }
        return pairs.length;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
