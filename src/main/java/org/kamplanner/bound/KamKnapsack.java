package org.kamplanner.bound;

import java.util.Arrays;
import java.util.Comparator;

/**
 * One KAM's subproblem of {@link PerKamLagrangian} in whole accounts: the least sum of reduced costs r_i
 * plus w_balance floor(n² / c) over the subsets of the candidate accounts whose workload fits into the
 * capacity left, n the pinned load plus theirs. Every plan with hard score 0 gives each KAM a subset of
 * whole accounts, its load an integer and its balance term exactly floor(n² / c), so this minimum is still
 * at most that plan's share of the Lagrangian, and it is at least the fractional knapsack's (with the convex
 * f(n) = max(0, (n² - c + 1) / c) &lt;= floor(n² / c), docs/bound.md): the bound only rises.
 *
 * <p>How: the fractional optimum first (the accounts by reduced cost per minute until the balance's slope
 * or the capacity stops them; value F). Its whole accounts are a subset, value U. At the rate lambda where
 * the fractional optimum stopped, B = phi(lambda) + sum_i min(0, d_i) with d_i = r_i + lambda w_i and phi(lambda)
 * = min over the loads of w_balance f(n) - lambda (n - pinned) is at most F, and a subset that takes an
 * account of d_i &gt; 0 or leaves out one of d_i &lt; 0 has a value of at least B + |d_i| (each account's term
 * d_i x_i is at least min(0, d_i)). So the accounts with |d_i| &gt;= U - B are fixed as the fractional optimum
 * has them: every subset that differs there is no better than U. The rest, usually a handful, are solved
 * exactly by the Pareto frontier over (load, sum of r) (Nemhauser and Ullmann 1969): a subset with no more
 * load and no more reduced cost than another is at least as good for a non-decreasing balance. The answer
 * is min(U, the frontier's best). Where more than {@code MOST_ITEMS} accounts stay free (the chosen set is a
 * bit mask) or the frontier outgrows {@code MOST_STATES}, the answer is F, lower and still valid.
 */
final class KamKnapsack {

    static final int MOST_ITEMS = 63;
    private static final int MOST_STATES = 1 << 14;

    private long[] load = new long[256];
    private double[] sum = new double[256];
    private long[] mask = new long[256];
    private long[] nextLoad = new long[256];
    private double[] nextSum = new double[256];
    private long[] nextMask = new long[256];
    private int[] free = new int[64];
    private double fractional;

    /**
     * @param weights the candidates' workloads (minutes, &gt;= 0) on this KAM
     * @param reduced their reduced costs, each &lt; 0 (a candidate of r &gt;= 0 never lowers the minimum)
     * @param room the capacity left after the pins (Long.MAX_VALUE where no capacity row applies)
     * @param balanceWeight w_balance, 0 where the balance does not apply to this KAM
     * @param take receives each candidate's share in the answer (0 or 1 in whole accounts)
     * @return the minimum in whole accounts, or the fractional one where that is out of reach
     */
    double solve(long[] weights, double[] reduced, int m, long room, long pinned, long capacity, double balanceWeight,
            double[] take) {
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble(i -> weights[i] == 0 ? Double.NEGATIVE_INFINITY
                : reduced[i] / weights[i]));
        double c = Math.max(1, capacity);
        double kink = Math.sqrt(c - 1); // below it f is flat; above, f'(n) = 2n / c
        boolean balanced = balanceWeight > 0;
        double loadF = 0;
        double linear = 0;
        double lambda = -1;
        long wholeLoad = 0;
        double wholeSum = 0;
        Arrays.fill(take, 0, m, 0);
        for (Integer idx : order) {
            int i = idx;
            double w = weights[i];
            double share = 1;
            if (w > 0) {
                double minutes = Math.min(w, room - loadF);
                if (balanced) {
                    // Take load while the rate -r/w exceeds the balance's slope: up to where they meet.
                    minutes = Math.min(minutes, Math.max(kink, -reduced[i] / w * c / (2 * balanceWeight)) - pinned - loadF);
                }
                share = Math.max(0, Math.min(1, minutes / w));
            }
            take[i] = share;
            linear += share * reduced[i];
            loadF += share * w;
            if (share < 1) {
                lambda = -reduced[i] / w; // the rate where the fractional optimum stopped
                break;
            }
            wholeLoad += weights[i];
            wholeSum += reduced[i];
        }
        fractional = linear + balance(pinned + loadF, c, balanceWeight);
        if (lambda < 0) {
            // Every candidate whole: the fractional optimum is a subset already, and floor >= f.
            return wholeSum + exactBalance(pinned + wholeLoad, capacity, balanceWeight);
        }
        double upper = wholeSum + exactBalance(pinned + wholeLoad, capacity, balanceWeight);
        double high = room == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : pinned + (double) room;
        double n = balanced ? Math.min(high, Math.max(pinned, Math.max(kink, lambda * c / (2 * balanceWeight))))
                : high;
        double lower = (balanced ? balance(n, c, balanceWeight) : 0) - lambda * (n - pinned);
        int free = 0;
        long fixedLoad = 0;
        double fixedSum = 0;
        double magnitude = Math.abs(upper) + Math.abs(lower);
        for (int i = 0; i < m; i++) {
            lower += Math.min(0, reduced[i] + lambda * weights[i]);
            magnitude += Math.abs(reduced[i]) + lambda * weights[i];
        }
        double gap = upper - lower + 1e-9 * magnitude + 1e-9; // fixing only what is clearly out of reach
        for (int i = 0; i < m; i++) {
            double d = reduced[i] + lambda * weights[i];
            if (Math.abs(d) < gap || !(Math.abs(d) < Double.POSITIVE_INFINITY)) {
                if (free == this.free.length) {
                    this.free = Arrays.copyOf(this.free, 2 * free);
                }
                this.free[free++] = i;
            } else if (d < 0) {
                fixedLoad += weights[i];
                fixedSum += reduced[i];
            }
        }
        if (free > MOST_ITEMS || !(lower > Double.NEGATIVE_INFINITY)) {
            return fractional;
        }
        if (fixedLoad > room) {
            keepWholeShares(take, m); // every subset better than U breaks the capacity
            return upper;
        }
        int size = 1;
        load[0] = fixedLoad;
        sum[0] = fixedSum;
        mask[0] = 0;
        for (int f = 0; f < free && size > 0; f++) {
            size = join(size, weights[this.free[f]], reduced[this.free[f]], 1L << f, room);
        }
        if (size < 0) {
            return fractional;
        }
        double best = upper;
        long chosen = -1;
        for (int s = 0; s < size; s++) {
            double value = sum[s] + exactBalance(pinned + load[s], capacity, balanceWeight);
            if (value < best) {
                best = value;
                chosen = mask[s];
            }
        }
        if (chosen < 0) {
            keepWholeShares(take, m);
            return upper;
        }
        for (int i = 0; i < m; i++) {
            take[i] = reduced[i] + lambda * weights[i] < 0 ? 1 : 0; // the fixed ones; the free ones below
        }
        for (int f = 0; f < free; f++) {
            take[this.free[f]] = chosen >>> f & 1;
        }
        return best;
    }

    /** The last answer's fractional optimum F (for the trace: what whole accounts added). */
    double fractional() {
        return fractional;
    }

    /** The fractional optimum's whole accounts as the answer's shares. */
    private static void keepWholeShares(double[] take, int m) {
        for (int i = 0; i < m; i++) {
            if (take[i] < 1) {
                take[i] = 0;
            }
        }
    }

    private static double balance(double n, double c, double balanceWeight) {
        return balanceWeight == 0 ? 0 : balanceWeight * Math.max(0, (n * n - c + 1) / c);
    }

    /** w_balance floor(n² / c), as the score computes it (where n² would overflow: f, which is lower). */
    private static double exactBalance(long n, long capacity, double balanceWeight) {
        if (balanceWeight == 0 || n == 0) {
            return 0;
        }
        long c = Math.max(1, capacity);
        return n < 3_000_000_000L ? balanceWeight * (double) (n * n / c) : balance(n, c, balanceWeight);
    }

    /** The frontier after one more candidate: the old states merged with them plus the candidate, by load. */
    private int join(int size, long w, double r, long bit, long room) {
        ensure(2 * size);
        int i = 0;
        int j = 0;
        int out = 0;
        double least = Double.POSITIVE_INFINITY;
        while (i < size || j < size) {
            boolean shiftedFits = j < size && load[j] <= room - w;
            long shiftedLoad = shiftedFits ? load[j] + w : Long.MAX_VALUE;
            long l;
            double v;
            long b;
            if (i < size && (!shiftedFits || load[i] <= shiftedLoad)) {
                l = load[i];
                v = sum[i];
                b = mask[i];
                i++;
            } else if (shiftedFits) {
                l = shiftedLoad;
                v = sum[j] + r;
                b = mask[j] | bit;
                j++;
            } else {
                break; // the old states are used up and the rest do not fit with this candidate
            }
            if (v < least) {
                if (out > 0 && nextLoad[out - 1] == l) {
                    out--; // same load, less reduced cost: it replaces the state kept last
                }
                nextLoad[out] = l;
                nextSum[out] = v;
                nextMask[out] = b;
                out++;
                least = v;
            }
        }
        if (out > MOST_STATES) {
            return -1;
        }
        long[] tl = load;
        load = nextLoad;
        nextLoad = tl;
        double[] ts = sum;
        sum = nextSum;
        nextSum = ts;
        long[] tm = mask;
        mask = nextMask;
        nextMask = tm;
        return out;
    }

    private void ensure(int n) {
        if (nextLoad.length < n) {
            int grown = Math.max(n, 2 * nextLoad.length);
            nextLoad = new long[grown];
            nextSum = new double[grown];
            nextMask = new long[grown];
            load = Arrays.copyOf(load, grown);
            sum = Arrays.copyOf(sum, grown);
            mask = Arrays.copyOf(mask, grown);
        }
    }
}
