package org.kamplanner.bound;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where {@link PerKamLagrangian}'s soft level starts: the account multipliers pi_a = min_k (cost(a, k) +
 * lambda_k workload(a, k)) of KAM prices lambda found by an ascent over the KAMs (1,500 prices) instead of the
 * accounts (14,000 multipliers). On nordic 1,500 × 14,000 the 14,000-dimensional subgradient steps never
 * improved on their start in 60 s (benchmarks/RESULTS.md, Session 7); the prices converge in a few hundred
 * cheap steps.
 *
 * <p>The prices are the multipliers of another relaxation of the same LP: dualise each KAM's load equation
 * n_k = pinned_k + sum_a workload(a, k) x[a, k] (lambda_k), keep each account's choice (sum_k x[a, k] + u_a = 1)
 * and each KAM's load range [pinned_k, capacity_k], drop the sector and max-accounts rows (priced as well, they
 * gained 0.05 % on nordic 600 × 5,600 and lost early on at 1,500 × 14,000: benchmarks/RESULTS.md, Session 10;
 * the trace says how many accounts the best prices' choices put over those rows). What is left
 * separates: each account takes its cheapest KAM at price lambda (or stays out where that is allowed and
 * cheaper) and each KAM its load n minimising w_balance f(n) - lambda_k n, a closed form for the convex f
 * of docs/bound.md. Its value L'(lambda) is a bound too, but the multipliers pi(lambda) give the per-KAM
 * Lagrangian at least as much: for every KAM, w_balance f(n) &gt;= lambda_k n + phi_k(lambda_k) (phi the
 * minimum above), and every pair's cost - pi_a + lambda_k workload is &gt;= 0, so each h_k &gt;= lambda_k
 * pinned_k + phi_k and L(pi(lambda)) &gt;= L'(lambda). Only L(pi) is reported ({@link PerKamLagrangian#evaluate},
 * with its margin), so the prices need no proof of their own: any prices give valid multipliers.
 *
 * <p>The steps: lambda_k += alpha · 2 w_balance / c_k · d_k, d_k the (averaged: {@code NEW_SHARE}) difference
 * of the demanded load and the KAM's best load, the balance's
 * curvature turning a load difference into a price difference (alpha = 1 would set the price to the slope
 * at the demanded load, which makes the all-or-nothing choices of the accounts swing); alpha starts at 1/16
 * and halves after {@code PATIENCE} steps without a better L'. Prices stay &gt;= 0 (the LP's are slopes of
 * a non-decreasing f), so a pair whose cost alone is above an account's best price-inclusive cost is no
 * choice, and with the pairs by ascending cost a step reads only a few of each account's pairs.
 */
final class KamPriceAscent {

    /** Prices, the account multipliers they give, their L' (no margin), steps and a trace of step:L'. */
    record Prices(double[] lambda, double[] pi, double value, int steps, String trace) {
    }

    /**
     * The first step factor: from 1/2 the first 16 steps never improved (5 steps per halving), from 1/16 the
     * value rises from step 8 on (nordic 600 × 5,600, benchmarks/RESULTS.md, Session 10).
     */
    private static final double ALPHA = 1.0 / 16;
    /**
     * The share of this step's load difference in the direction, the rest the previous direction's (the
     * Volume algorithm's averaging, Barahona and Anbil 2000): the accounts' all-or-nothing choices make each
     * step's demanded load swing; averaged, the value reached in 64 steps is what plain steps reach in 128.
     */
    private static final double NEW_SHARE = 0.3;
    private static final int PATIENCE = 5;
    private static final double LEAST_ALPHA = 1e-6;

    private final Relaxation r;
    private final double balanceWeight;
    private final double[] uUpper;
    private final int[] byCost;
    private final boolean sortedByCost;
    private final double[] demanded;
    private final double[] pi;
    /** Per KAM the accounts, and per KAM and sector those of the sector, that choose it at the last evaluation. */
    private final double[] demandedCount;
    private final double[][] demandedSector;

    KamPriceAscent(Relaxation r, double balanceWeight, double[] uUpper, int[] byCost, boolean sortedByCost) {
        this.r = r;
        this.balanceWeight = balanceWeight;
        this.uUpper = uUpper;
        this.byCost = byCost;
        this.sortedByCost = sortedByCost;
        this.demanded = new double[r.kamCount];
        this.pi = new double[r.free.size()];
        this.demandedCount = new double[r.kamCount];
        this.demandedSector = new double[r.kamCount][r.sectorCount];
    }

    /** Ascends from the plan's own slopes (where the plan assigns accounts) until alpha vanishes or the deadline. */
    Prices solve(long deadline) {
        double[] lambda = startingPrices();
        double[] best = lambda.clone();
        double bestValue = Double.NEGATIVE_INFINITY;
        double alpha = ALPHA;
        double[] smooth = new double[r.kamCount];
        int sinceBest = 0;
        int steps = 0;
        StringBuilder trace = new StringBuilder();
        while (alpha >= LEAST_ALPHA && System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            double value = evaluate(lambda);
            steps++;
            if (value > bestValue) {
                bestValue = value;
                System.arraycopy(lambda, 0, best, 0, lambda.length);
                sinceBest = 0;
            } else if (++sinceBest >= PATIENCE) {
                alpha /= 2;
                sinceBest = 0;
                System.arraycopy(best, 0, lambda, 0, lambda.length); // restart the smaller steps from the best
                evaluate(lambda);
            }
            if ((steps & (steps - 1)) == 0) {
                trace.append(String.format(Locale.ROOT, "%s%d:%.1f", trace.length() == 0 ? "" : " ", steps,
                        bestValue));
            }
            for (int k = 0; k < r.kamCount; k++) {
                double g = demanded[k] - bestLoad(k, lambda[k]);
                smooth[k] = steps == 1 ? g : NEW_SHARE * g + (1 - NEW_SHARE) * smooth[k];
                double step = 2 * balanceWeight / Math.max(1, r.capacity[k]) * smooth[k];
                lambda[k] = Math.max(0, lambda[k] + alpha * step);
            }
        }
        if (steps > 0) {
            evaluate(best); // pi of the best prices
            trace.append(String.format(Locale.ROOT, "; at the best prices %.0f accounts over the KAMs' maxAccounts, "
                    + "%.0f over sector caps", over(true), over(false)));
        }
        return new Prices(best, pi.clone(), bestValue, steps, trace.toString());
    }

    /** How many accounts the last evaluation's choices put over the max-accounts (or the sector) rows. */
    private double over(boolean maxAccounts) {
        double over = 0;
        for (int k = 0; k < r.kamCount; k++) {
            if (maxAccounts && r.accountsLeft[k] >= 0) {
                over += Math.max(0, demandedCount[k] - r.accountsLeft[k]);
            }
            for (int s = 0; !maxAccounts && s < r.sectorCount; s++) {
                if (r.sectorLeft[k][s] >= 0) {
                    over += Math.max(0, demandedSector[k][s] - r.sectorLeft[k][s]);
                }
            }
        }
        return over;
    }

    /** lambda_k = w_balance f'(n_k) at the plan's load on k (the slope at the kink where the plan's is below it). */
    private double[] startingPrices() {
        double[] load = new double[r.kamCount];
        for (int k = 0; k < r.kamCount; k++) {
            load[k] = r.pinnedLoad[k];
        }
        for (int a = 0; a < r.free.size(); a++) {
            int p = r.planPair[a];
            if (p >= 0) {
                load[r.pairKam[p]] += r.pairLoad[p];
            }
        }
        double[] lambda = new double[r.kamCount];
        for (int k = 0; k < r.kamCount; k++) {
            if (r.balanced[k]) {
                double c = Math.max(1, r.capacity[k]);
                lambda[k] = 2 * balanceWeight * Math.max(load[k], Math.sqrt(Math.max(0, c - 1))) / c;
            }
        }
        return lambda;
    }

    /** L'(lambda) (in doubles, no margin: only to compare prices); records pi and each KAM's demanded load. */
    private double evaluate(double[] lambda) {
        Arrays.fill(demanded, 0);
        Arrays.fill(demandedCount, 0);
        for (double[] row : demandedSector) {
            Arrays.fill(row, 0);
        }
        double sum = r.constantSoft;
        for (int a = 0; a < pi.length; a++) {
            double cheapest = Double.POSITIVE_INFINITY;
            int chosen = -1;
            for (int i = r.start[a]; i < r.start[a + 1]; i++) {
                int p = byCost[i];
                if (sortedByCost && r.pairCost[p] >= cheapest) {
                    break; // prices are >= 0: this pair, and every later one, costs at least as much
                }
                double v = r.pairCost[p] + lambda[r.pairKam[p]] * r.pairLoad[p];
                if (v < cheapest) {
                    cheapest = v;
                    chosen = p;
                }
            }
            pi[a] = cheapest;
            // Out costs nothing on the soft level with the medium row relaxed (sigma = 0), where it is allowed.
            if (uUpper[a] > 0 && cheapest > 0) {
                continue;
            }
            sum += cheapest;
            int k = r.pairKam[chosen];
            demanded[k] += r.pairLoad[chosen];
            demandedCount[k]++;
            demandedSector[k][r.sectorOf[a]]++;
        }
        for (int k = 0; k < r.kamCount; k++) {
            demanded[k] += r.pinnedLoad[k];
            double n = bestLoad(k, lambda[k]);
            sum += lambda[k] * r.pinnedLoad[k] + balance(k, n) - lambda[k] * n;
        }
        return sum;
    }

    /** The load n in [pinned, capacity] minimising w_balance f(n) - lambda n (where no balance applies: the demanded load, clamped). */
    private double bestLoad(int k, double lambda) {
        double low = r.pinnedLoad[k];
        double high = r.hasCapacityRow(k) ? r.pinnedLoad[k] + r.capacityLeft[k] : Double.POSITIVE_INFINITY;
        double n;
        if (r.balanced[k] && balanceWeight > 0) {
            double c = Math.max(1, r.capacity[k]);
            n = Math.max(Math.sqrt(Math.max(0, c - 1)), lambda * c / (2 * balanceWeight));
        } else {
            n = lambda > 0 ? high : demanded[k];
        }
        return Math.min(high, Math.max(low, n));
    }

    private double balance(int k, double n) {
        if (!r.balanced[k] || balanceWeight == 0) {
            return 0;
        }
        double c = Math.max(1, r.capacity[k]);
        return balanceWeight * Math.max(0, (n * n - c + 1) / c);
    }
}
