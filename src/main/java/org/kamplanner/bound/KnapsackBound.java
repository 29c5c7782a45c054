package org.kamplanner.bound;

import java.util.Arrays;

/**
 * The medium level's Lagrangian bound with an integer knapsack per KAM (docs/bound.md, "Over-full plans"):
 * the assign rows (multipliers pi, free), the max-accounts rows (rho &gt;= 0) and the sector rows (nu &gt;= 0)
 * are relaxed; the capacity stays a constraint of each KAM's subproblem, a 0/1 knapsack over integer minutes
 * solved exactly by dynamic programming. For any such multipliers
 *
 * <pre>
 * L = constant + sum_a pi_a + sum_a min(0, c_a - pi_a) - sum_k rho_k A_k - sum_k,s nu_ks S_ks
 *     - sum_k max { sum_a (pi_a - rho_k - nu_k,s(a)) x_a : x 0/1 on k's pairs, sum_a w_a x_a &lt;= C_k }
 * </pre>
 *
 * is at most the medium penalty of every plan with hard score 0: such a plan is a 0/1 point of the rows
 * and each KAM's part of it fits its capacity. The LP relaxes capacity to fractions of accounts, this does
 * not; started from the LP's duals it is at least the LP's bound (the knapsack's maximum over whole
 * accounts is at most the LP's over fractions), and subgradient steps raise it. Where whole accounts do
 * not fit, as in over-full plans, that is the LP's weakness.
 */
final class KnapsackBound {

    /** The best bound found (before rounding up; -infinity when no step finished), the iterations, and the seconds. */
    record Outcome(double bound, int iterations, double seconds) {
    }

    private final Relaxation r;
    /** Per KAM: its pairs (indices into the relaxation's pair arrays) and the exact common divisor of its weights. */
    private final int[][] pairsOfKam;
    private final long[] divisor;

    private KnapsackBound(Relaxation relaxation) {
        this.r = relaxation;
        Relaxation.IntList[] lists = new Relaxation.IntList[r.kamCount];
        for (int k = 0; k < r.kamCount; k++) {
            lists[k] = new Relaxation.IntList();
        }
        for (int p = 0; p < r.pairCount(); p++) {
            lists[r.pairKam[p]].add(p);
        }
        pairsOfKam = new int[r.kamCount][];
        divisor = new long[r.kamCount];
        for (int k = 0; k < r.kamCount; k++) {
            pairsOfKam[k] = lists[k].toArray();
            long g = r.hasCapacityRow(k) ? r.capacityLeft[k] : 0;
            for (int p : pairsOfKam[k]) {
                g = gcd(g, r.pairLoad[p]);
            }
            divisor[k] = Math.max(1, g);
        }
    }

    /**
     * Subgradient ascent (Polyak steps towards {@code target}, the medium penalty of a known plan) from the
     * given multipliers, until the bound reaches the target, the steps vanish, or the deadline.
     *
     * @param start the LP's duals (only assign, max and sector are read; signs as the LP's: max and sector &lt;= 0)
     */
    static Outcome medium(Relaxation r, Lagrangian.Duals start, double target, long deadline) {
        long begin = System.nanoTime();
        KnapsackBound kb = new KnapsackBound(r);
        int n = r.free.size();
        double[] pi = start == null ? Arrays.stream(r.unassignedCost).asDoubleStream().toArray()
                : start.assign().clone();
        double[] rho = new double[r.kamCount];
        double[][] nu = new double[r.kamCount][r.sectorCount];
        if (start != null) {
            for (int k = 0; k < r.kamCount; k++) {
                rho[k] = r.accountsLeft[k] >= 0 ? -start.max()[k] : 0;
                for (int s = 0; s < r.sectorCount; s++) {
                    nu[k][s] = r.sectorLeft[k][s] >= 0 ? -start.sector()[k][s] : 0;
                }
            }
        }
        double best = Double.NEGATIVE_INFINITY;
        double theta = 2;
        int sinceBest = 0;
        int iterations = 0;
        boolean[] chosen = new boolean[r.pairCount()];
        while (System.nanoTime() < deadline && !Thread.currentThread().isInterrupted()) {
            double value = kb.evaluate(pi, rho, nu, chosen, deadline);
            if (Double.isNaN(value)) {
                break; // the deadline came in the middle of the knapsacks
            }
            iterations++;
            if (value > best + 1e-9) {
                best = value;
                sinceBest = 0;
            } else if (++sinceBest >= 20) {
                theta /= 2;
                sinceBest = 0;
            }
            // An integer penalty: once the rounded-up bound meets the known plan, nothing is left to prove.
            if (Math.ceil(best) >= target || theta < 1e-4) {
                break;
            }
            // Subgradient: each relaxed row's left side minus its right side at the subproblems' optimum.
            double[] gAssign = new double[n];
            double[] gMax = new double[r.kamCount];
            double[][] gSector = new double[r.kamCount][r.sectorCount];
            for (int a = 0; a < n; a++) {
                gAssign[a] = 1 - (r.unassignedCost[a] - pi[a] < 0 ? 1 : 0);
            }
            for (int p = 0; p < r.pairCount(); p++) {
                if (chosen[p]) {
                    int a = r.accountOfPair[p];
                    int k = r.pairKam[p];
                    gAssign[a] -= 1;
                    gMax[k] += 1;
                    gSector[k][r.sectorOf[a]] += 1;
                }
            }
            double norm = 0;
            for (double g : gAssign) {
                norm += g * g;
            }
            for (int k = 0; k < r.kamCount; k++) {
                if (r.accountsLeft[k] >= 0) {
                    gMax[k] -= r.accountsLeft[k];
                    if (rho[k] > 0 || gMax[k] > 0) {
                        norm += gMax[k] * gMax[k];
                    }
                }
                for (int s = 0; s < r.sectorCount; s++) {
                    if (r.sectorLeft[k][s] >= 0) {
                        gSector[k][s] -= r.sectorLeft[k][s];
                        if (nu[k][s] > 0 || gSector[k][s] > 0) {
                            norm += gSector[k][s] * gSector[k][s];
                        }
                    }
                }
            }
            if (norm == 0) {
                break; // the subproblems' optimum is a plan: the bound is exact
            }
            double step = theta * (target - value) / norm;
            r.step(step, pi, rho, nu, gAssign, gMax, gSector);
        }
        return new Outcome(best, iterations, (System.nanoTime() - begin) / 1e9);
    }

    /**
     * L at these multipliers, less a margin for the doubles (as {@link Lagrangian#bound}); {@code chosen}
     * gets each KAM's knapsack optimum.
     */
    private double evaluate(double[] pi, double[] rho, double[][] nu, boolean[] chosen, long deadline) {
        Arrays.fill(chosen, false);
        double sum = r.constantMedium;
        double magnitude = Math.abs(sum);
        for (int a = 0; a < pi.length; a++) {
            sum += pi[a] + Math.min(0, r.unassignedCost[a] - pi[a]);
            magnitude += 2 * Math.abs(pi[a]) + Math.abs(r.unassignedCost[a]);
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
            if (System.nanoTime() > deadline) {
                return Double.NaN;
            }
            double knapsack = knapsack(k, pi, rho[k], nu[k], chosen);
            sum -= knapsack;
            magnitude += Math.abs(knapsack) * 2;
        }
        return sum - (1e-9 * magnitude + 1e-6);
    }

    /** The most profit whole accounts of positive profit can bring KAM k within its capacity; exact. */
    private double knapsack(int k, double[] pi, double rho, double[] nu, boolean[] chosen) {
        int[] pairs = pairsOfKam[k];
        int[] items = new int[pairs.length];
        double[] profit = new double[pairs.length];
        int count = 0;
        long weightSum = 0;
        double all = 0;
        for (int p : pairs) {
            int a = r.accountOfPair[p];
            double value = pi[a] - rho - nu[r.sectorOf[a]];
            if (value > 0) {
                items[count] = p;
                profit[count++] = value;
                weightSum += r.pairLoad[p];
                all += value;
            }
        }
        if (!r.hasCapacityRow(k) || weightSum <= r.capacityLeft[k]) {
            for (int i = 0; i < count; i++) {
                chosen[items[i]] = true;
            }
            return all;
        }
        long g = divisor[k];
        int capacity = (int) (r.capacityLeft[k] / g);
        double[] best = new double[capacity + 1];
        // take[i] marks the capacities at which item i is in the optimum of items 0..i, for the walk back.
        long[][] take = new long[count][(capacity >> 6) + 1];
        for (int i = 0; i < count; i++) {
            int w = (int) (r.pairLoad[items[i]] / g);
            for (int c = capacity; c >= w; c--) {
                double with = best[c - w] + profit[i];
                if (with > best[c]) {
                    best[c] = with;
                    take[i][c >> 6] |= 1L << (c & 63);
                }
            }
        }
        int c = capacity;
        for (int i = count - 1; i >= 0; i--) {
            if ((take[i][c >> 6] & (1L << (c & 63))) != 0) {
                chosen[items[i]] = true;
                c -= (int) (r.pairLoad[items[i]] / g);
            }
        }
        return best[capacity];
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
