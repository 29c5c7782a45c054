package org.kamplanner.bound;

import static org.kamplanner.solver.KamConstraint.BALANCED_WORKLOAD;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.google.ortools.linearsolver.MPConstraint;
import com.google.ortools.linearsolver.MPObjective;
import com.google.ortools.linearsolver.MPSolver;
import com.google.ortools.linearsolver.MPVariable;

/**
 * One level of the LP relaxation of a {@link Relaxation}, solved with an OR-Tools MPSolver LP engine
 * (GLOP by default) by column generation and, for the soft level, Kelley's cutting planes for the
 * balance term. Returns a lower bound that does not trust the LP solver's tolerances: after every solve
 * the bound is recomputed in Java from the solver's dual values as a Lagrangian bound over all pairs,
 * including the ones not (yet) in the LP (see {@link #lagrangianBound}); any dual values, exact or not,
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

    /** Tuning; the defaults are what benchmarks/RESULTS.md measured. */
    record Tuning(String solverId, int fullModelPairs, int initialColumns, int columnsPerRound, int maxRounds) {
        static final Tuning DEFAULT = new Tuning("GLOP", 60_000, 12, 6, 200);
    }

    /** What a run reached; {@code bound} is NaN when no LP was solved. */
    record Outcome(double bound, double lpValue, int rounds, int columns, int cuts, double buildSeconds,
            double solveSeconds, double otherSeconds, double underEstimate, boolean converged, String failure,
            String trace) {

        boolean solved() {
            return !Double.isNaN(bound);
        }
    }

    private final Relaxation r;
    private final Level level;
    private final double mediumBudget;
    private final Tuning tuning;
    private final long deadline;
    private final boolean soft;
    private final double balanceWeight;
    private final boolean mediumRowOn;

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
    LpRelaxation(Relaxation relaxation, Level level, double mediumBudget, Tuning tuning, long deadline) {
        this.r = relaxation;
        this.level = level;
        this.mediumBudget = mediumBudget;
        this.tuning = tuning;
        this.deadline = deadline;
        this.soft = level == Level.SOFT;
        this.balanceWeight = soft ? r.weights.of(BALANCED_WORKLOAD) : 0;
        this.mediumRowOn = soft && Arrays.stream(r.unassignedCost).anyMatch(c -> c != 0);
    }

    Outcome solve() {
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

    private Outcome failed(String why) {
        return new Outcome(Double.NaN, Double.NaN, 0, 0, 0, seconds(buildNanos), seconds(solveNanos),
                seconds(otherNanos), Double.NaN, false, why, "");
    }

    private Outcome run() {
        long begin = System.nanoTime();
        build();
        buildNanos += System.nanoTime() - begin;

        double best = Double.NaN;
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
            long solveTime = System.nanoTime() - solveStart;
            solveNanos += solveTime;
            rounds++;
            if (status != MPSolver.ResultStatus.OPTIMAL) {
                failure = "the LP solver stopped with status " + status
                        + (System.nanoTime() >= deadline ? " at the time limit" : "");
                break;
            }
            long readStart = System.nanoTime();
            Duals duals = readDuals();
            double[] x = readColumns();
            double[] tValues = soft ? readT() : null;
            lpValue = objective.value();
            double bound = lagrangianBound(duals);
            best = Double.isNaN(best) ? bound : Math.max(best, bound);
            otherNanos += System.nanoTime() - readStart;
            trace.append(String.format(java.util.Locale.ROOT, "%s%.2fs:%.1f", trace.length() == 0 ? "" : " ",
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
        return new Outcome(best, lpValue, rounds, masterPairs.size(), cutCount, seconds(buildNanos),
                seconds(solveNanos), seconds(otherNanos), under, converged, failure, trace.toString());
    }

    /** floor(n² / c) &gt;= (n² - c + 1) / c &gt;= 0 for integer loads n: the convex function the cuts approximate. */
    private double relaxedBalance(int k, double load) {
        double c = r.capacity[k];
        return Math.max(0, (load * load - c + 1) / c);
    }

    // ************************************************************************
    // The model
    // ************************************************************************

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
            // An elastic slack with a high price keeps the first LPs feasible while they hold few pairs;
            // it is not part of the relaxation, and the bound below never uses it.
            MPVariable slack = solver.makeNumVar(0, inf, "");
            mediumRow.setCoefficient(slack, -1);
            objective.setCoefficient(slack, slackPrice());
        }
        for (int a = 0; a < n; a++) {
            assign[a] = solver.makeConstraint(1, 1, "");
            u[a] = solver.makeNumVar(0, 1, "");
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
        double utilization = estimatedUtilization();
        if (r.pairCount() <= tuning.fullModelPairs()) {
            for (int p = 0; p < r.pairCount(); p++) {
                addColumn(accountOf(p), p);
            }
        } else {
            Integer[] order = new Integer[0];
            for (int a = 0; a < n; a++) {
                int from = r.start[a];
                int count = r.start[a + 1] - from;
                if (order.length < count) {
                    order = new Integer[count];
                }
                for (int i = 0; i < count; i++) {
                    order[i] = from + i;
                }
                final double util = utilization;
                Arrays.sort(order, 0, count, (p, q) -> Double.compare(estimate(p, util), estimate(q, util)));
                for (int i = 0; i < Math.min(count, tuning.initialColumns()); i++) {
                    addColumn(a, order[i]);
                }
                int planned = r.planPair[a];
                if (planned >= 0 && column[planned] == null) {
                    addColumn(a, planned);
                }
            }
        }
        if (soft && balanceWeight > 0) {
            for (int k = 0; k < r.kamCount; k++) {
                if (r.balanced[k]) {
                    double target = Math.max(r.pinnedLoad[k], utilization * r.capacity[k]);
                    for (double f : new double[] {0.8, 1.0, 1.2}) {
                        addCut(k, Math.round(target * f));
                    }
                }
            }
        }
    }

    private int[] accountOfPair;

    private int accountOf(int p) {
        if (accountOfPair == null) {
            accountOfPair = new int[r.pairCount()];
            for (int a = 0; a < r.free.size(); a++) {
                Arrays.fill(accountOfPair, r.start[a], r.start[a + 1], a);
            }
        }
        return accountOfPair[p];
    }

    /** Total least workload over total capacity of the active KAMs, at most 1: how full the KAMs will be. */
    private double estimatedUtilization() {
        double least = 0;
        for (int a = 0; a < r.free.size(); a++) {
            long min = Long.MAX_VALUE;
            for (int p = r.start[a]; p < r.start[a + 1]; p++) {
                min = Math.min(min, r.pairLoad[p]);
            }
            least += min;
        }
        double capacity = 0;
        for (int k = 0; k < r.kamCount; k++) {
            least += r.pinnedLoad[k];
            if (r.kams.get(k).isActive()) {
                capacity += r.capacity[k];
            }
        }
        return capacity == 0 ? 1 : Math.min(1, least / capacity);
    }

    /** How attractive a pair looks before any LP: its cost with the balance's slope at the expected load. */
    private double estimate(int p, double utilization) {
        return soft ? r.pairCost[p] + balanceWeight * 2 * utilization * r.pairLoad[p] : r.pairLoad[p];
    }

    /** A price per unit of medium penalty above what any assignment could save in soft penalty. */
    private double slackPrice() {
        double most = 1;
        double leastUnassigned = Double.MAX_VALUE;
        for (int a = 0; a < r.free.size(); a++) {
            if (r.unassignedCost[a] > 0) {
                leastUnassigned = Math.min(leastUnassigned, r.unassignedCost[a]);
            }
            for (int p = r.start[a]; p < r.start[a + 1]; p++) {
                int k = r.pairKam[p];
                double slope = r.balanced[k] ? balanceWeight * 2.0 * Math.sqrt(r.balanceCap[k] * r.capacity[k])
                        / r.capacity[k] : 0;
                most = Math.max(most, Math.abs(r.pairCost[p]) + slope * r.pairLoad[p]);
            }
        }
        return 10 * most / leastUnassigned;
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

    // ************************************************************************
    // Reading a solution, pricing, the bound
    // ************************************************************************

    /** Dual values with the signs a Lagrangian bound needs (a wrong sign, from tolerance, is set to 0). */
    private record Duals(double[] assign, double[] cap, double[] max, double[][] sector, double medium,
            double[][] cut) {
    }

    private Duals readDuals() {
        int n = r.free.size();
        double[] pi = new double[n];
        for (int a = 0; a < n; a++) {
            pi[a] = assign[a].dualValue();
        }
        double[] mu = new double[r.kamCount];
        double[] rho = new double[r.kamCount];
        double[][] nu = new double[r.kamCount][r.sectorCount];
        double[][] lambda = new double[r.kamCount][];
        for (int k = 0; k < r.kamCount; k++) {
            mu[k] = cap[k] == null ? 0 : Math.min(0, cap[k].dualValue());
            rho[k] = max[k] == null ? 0 : Math.min(0, max[k].dualValue());
            for (int s = 0; s < r.sectorCount; s++) {
                nu[k][s] = sector[k][s] == null ? 0 : Math.min(0, sector[k][s].dualValue());
            }
            List<Cut> list = cuts.get(k);
            lambda[k] = new double[list.size()];
            for (int j = 0; j < list.size(); j++) {
                lambda[k][j] = Math.max(0, list.get(j).row().dualValue());
            }
        }
        double medium = mediumRow == null ? 0 : Math.min(0, mediumRow.dualValue());
        return new Duals(pi, mu, rho, nu, medium, lambda);
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

    /** Per KAM: how much one minute of load costs through the cut rows, sum_j lambda_j 2 L_j / c. */
    private double[] cutSlopes(Duals duals) {
        double[] g = new double[r.kamCount];
        for (int k = 0; k < r.kamCount; k++) {
            List<Cut> list = cuts.get(k);
            for (int j = 0; j < list.size(); j++) {
                g[k] += duals.cut()[k][j] * list.get(j).slope();
            }
        }
        return g;
    }

    private double reducedCost(Duals duals, double[] g, int a, int p) {
        int k = r.pairKam[p];
        double cost = soft ? r.pairCost[p] : 0;
        return cost - duals.assign()[a] - duals.sector()[k][r.sectorOf[a]] - duals.max()[k]
                + r.pairLoad[p] * (g[k] - duals.cap()[k]);
    }

    /**
     * The Lagrangian bound of the multipliers, less a margin for this sum's own rounding: objective
     * constant + right-hand sides times multipliers + the minimum over each variable's bounds of its
     * reduced cost times the variable. Valid for any multipliers with the right signs, whatever the LP
     * solver's tolerances were, and over all pairs (also those the LP does not hold yet). The margin,
     * 1e-9 of the sum of the magnitudes of everything added, is far above double rounding (about 1e-16 per
     * operation, so under 1e-10 for a million terms).
     */
    double lagrangianBound(Duals duals) {
        double[] g = cutSlopes(duals);
        double sum = soft ? r.constantSoft : r.constantMedium;
        double magnitude = Math.abs(sum);
        int n = r.free.size();
        for (int a = 0; a < n; a++) {
            double pi = duals.assign()[a];
            sum += pi;
            double uCost = soft ? -r.unassignedCost[a] * duals.medium() : r.unassignedCost[a];
            sum += Math.min(0, uCost - pi);
            magnitude += 2 * Math.abs(pi) + Math.abs(uCost);
            for (int p = r.start[a]; p < r.start[a + 1]; p++) {
                int k = r.pairKam[p];
                sum += Math.min(0, reducedCost(duals, g, a, p));
                // Also where the reduced cost is taken as >= 0: its sign may be a rounding.
                magnitude += Math.abs(r.pairCost[p]) + Math.abs(pi) + Math.abs(duals.sector()[k][r.sectorOf[a]])
                        + Math.abs(duals.max()[k]) + r.pairLoad[p] * (Math.abs(g[k]) + Math.abs(duals.cap()[k]));
            }
        }
        for (int k = 0; k < r.kamCount; k++) {
            if (cap[k] != null) {
                sum += duals.cap()[k] * r.capacityLeft[k];
                magnitude += Math.abs(duals.cap()[k] * r.capacityLeft[k]);
            }
            if (max[k] != null) {
                sum += duals.max()[k] * r.accountsLeft[k];
                magnitude += Math.abs(duals.max()[k] * r.accountsLeft[k]);
            }
            for (int s = 0; s < r.sectorCount; s++) {
                if (sector[k][s] != null) {
                    sum += duals.sector()[k][s] * r.sectorLeft[k][s];
                    magnitude += Math.abs(duals.sector()[k][s] * r.sectorLeft[k][s]);
                }
            }
            List<Cut> list = cuts.get(k);
            double tCost = t[k] == null ? 0 : balanceWeight;
            for (int j = 0; j < list.size(); j++) {
                double lambda = duals.cut()[k][j];
                sum += lambda * list.get(j).rhs();
                magnitude += Math.abs(lambda * list.get(j).rhs()) + lambda;
                tCost -= lambda;
            }
            if (t[k] != null) {
                sum += Math.min(0, tCost) * r.balanceCap[k];
                magnitude += Math.abs(Math.min(0, tCost) * r.balanceCap[k]) + balanceWeight;
            }
        }
        if (mediumRow != null) {
            sum += duals.medium() * mediumBudget;
            magnitude += Math.abs(duals.medium() * mediumBudget);
        }
        return sum - (1e-9 * magnitude + 1e-6);
    }

    /** Adds, per account, the pairs outside the LP with the most negative reduced costs; returns how many. */
    private int price(Duals duals) {
        if (masterPairs.size() == r.pairCount()) {
            return 0;
        }
        double[] g = cutSlopes(duals);
        double eps = 1e-6 * Math.max(1, soft ? 1 : Arrays.stream(r.unassignedCost).max().orElse(1));
        int added = 0;
        int limit = tuning.columnsPerRound();
        int[] best = new int[limit];
        double[] bestCost = new double[limit];
        for (int a = 0; a < r.free.size(); a++) {
            int found = 0;
            for (int p = r.start[a]; p < r.start[a + 1]; p++) {
                if (column[p] != null) {
                    continue;
                }
                double rc = reducedCost(duals, g, a, p);
                if (rc >= -eps) {
                    continue;
                }
                // Keep the `limit` most negative, by insertion.
                int i = Math.min(found, limit - 1);
                if (found == limit && rc >= bestCost[i]) {
                    continue;
                }
                while (i > 0 && bestCost[i - 1] > rc) {
                    best[i] = best[i - 1];
                    bestCost[i] = bestCost[i - 1];
                    i--;
                }
                best[i] = p;
                bestCost[i] = rc;
                found = Math.min(limit, found + 1);
            }
            for (int i = 0; i < found; i++) {
                addColumn(a, best[i]);
                added++;
            }
        }
        return added;
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
