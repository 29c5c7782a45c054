package org.kamplanner.bound;

import static org.kamplanner.solver.KamConstraint.BALANCED_WORKLOAD;

import java.util.Arrays;

/**
 * A bound for plans too large for the LP (dach-xl: 1,000 KAMs × 15,000 accounts, 11 million pairs), with no
 * LP solver: the Lagrangian relaxation of the assign rows (multipliers pi, free), the max-accounts and
 * sector rows (rho, nu &gt;= 0) and the soft level's medium row (sigma &gt;= 0). What stays is one subproblem
 * per KAM over its own pairs, x in [0, 1] with the capacity row and the balance as the convex
 * f(n) = max(0, (n² - c + 1) / c) &lt;= floor(n² / c) of its load n (docs/bound.md):
 *
 * <pre>
 * h_k = min { sum_a r_a x_a + w_balance f(pinned + sum_a w_a x_a) : x in [0, 1], sum_a w_a x_a &lt;= capacity left }
 * r_a = cost(a, k) - pi_a + rho_k + nu_k,s(a)        (cost 0 on the medium level)
 * </pre>
 *
 * solved in whole accounts and with the balance's exact floor(load² / c) by {@link KamKnapsack} (its
 * fractional relaxation, the accounts of negative r in ascending r / w until the balance's slope
 * f'(n) w_balance meets -r / w or the capacity is full, where that is out of reach). For
 * any multipliers, L = constant + sum_a pi_a + sum_a min(0, uCost_a - pi_a) uUpper_a - rho A - nu S - sigma
 * budget + sum_k h_k is at most the penalty of every plan the level covers: such a plan is a point of every
 * subproblem and its balance term is at least f. At the best multipliers L is the LP relaxation's value
 * (with f exact instead of tangents); subgradient steps (Polyak, towards a known plan's penalty) approach
 * it, and every step's L is valid, so stopping early only weakens the bound. Each step is one pass over
 * the pairs: O(pairs), no LP columns.
 */
final class PerKamLagrangian {

    /** The best bound found (before rounding up), the steps, the seconds and the first step's bound. */
    record Outcome(double bound, int steps, double seconds, double first, String trace) {
    }

    /**
     * The share of the previous direction kept in the next one (deflected subgradient, Camerini, Fratta and
     * Maffioli 1975): on dach-large it reached 0.49 % below the LP in 40 s where plain steps reached 1.26 %
     * in 60 s (benchmarks/RESULTS.md). The step factor halves after {@code PATIENCE} steps without a better bound.
     */
    private static final double DEFLECTION = 0.7;
    private static final double THETA = 1;
    private static final int PATIENCE = 10;
    /** The share of the time the soft level's KAM prices may take at most ({@link KamPriceAscent}). */
    private static final double PRICE_SHARE = 0.85;

    private final Relaxation r;
    private final boolean soft;
    private final double balanceWeight;
    private final double[] uUpper;
    private final boolean mediumRow;
    private final double mediumBudget;
    /**
     * Each account's pairs by ascending cost (soft level), as positions start[a] .. start[a + 1] - 1: a pair's
     * reduced cost is at least cost - pi_a (rho, nu &gt;= 0), so a step reads an account's pairs only while
     * they are cheaper than pi_a, a few of its ~770 on dach-xl instead of all.
     */
    private final int[] byCost;
    /** Per KAM, the pairs of negative reduced cost at the current multipliers. */
    private final Relaxation.IntList[] candidates;

    // The subproblems' optimum at the last evaluation: per account its assigned share and u, per KAM its
    // account count and per KAM and sector its count, for the subgradient.
    private final double[] assigned;
    private final double[] u;
    private final double[] count;
    private final double[][] sectorCount;
    /** Each KAM's subproblem in whole accounts, and the scratch arrays of {@link #subproblem}. */
    private final KamKnapsack knapsack = new KamKnapsack();
    private long[] weights = new long[64];
    private double[] reduced = new double[64];
    private double[] takes = new double[64];
    /** The sum of the fractional subproblems' optima at the last evaluation (what whole accounts add to L). */
    private double fractionalSum;
    /** How much whole accounts added to L over the fractional subproblems at the last evaluation. */
    private double wholeGain;
    /** False when some account's pairs could not be sorted (then every pair is read at each step). */
    private boolean sortedByCost = true;

    PerKamLagrangian(Relaxation relaxation, boolean soft, double mediumBudget) {
        this.r = relaxation;
        this.soft = soft;
        this.balanceWeight = soft ? r.weights.of(BALANCED_WORKLOAD) : 0;
        this.uUpper = LpStart.unassignedUpper(r, soft, mediumBudget);
        this.mediumRow = soft && LpStart.mediumRowCanBind(r, uUpper, mediumBudget);
        this.mediumBudget = mediumBudget;
        byCost = new int[r.pairCount()];
        for (int a = 0; a < r.free.size(); a++) {
            int from = r.start[a];
            int to = r.start[a + 1];
            long[] keys = new long[to - from];
            long least = Long.MAX_VALUE;
            long most = Long.MIN_VALUE;
            for (int p = from; p < to; p++) {
                least = Math.min(least, r.pairCost[p]);
                most = Math.max(most, r.pairCost[p]);
            }
            boolean packable = !soft || most - least >= 0 && most - least < (1L << 40) && to - from < (1 << 22);
            for (int p = from; p < to; p++) {
                // (cost above the least) << 22 | position: one primitive sort; else position order, all read.
                keys[p - from] = packable ? (r.pairCost[p] - least) << 22 | (p - from) : p - from;
            }
            Arrays.sort(keys);
            for (int i = 0; i < keys.length; i++) {
                byCost[from + i] = from + (int) (keys[i] & ((1 << 22) - 1));
            }
            sortedByCost = sortedByCost && packable;
        }
        candidates = new Relaxation.IntList[r.kamCount];
        for (int k = 0; k < r.kamCount; k++) {
            candidates[k] = new Relaxation.IntList();
        }
        int n = r.free.size();
        assigned = new double[n];
        u = new double[n];
        count = new double[r.kamCount];
        sectorCount = new double[r.kamCount][r.sectorCount];
    }

    /**
     * Subgradient ascent until the rounded-up bound reaches {@code target} (a known plan's penalty, the
     * Polyak target; NaN when none is known: then 5 % above the best bound so far), the step size vanishes
     * or the deadline.
     */
    Outcome solve(double target, long deadline) {
        long begin = System.nanoTime();
        int n = r.free.size();
        StringBuilder trace = new StringBuilder();
        double[] pi;
        double[] rho = new double[r.kamCount];
        double[][] nu = new double[r.kamCount][r.sectorCount];
        if (soft && balanceWeight > 0) {
            // Most of the time for the KAM prices: their steps are cheap and move where these do not.
            KamPriceAscent.Prices prices = new KamPriceAscent(r, balanceWeight, uUpper, byCost, sortedByCost)
                    .solve(begin + (long) ((deadline - begin) * PRICE_SHARE));
            pi = prices.steps() > 0 ? prices.pi() : startingMultipliers();
            trace.append(String.format(java.util.Locale.ROOT, "KAM prices %d steps, %.2f s (step:L') %s; ",
                    prices.steps(), (System.nanoTime() - begin) / 1e9, prices.trace()));
        } else {
            pi = startingMultipliers();
        }
        double sigma = 0;
        double best = Double.NEGATIVE_INFINITY;
        double first = Double.NaN;
        double theta = THETA;
        int sinceBest = 0;
        int steps = 0;
        int traced = trace.length();
        double[] gAssign = new double[n];
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            double value = evaluate(pi, rho, nu, sigma);
            steps++;
            if (steps == 1) {
                first = value;
                trace.append(String.format(java.util.Locale.ROOT, "whole accounts +%.1f at the first step; ",
                        wholeGain));
                traced = trace.length();
            }
            if (value > best) {
                best = value;
                sinceBest = 0;
            } else if (++sinceBest >= PATIENCE) {
                theta /= 2;
                sinceBest = 0;
            }
            if ((steps & (steps - 1)) == 0) {
                trace.append(String.format(java.util.Locale.ROOT, "%s%d:%.1f", trace.length() == traced ? "" : " ",
                        steps, best));
            }
            if (Math.ceil(best) >= target || theta < 1e-6) {
                break;
            }
            double norm = 0;
            for (int a = 0; a < n; a++) {
                gAssign[a] = 1 - assigned[a] - u[a] + DEFLECTION * gAssign[a];
                norm += gAssign[a] * gAssign[a];
            }
            double[] gMax = new double[r.kamCount];
            double[][] gSector = new double[r.kamCount][r.sectorCount];
            for (int k = 0; k < r.kamCount; k++) {
                if (r.accountsLeft[k] >= 0) {
                    gMax[k] = count[k] - r.accountsLeft[k];
                    norm += rho[k] > 0 || gMax[k] > 0 ? gMax[k] * gMax[k] : 0;
                }
                for (int s = 0; s < r.sectorCount; s++) {
                    if (r.sectorLeft[k][s] >= 0) {
                        gSector[k][s] = sectorCount[k][s] - r.sectorLeft[k][s];
                        norm += nu[k][s] > 0 || gSector[k][s] > 0 ? gSector[k][s] * gSector[k][s] : 0;
                    }
                }
            }
            double gSigma = 0;
            if (mediumRow) {
                for (int a = 0; a < n; a++) {
                    gSigma += r.unassignedCost[a] * u[a];
                }
                gSigma -= mediumBudget;
                norm += sigma > 0 || gSigma > 0 ? gSigma * gSigma : 0;
            }
            if (norm < 1e-12) {
                break; // the subproblems agree on a point of every relaxed row: L is the relaxation's optimum
            }
            double aim = Double.isNaN(target) ? best + 0.05 * Math.abs(best) + 1 : target;
            double step = theta * Math.max(aim - value, 1e-6 * Math.abs(aim) + 1) / norm;
            r.step(step, pi, rho, nu, gAssign, gMax, gSector);
            if (mediumRow) {
                sigma = Math.max(0, sigma + step * gSigma);
            }
        }
        return new Outcome(best, steps, (System.nanoTime() - begin) / 1e9, first, trace.toString());
    }

    /**
     * Where the multipliers start: on the medium level an account's penalty for staying out; on the soft
     * level its least cost plus the balance's slope at the expected utilisation times its workload, what
     * the account would cost where it is cheapest if every KAM were loaded as on average.
     */
    private double[] startingMultipliers() {
        int n = r.free.size();
        double[] pi = new double[n];
        if (!soft) {
            for (int a = 0; a < n; a++) {
                pi[a] = r.unassignedCost[a];
            }
            return pi;
        }
        double least = 0;
        double capacity = 0;
        for (int a = 0; a < n; a++) {
            long min = Long.MAX_VALUE;
            for (int p = r.start[a]; p < r.start[a + 1]; p++) {
                min = Math.min(min, r.pairLoad[p]);
            }
            least += min;
        }
        for (int k = 0; k < r.kamCount; k++) {
            least += r.pinnedLoad[k];
            capacity += r.kams.get(k).isActive() ? r.capacity[k] : 0;
        }
        double slope = balanceWeight * 2 * Math.min(1, least / Math.max(1, capacity));
        for (int a = 0; a < n; a++) {
            double min = Double.POSITIVE_INFINITY;
            for (int p = r.start[a]; p < r.start[a + 1]; p++) {
                min = Math.min(min, r.pairCost[p] + slope * r.pairLoad[p]);
            }
            pi[a] = min;
        }
        return pi;
    }

    /** L at these multipliers less a margin for the doubles (as {@link Lagrangian#bound}); records the subgradient's parts. */
    double evaluate(double[] pi, double[] rho, double[][] nu, double sigma) {
        Arrays.fill(assigned, 0);
        Arrays.fill(count, 0);
        fractionalSum = 0;
        double wholeSum = 0;

        for (double[] row : sectorCount) {
            Arrays.fill(row, 0);
        }
        double sum = soft ? r.constantSoft : r.constantMedium;
        double magnitude = Math.abs(sum);
        for (int a = 0; a < pi.length; a++) {
            double uCost = soft ? sigma * r.unassignedCost[a] : r.unassignedCost[a];
            double reduced = uCost - pi[a];
            u[a] = reduced < 0 ? uUpper[a] : 0;
            sum += pi[a] + Math.min(0, reduced) * uUpper[a];
            magnitude += 2 * Math.abs(pi[a]) + Math.abs(uCost);
        }
        if (mediumRow) {
            sum -= sigma * mediumBudget;
            magnitude += Math.abs(sigma * mediumBudget);
        }
        for (Relaxation.IntList list : candidates) {
            list.clear();
        }
        for (int a = 0; a < pi.length; a++) {
            for (int i = r.start[a]; i < r.start[a + 1]; i++) {
                int p = byCost[i];
                double cost = soft ? r.pairCost[p] : 0;
                if (sortedByCost && cost >= pi[a]) {
                    break; // this pair's reduced cost, and every later one's, is >= 0
                }
                int k = r.pairKam[p];
                double reduced = cost - pi[a] + rho[k] + nu[k][r.sectorOf[a]];
                magnitude += Math.abs(cost) + Math.abs(pi[a]) + rho[k] + nu[k][r.sectorOf[a]];
                if (reduced < 0) {
                    candidates[k].add(p);
                }
            }
        }
        for (int k = 0; k < r.kamCount; k++) {
            if (r.accountsLeft[k] >= 0) {
                sum -= rho[k] * r.accountsLeft[k];
                magnitude += Math.abs(rho[k] * r.accountsLeft[k]);
            }
            for (int s = 0; s < r.sectorCount; s++) {
                if (r.sectorLeft[k][s] >= 0) {
                    sum -= nu[k][s] * r.sectorLeft[k][s];
                    magnitude += Math.abs(nu[k][s] * r.sectorLeft[k][s]);
                }
            }
            double h = subproblem(k, pi, rho[k], nu[k]);
            sum += h;
            wholeSum += h;
            magnitude += Math.abs(h);
        }
        wholeGain = wholeSum - fractionalSum;
        return sum - (1e-9 * magnitude + 1e-6);
    }

    /** h_k over the pairs of negative reduced cost, in whole accounts where {@link KamKnapsack} can; records x. */
    private double subproblem(int k, double[] pi, double rho, double[] nu) {
        int m = candidates[k].size();
        if (weights.length < m) {
            weights = new long[m];
            reduced = new double[m];
            takes = new double[m];
        }
        for (int i = 0; i < m; i++) {
            int p = candidates[k].get(i);
            int a = r.accountOfPair[p];
            weights[i] = r.pairLoad[p];
            reduced[i] = (soft ? r.pairCost[p] : 0) - pi[a] + rho + nu[r.sectorOf[a]];
        }
        boolean balanced = soft && balanceWeight > 0 && r.balanced[k];
        double h = knapsack.solve(weights, reduced, m, r.hasCapacityRow(k) ? r.capacityLeft[k] : Long.MAX_VALUE,
                r.pinnedLoad[k], r.capacity[k], balanced ? balanceWeight : 0, takes);
        fractionalSum += knapsack.fractional();
        for (int i = 0; i < m; i++) {
            if (takes[i] > 0) {
                int a = r.accountOfPair[candidates[k].get(i)];
                assigned[a] += takes[i];
                count[k] += takes[i];
                sectorCount[k][r.sectorOf[a]] += takes[i];
            }
        }
        return h;
    }
}
