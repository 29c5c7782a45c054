package org.kamplanner.bound;

/**
 * One KAM's subproblem of {@link PerKamLagrangian} in whole accounts: the least sum of reduced costs r_i
 * plus w_balance floor(n² / c) over the subsets of the candidate accounts whose workload fits into the
 * capacity left, n the pinned load plus theirs. Every plan with hard score 0 gives each KAM a subset of
 * whole accounts, its load an integer and its balance term exactly floor(n² / c), so this minimum is still
 * at most that plan's share of the Lagrangian, and it is at least the fractional knapsack's (with the convex
 * f &lt;= floor(n² / c)): the bound only rises. On nordic 1,500 × 14,000 a KAM takes about nine accounts,
 * where the fractional optimum splits one of them to meet the balance's slope exactly.
 *
 * <p>Solved exactly by the Pareto frontier over (load, sum of r) (Nemhauser and Ullmann 1969): a subset with
 * no more load and no more reduced cost than another is at least as good for every non-decreasing balance,
 * so only the frontier is kept while the candidates join one by one. Its size is at most the capacity left
 * plus one (one state per load), in practice a few hundred. Where there are more than {@code MOST_ITEMS}
 * candidates (the chosen set is a bit mask) or the frontier outgrows {@code MOST_STATES}, {@link #solve}
 * answers NaN and the caller keeps the fractional optimum, a lower, still valid value.
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
    private long chosen;

    /**
     * @param weights the candidates' workloads (minutes, &gt;= 0) on this KAM
     * @param reduced their reduced costs, each &lt; 0 (a candidate of r &gt;= 0 never lowers the minimum)
     * @param room the capacity left after the pins (Long.MAX_VALUE where no capacity row applies)
     * @param balanceWeight w_balance, 0 where the balance does not apply to this KAM
     * @return the minimum, or NaN when the candidates are too many for the exact frontier
     */
    double solve(long[] weights, double[] reduced, int m, long room, long pinned, long capacity, double balanceWeight) {
        if (m > MOST_ITEMS) {
            return Double.NaN;
        }
        int size = 1;
        load[0] = 0;
        sum[0] = 0;
        mask[0] = 0;
        for (int i = 0; i < m; i++) {
            size = join(size, weights[i], reduced[i], 1L << i, room);
            if (size < 0) {
                return Double.NaN;
            }
        }
        double best = Double.POSITIVE_INFINITY;
        long c = Math.max(1, capacity);
        for (int s = 0; s < size; s++) {
            long n = pinned + load[s];
            double balance = balanceWeight == 0 || n == 0 ? 0
                    : n < 3_000_000_000L ? balanceWeight * (double) (n * n / c)
                    : balanceWeight * Math.max(0, ((double) n * n - c + 1) / c); // f <= floor, no overflow
            double value = sum[s] + balance;
            if (value < best) {
                best = value;
                chosen = mask[s];
            }
        }
        return best;
    }

    /** The candidates (bit i for the i-th) of the last minimum {@link #solve} found. */
    long chosen() {
        return chosen;
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
            load = java.util.Arrays.copyOf(load, grown);
            sum = java.util.Arrays.copyOf(sum, grown);
            mask = java.util.Arrays.copyOf(mask, grown);
        }
    }
}
