package org.kamplanner.bound;

import java.util.Arrays;

/**
 * The relaxation's Lagrangian for given multipliers (the LP's duals): reduced costs, the bound, and the
 * pairs that price out. The bound is computed here, in Java, over every pair of the {@link Relaxation},
 * also those the LP does not hold yet, so it is valid whatever the LP solver's tolerances were and
 * whichever pairs it saw (docs/bound.md).
 *
 * <p>The rows and their multipliers (signs for a minimisation): assign[a] = 1 (free), cap[k] &lt;= ... (&lt;= 0),
 * max[k] and sector[k, s] &lt;= ... (&lt;= 0), the medium row &lt;= budget (&lt;= 0), each tangent cut
 * t[k] - slope * load part &gt;= rhs (&gt;= 0). Variables: x[p] in [0, 1], u[a] in [0, uUpper[a]], t[k] in [0, balanceCap[k]].
 */
final class Lagrangian {

    /**
     * Multipliers with the right signs, per row as {@link LpRelaxation} builds them; 0 for a row it did not
     * build. {@code cut[k][j]}, {@code cutSlope[k][j]} and {@code cutRhs[k][j]}: the KAM's j-th tangent row.
     */
    record Duals(double[] assign, double[] cap, double[] max, double[][] sector, double medium, double[][] cut,
            double[][] cutSlope, double[][] cutRhs) {
    }

    private final Relaxation r;
    private final boolean soft;
    private final double balanceWeight;
    private final boolean mediumRow;
    private final double mediumBudget;
    private final double[] uUpper;

    Lagrangian(Relaxation relaxation, boolean soft, double balanceWeight, boolean mediumRow, double mediumBudget,
            double[] uUpper) {
        this.uUpper = uUpper;
        this.r = relaxation;
        this.soft = soft;
        this.balanceWeight = balanceWeight;
        this.mediumRow = mediumRow;
        this.mediumBudget = mediumBudget;
    }

    /** True when the soft level has a t[k] for this KAM. */
    private boolean hasT(int k) {
        return soft && balanceWeight > 0 && r.balanced[k];
    }

    /** Per KAM: how much one minute of load costs through the cut rows, sum_j lambda_j slope_j. */
    private double[] cutSlopes(Duals duals) {
        double[] g = new double[r.kamCount];
        for (int k = 0; k < r.kamCount; k++) {
            for (int j = 0; j < duals.cut()[k].length; j++) {
                g[k] += duals.cut()[k][j] * duals.cutSlope()[k][j];
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
     * reduced cost times the variable. Valid for any multipliers with the right signs. The margin, 1e-9 of
     * the sum of the magnitudes of everything added, is far above double rounding (about 1e-16 per
     * operation, so under 1e-10 for a million terms).
     */
    double bound(Duals duals) {
        double[] g = cutSlopes(duals);
        double sum = soft ? r.constantSoft : r.constantMedium;
        double magnitude = Math.abs(sum);
        int n = r.free.size();
        for (int a = 0; a < n; a++) {
            double pi = duals.assign()[a];
            sum += pi;
            double uCost = soft ? -r.unassignedCost[a] * duals.medium() : r.unassignedCost[a];
            sum += Math.min(0, uCost - pi) * uUpper[a];
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
            if (r.hasCapacityRow(k)) {
                sum += duals.cap()[k] * r.capacityLeft[k];
                magnitude += Math.abs(duals.cap()[k] * r.capacityLeft[k]);
            }
            if (r.accountsLeft[k] >= 0) {
                sum += duals.max()[k] * r.accountsLeft[k];
                magnitude += Math.abs(duals.max()[k] * r.accountsLeft[k]);
            }
            for (int s = 0; s < r.sectorCount; s++) {
                if (r.sectorLeft[k][s] >= 0) {
                    sum += duals.sector()[k][s] * r.sectorLeft[k][s];
                    magnitude += Math.abs(duals.sector()[k][s] * r.sectorLeft[k][s]);
                }
            }
            double tCost = hasT(k) ? balanceWeight : 0;
            for (int j = 0; j < duals.cut()[k].length; j++) {
                double lambda = duals.cut()[k][j];
                sum += lambda * duals.cutRhs()[k][j];
                magnitude += Math.abs(lambda * duals.cutRhs()[k][j]) + lambda;
                tCost -= lambda;
            }
            if (hasT(k)) {
                sum += Math.min(0, tCost) * r.balanceCap[k];
                magnitude += Math.abs(Math.min(0, tCost) * r.balanceCap[k]) + balanceWeight;
            }
        }
        if (mediumRow) {
            sum += duals.medium() * mediumBudget;
            magnitude += Math.abs(duals.medium() * mediumBudget);
        }
        return sum - (1e-9 * magnitude + 1e-6);
    }

    /** Per account, up to {@code limit} pairs outside the LP with the most negative reduced costs. */
    int[] mostNegative(Duals duals, boolean[] inLp, int limit) {
        double[] g = cutSlopes(duals);
        double eps = 1e-6 * Math.max(1, soft ? 1 : Arrays.stream(r.unassignedCost).max().orElse(1));
        Relaxation.IntList chosen = new Relaxation.IntList();
        int[] best = new int[limit];
        double[] bestCost = new double[limit];
        for (int a = 0; a < r.free.size(); a++) {
            int found = 0;
            for (int p = r.start[a]; p < r.start[a + 1]; p++) {
                if (inLp[p]) {
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
                chosen.add(best[i]);
            }
        }
        return chosen.toArray();
    }
}
