package org.kamplanner.bound;

import java.util.Arrays;

/**
 * Where the LP of a {@link Relaxation} starts: which pairs it holds before any pricing and where the
 * first tangents of the balance term touch (which affects only how many rounds it takes), and the bounds
 * of u that the medium budget implies (valid for every plan with hard 0 and medium &lt;= M).
 */
final class LpStart {

    private final Relaxation r;
    private final boolean soft;
    private final double balanceWeight;
    private final double utilization;

    LpStart(Relaxation relaxation, boolean soft, double balanceWeight) {
        this.r = relaxation;
        this.soft = soft;
        this.balanceWeight = balanceWeight;
        this.utilization = estimatedUtilization();
    }

    /**
     * Upper bounds of u[a] on the soft level: with every unassigned cost &gt;= 0, an account whose cost alone
     * exceeds the medium budget is assigned in every plan the level covers, u[a] = 0; else 1.
     */
    static double[] unassignedUpper(Relaxation r, boolean soft, double mediumBudget) {
        double[] upper = new double[r.free.size()];
        boolean nonNegative = Arrays.stream(r.unassignedCost).allMatch(c -> c >= 0);
        for (int a = 0; a < upper.length; a++) {
            upper[a] = soft && nonNegative && r.unassignedCost[a] > mediumBudget ? 0 : 1;
        }
        return upper;
    }

    /** False when the u that may be positive cannot exceed the budget together (for M = 0: none may). */
    static boolean mediumRowCanBind(Relaxation r, double[] uUpper, double mediumBudget) {
        double reachable = 0;
        for (int a = 0; a < uUpper.length; a++) {
            reachable += uUpper[a] * Math.abs(r.unassignedCost[a]);
        }
        return reachable > mediumBudget;
    }

    int[] allPairs() {
        int[] all = new int[r.pairCount()];
        Arrays.setAll(all, p -> p);
        return all;
    }

    /**
     * Per account the {@code perAccount} pairs that look cheapest before any LP (for the soft level: the
     * pair's cost plus the balance's slope at the expected load times its workload; for the medium level:
     * the least workload), and the pair the plan uses.
     */
    int[] pairs(int perAccount) {
        Relaxation.IntList chosen = new Relaxation.IntList();
        Integer[] order = new Integer[0];
        for (int a = 0; a < r.free.size(); a++) {
            int from = r.start[a];
            int count = r.start[a + 1] - from;
            if (order.length < count) {
                order = new Integer[count];
            }
            for (int i = 0; i < count; i++) {
                order[i] = from + i;
            }
            Arrays.sort(order, 0, count, (p, q) -> Double.compare(estimate(p), estimate(q)));
            boolean planned = false;
            for (int i = 0; i < Math.min(count, perAccount); i++) {
                chosen.add(order[i]);
                planned |= order[i] == r.planPair[a];
            }
            if (r.planPair[a] >= 0 && !planned) {
                chosen.add(r.planPair[a]);
            }
        }
        return chosen.toArray();
    }

    /** The first tangents of KAM k's balance: at 0.8, 1.0 and 1.2 times its expected load. */
    double[] firstTangents(int k) {
        double target = Math.max(r.pinnedLoad[k], utilization * r.capacity[k]);
        return new double[] {Math.round(target * 0.8), Math.round(target), Math.round(target * 1.2)};
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

    /** How attractive a pair looks before any LP. */
    private double estimate(int p) {
        return soft ? r.pairCost[p] + balanceWeight * 2 * utilization * r.pairLoad[p] : r.pairLoad[p];
    }
}
