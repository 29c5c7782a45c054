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
    private final long cellsPerKam;

    private KnapsackBound(Relaxation relaxation, long cellsPerKam) {
        this.r = relaxation;
        this.cellsPerKam = cellsPerKam;
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
        return medium(r, start, target, deadline, CELLS_PER_KAM);
    }

    /** @param cellsPerKam the dynamic programme's cells per KAM ({@link #CELLS_PER_KAM}; tests try fewer) */
    static Outcome medium(Relaxation r, Lagrangian.Duals start, double target, long deadline, long cellsPerKam) {
        long begin = System.nanoTime();
        KnapsackBound kb = new KnapsackBound(r, cellsPerKam);
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

    /**
     * Dynamic programme cells (items × capacity steps) one KAM's knapsack may take: 240 KAMs × 2,200 accounts
     * with 7,200 minutes each was 2·10⁹ cells an evaluation exactly, and no evaluation finished in 10 s
     * (benchmarks/RESULTS.md, "Session 7"); at this many, one takes about a second there.
     */
    static final long CELLS_PER_KAM = 1_500_000;

    /**
     * At least the most profit whole accounts of positive profit can bring KAM k within its capacity. First the
     * classic reduction (Ingargiola and Korsh; Martello and Toth, "Knapsack problems", 1990, §2.7): with the
     * items by profit per minute, the greedy set a lower bound G of the maximum and the fractional knapsack
     * (Dantzig's bound) an upper one, an item whose bound when forced in is below G is in no optimum, and one
     * whose bound when left out is below G is in every optimum; at the LP's duals that fixes most of a large
     * KAM's accounts. Then the dynamic programme over what is left, over the weights in steps of {@code g}
     * minutes, each weight and the capacity rounded down (every set that fits in minutes still fits in steps:
     * Σ⌊w/g⌋ ≤ ⌊Σw/g⌋ ≤ ⌊C/g⌋): exact with g the weights' common divisor where the cells allow, else as
     * coarse as {@link #cellsPerKam} asks, and then no more than Dantzig's bound, so never below the LP's at
     * its duals. {@code chosen} gets the set found, the subgradient's direction.
     */
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
        Sorted sorted = new Sorted(items, profit, count, r.pairLoad);
        long capacityLeft = r.capacityLeft[k];
        double dantzig = sorted.dantzig(-1, capacityLeft);
        double greedy = sorted.greedy(capacityLeft);
        // A margin for the doubles: an item is fixed only when its bound is clearly below the greedy set.
        double margin = 1e-9 * (all + 1);
        int[] free = new int[count];
        double[] freeProfit = new double[count];
        int freeCount = 0;
        double fixedProfit = 0;
        long fixedWeight = 0;
        for (int i = 0; i < count; i++) {
            long w = sorted.weight[i];
            boolean out = w > capacityLeft
                    || sorted.profit[i] + sorted.dantzig(i, capacityLeft - w) < greedy - margin;
            if (out) {
                continue;
            }
            if (sorted.dantzig(i, capacityLeft) < greedy - margin) {
                chosen[sorted.item[i]] = true;
                fixedProfit += sorted.profit[i];
                fixedWeight += w;
                continue;
            }
            free[freeCount] = sorted.item[i];
            freeProfit[freeCount++] = sorted.profit[i];
        }
        long room = capacityLeft - fixedWeight;
        if (room < 0) {
            return dantzig; // cannot happen for a correct reduction; the fractional bound is safe regardless
        }
        long g = Math.max(divisor[k], (long) Math.ceil((double) freeCount * room / cellsPerKam));
        int capacity = (int) (room / g);
        double[] best = new double[capacity + 1];
        // take[i] marks the capacities at which item i is in the optimum of items 0..i, for the walk back.
        long[][] take = new long[freeCount][(capacity >> 6) + 1];
        for (int i = 0; i < freeCount; i++) {
            int w = (int) (r.pairLoad[free[i]] / g);
            for (int c = capacity; c >= w; c--) {
                double with = best[c - w] + freeProfit[i];
                if (with > best[c]) {
                    best[c] = with;
                    take[i][c >> 6] |= 1L << (c & 63);
                }
            }
        }
        int c = capacity;
        for (int i = freeCount - 1; i >= 0; i--) {
            if ((take[i][c >> 6] & (1L << (c & 63))) != 0) {
                chosen[free[i]] = true;
                c -= (int) (r.pairLoad[free[i]] / g);
            }
        }
        double value = fixedProfit + best[capacity];
        return g == divisor[k] ? value : Math.min(value, dantzig);
    }

    /** One KAM's items of positive profit by profit per minute, best first, with prefix sums. */
    private static final class Sorted {

        final int[] item;
        final double[] profit;
        final long[] weight;
        /** Sums over the first j items: prefixWeight[j], prefixProfit[j]. */
        final long[] prefixWeight;
        final double[] prefixProfit;

        Sorted(int[] items, double[] profits, int count, long[] pairLoad) {
            Integer[] order = new Integer[count];
            for (int i = 0; i < count; i++) {
                order[i] = i;
            }
            // A weight of 0 ranks first (any profit per no minute); ties by pair, for one order. The ratio is
            // computed once per item: comparing cross products instead is not transitive in doubles (TimSort
            // threw "Comparison method violates its general contract" on an over-full 240 × 2,200 plan), and
            // an order off by a rounding of the ratio moves Dantzig's bound by far less than the margin.
            double[] ratio = new double[count];
            for (int i = 0; i < count; i++) {
                long w = pairLoad[items[i]];
                ratio[i] = w == 0 ? Double.POSITIVE_INFINITY : profits[i] / w;
            }
            Arrays.sort(order, (x, y) -> {
                int byRatio = Double.compare(ratio[y], ratio[x]);
                return byRatio != 0 ? byRatio : Integer.compare(items[x], items[y]);
            });
            item = new int[count];
            profit = new double[count];
            weight = new long[count];
            prefixWeight = new long[count + 1];
            prefixProfit = new double[count + 1];
            for (int j = 0; j < count; j++) {
                item[j] = items[order[j]];
                profit[j] = profits[order[j]];
                weight[j] = pairLoad[item[j]];
                prefixWeight[j + 1] = prefixWeight[j] + weight[j];
                prefixProfit[j + 1] = prefixProfit[j] + profit[j];
            }
        }

        /** The greedy set's profit: in order, each item that still fits. */
        double greedy(long capacity) {
            double value = 0;
            long left = capacity;
            for (int j = 0; j < item.length; j++) {
                if (weight[j] <= left) {
                    value += profit[j];
                    left -= weight[j];
                }
            }
            return value;
        }

        /** The fractional knapsack's optimum over every item but {@code without} (-1: all) within {@code capacity}. */
        double dantzig(int without, long capacity) {
            int n = item.length - (without < 0 ? 0 : 1);
            // The largest m whose first m items (skipping `without`) fit: their weight grows with m.
            int lo = 0;
            int hi = n;
            while (lo < hi) {
                int mid = (lo + hi + 1) >>> 1;
                if (weightOfFirst(mid, without) <= capacity) {
                    lo = mid;
                } else {
                    hi = mid - 1;
                }
            }
            double value = profitOfFirst(lo, without);
            if (lo < n) {
                int next = without >= 0 && lo >= without ? lo + 1 : lo;
                value += profit[next] * (capacity - weightOfFirst(lo, without)) / weight[next];
            }
            return value;
        }

        private long weightOfFirst(int m, int without) {
            return without >= 0 && m > without ? prefixWeight[m + 1] - weight[without] : prefixWeight[m];
        }

        private double profitOfFirst(int m, int without) {
            return without >= 0 && m > without ? prefixProfit[m + 1] - profit[without] : prefixProfit[m];
        }
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
