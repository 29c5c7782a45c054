package org.kamplanner.bound;

import static org.kamplanner.solver.KamConstraint.BALANCED_REVENUE;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Map;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

/**
 * The least Balanced revenue penalty of any plan whose medium penalty is within a budget (docs/bound.md,
 * "Balanced revenue"). The relaxation leaves the term out, so this is added to its soft bound: the least
 * sum is at least the sum of the least parts.
 *
 * <p>A plan puts revenue R_k on each active KAM k (capacity C_k, at least 1): at least what is pinned
 * there, and on the KAM of the largest account no plan leaves out, at least that account. Over real R_k with
 * those floors and the least revenue R a plan covers, Σ_k R_k² / C_k is smallest when every KAM above its
 * floor carries μ·C_k (water-filling; without floors, Cauchy–Schwarz's R² / C). Trying each KAM the largest
 * account may go to keeps that account whole, which is what makes the term useful where a few customers
 * hold much of the revenue. The integer division loses less than 1 per KAM. The least R comes from a
 * fractional knapsack: the plan may leave out the accounts with the most revenue per unit of medium penalty
 * that its budget allows.
 */
final class RevenueBound {

    private RevenueBound() {
    }

    /** The weighted penalty every plan with hard 0 and medium at most the budget above the constant has. */
    static long soft(Relaxation r, AssignmentPlan plan, long mediumBudget) {
        long weight = r.weights.of(BALANCED_REVENUE);
        if (weight == 0) {
            return 0;
        }
        Map<Kam, Integer> position = new IdentityHashMap<>();
        for (int k = 0; k < r.kamCount; k++) {
            position.put(r.kams.get(k), k);
        }
        long[] floor = new long[r.kamCount];
        boolean[] holds = new boolean[r.kamCount];
        long pinned = 0;
        for (Account account : plan.getAccounts()) {
            // The term counts active KAMs only, so revenue locked to an inactive one costs nothing.
            if (account.isPinned() && account.getKam() != null && account.getKam().isActive()) {
                int k = position.get(account.getKam());
                floor[k] += account.getRevenueK();
                pinned += account.getRevenueK();
            }
        }
        for (int k = 0; k < r.kamCount; k++) {
            holds[k] = r.kams.get(k).isActive();
        }
        int[] holders = java.util.stream.IntStream.range(0, r.kamCount).filter(k -> holds[k]).toArray();
        long covered = pinned + r.free.stream().mapToLong(Account::getRevenueK).sum()
                - mostRevenueLeftOut(r, mediumBudget);
        int top = largestAlwaysCovered(r, mediumBudget);
        double least;
        if (top < 0) {
            least = waterFilled(floor, r.capacity, holders, covered);
        } else {
            long revenue = r.free.get(top).getRevenueK();
            covered = Math.max(covered, pinned + revenue);
            least = Double.MAX_VALUE;
            for (int p = r.start[top]; p < r.start[top + 1]; p++) {
                int k = r.pairKam[p];
                floor[k] += revenue;
                least = Math.min(least, waterFilled(floor, r.capacity, holders, covered));
                floor[k] -= revenue;
            }
        }
        // Floating point on sums up to about 10^15: a margin far above its error keeps the value a bound.
        double perKam = least - least * 1e-9 - holders.length;
        if (!(perKam > 0)) {
            return 0;
        }
        double weighted = Math.floor(perKam) * weight;
        return weighted < Long.MAX_VALUE / 4.0 ? (long) weighted : Long.MAX_VALUE / 4;
    }

    /** The free account with the most revenue whose medium penalty no plan within the budget can pay, or -1. */
    private static int largestAlwaysCovered(Relaxation r, long budget) {
        int top = -1;
        for (int a = 0; a < r.free.size(); a++) {
            if (r.unassignedCost[a] > budget && r.free.get(a).getRevenueK() > 0
                    && (top < 0 || r.free.get(a).getRevenueK() > r.free.get(top).getRevenueK())) {
                top = a;
            }
        }
        return top;
    }

    /**
     * min Σ_k R_k² / C_k over real R_k ≥ floor_k with Σ_k R_k = total (at least Σ floor): each KAM carries
     * max(floor_k, μ·C_k), with μ found over the KAMs in order of floor_k / C_k.
     */
    static double waterFilled(long[] floor, long[] capacity, int[] holders, long total) {
        int n = holders.length;
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = holders[i];
        }
        Arrays.sort(order, Comparator.comparingDouble(k -> (double) floor[k] / capacity[k]));
        double[] fixedFrom = new double[n + 1]; // Σ floor over order[j..]
        double[] fixedSquares = new double[n + 1]; // Σ floor² / C over order[j..]
        for (int j = n - 1; j >= 0; j--) {
            int k = order[j];
            fixedFrom[j] = fixedFrom[j + 1] + floor[k];
            fixedSquares[j] = fixedSquares[j + 1] + (double) floor[k] * floor[k] / capacity[k];
        }
        double flexibleCapacity = 0;
        for (int j = 1; j <= n; j++) {
            flexibleCapacity += capacity[order[j - 1]];
            double mu = (total - fixedFrom[j]) / flexibleCapacity;
            boolean fitsBelow = mu >= (double) floor[order[j - 1]] / capacity[order[j - 1]];
            boolean fitsAbove = j == n || mu <= (double) floor[order[j]] / capacity[order[j]];
            if (fitsBelow && fitsAbove) {
                return mu * mu * flexibleCapacity + fixedSquares[j];
            }
        }
        return fixedSquares[0]; // the floors alone are more than the total
    }

    /**
     * The most revenue the free accounts can leave out with medium penalty at most {@code budget}, rounded
     * down (a plan's revenue is whole thousands, so the revenue it covers is at least the total minus this).
     */
    static long mostRevenueLeftOut(Relaxation r, long budget) {
        int n = r.free.size();
        long left = 0;
        Integer[] order = new Integer[n];
        for (int a = 0; a < n; a++) {
            order[a] = a;
        }
        // Best revenue per unit of penalty first; a penalty of 0 leaves the account out for nothing.
        Arrays.sort(order, Comparator.comparing((Integer a) -> r.unassignedCost[a] == 0 ? Double.MAX_VALUE
                : (double) r.free.get(a).getRevenueK() / r.unassignedCost[a]).reversed());
        long rest = budget;
        for (int a : order) {
            long revenue = r.free.get(a).getRevenueK();
            long cost = r.unassignedCost[a];
            if (revenue <= 0) {
                continue;
            }
            if (cost <= rest) {
                left += revenue;
                rest -= cost;
            } else {
                // Part of the account, as the fraction of its penalty the budget still pays for.
                left += BigInteger.valueOf(revenue).multiply(BigInteger.valueOf(rest))
                        .divide(BigInteger.valueOf(cost)).longValue();
                break;
            }
        }
        return left;
    }
}
