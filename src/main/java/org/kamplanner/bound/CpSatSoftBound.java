package org.kamplanner.bound;

import static org.kamplanner.solver.KamConstraint.BALANCED_WORKLOAD;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;

/**
 * The soft level for plans with medium &lt;= M exactly, as CP-SAT sees it: load² by a multiplication,
 * floor(load² / capacity) by an integer division, everything else linear. CP-SAT's best objective bound
 * under a time cap is a lower bound on the soft penalty of every plan with hard 0 and medium &lt;= M.
 * Integer arithmetic throughout.
 */
final class CpSatSoftBound {

    record Outcome(long bound, boolean optimal, double seconds) {
    }

    private CpSatSoftBound() {
    }

    /** Null when CP-SAT proved nothing within the time. */
    static Outcome solve(Relaxation r, long mediumBudget, double seconds, int workers) {
        long begin = System.nanoTime();
        CpModel model = new CpModel();
        int n = r.free.size();
        BoolVar[] x = new BoolVar[r.pairCount()];
        LinearExprBuilder medium = LinearExpr.newBuilder();
        LinearExprBuilder soft = LinearExpr.newBuilder();
        LinearExprBuilder[] load = new LinearExprBuilder[r.kamCount];
        LinearExprBuilder[] count = new LinearExprBuilder[r.kamCount];
        LinearExprBuilder[][] inSector = new LinearExprBuilder[r.kamCount][r.sectorCount];
        long[] maxLoad = r.pinnedLoad.clone();
        for (int k = 0; k < r.kamCount; k++) {
            load[k] = LinearExpr.newBuilder();
            count[k] = LinearExpr.newBuilder();
            for (int s = 0; s < r.sectorCount; s++) {
                inSector[k][s] = LinearExpr.newBuilder();
            }
        }
        for (int a = 0; a < n; a++) {
            LinearExprBuilder assigned = LinearExpr.newBuilder();
            for (int p = r.start[a]; p < r.start[a + 1]; p++) {
                int k = r.pairKam[p];
                x[p] = model.newBoolVar("");
                assigned.add(x[p]);
                load[k].addTerm(x[p], r.pairLoad[p]);
                maxLoad[k] += r.pairLoad[p];
                count[k].add(x[p]);
                inSector[k][r.sectorOf[a]].add(x[p]);
                soft.addTerm(x[p], r.pairCost[p]);
                if (p == r.planPair[a]) {
                    model.addHint(x[p], 1);
                }
            }
            BoolVar out = model.newBoolVar("");
            assigned.add(out);
            model.addEquality(assigned, 1);
            medium.addTerm(out, r.unassignedCost[a]);
        }
        model.addLessOrEqual(medium, mediumBudget);
        long balanceWeight = r.weights.of(BALANCED_WORKLOAD);
        for (int k = 0; k < r.kamCount; k++) {
            if (r.hasCapacityRow(k)) {
                model.addLessOrEqual(load[k], r.capacityLeft[k]);
            }
            if (r.accountsLeft[k] >= 0) {
                model.addLessOrEqual(count[k], r.accountsLeft[k]);
            }
            for (int s = 0; s < r.sectorCount; s++) {
                if (r.sectorLeft[k][s] >= 0) {
                    model.addLessOrEqual(inSector[k][s], r.sectorLeft[k][s]);
                }
            }
            if (!r.balanced[k]) {
                continue;
            }
            long capacity = r.capacity[k];
            long top = r.hasCapacityRow(k) ? Math.min(maxLoad[k], capacity) : maxLoad[k];
            IntVar total = model.newIntVar(0, top, "");
            model.addEquality(total, load[k].add(r.pinnedLoad[k]));
            IntVar square = model.newIntVar(0, top * top, "");
            model.addMultiplicationEquality(square, total, total);
            IntVar balance = model.newIntVar(0, top * top / capacity, "");
            model.addDivisionEquality(balance, square, LinearExpr.constant(capacity));
            // Redundant tangents: they only give CP-SAT's own LP the convexity the product hides.
            for (int i = 1; i <= 24; i++) {
                long t = top * i / 24;
                model.addGreaterOrEqual(LinearExpr.newBuilder().addTerm(balance, capacity).addTerm(total, -2 * t),
                        -t * t - capacity + 1);
            }
            soft.addTerm(balance, balanceWeight);
        }
        model.minimize(soft);
        CpSolver solver = new CpSolver();
        solver.getParameters().setNumWorkers(workers).setMaxTimeInSeconds(seconds);
        CpSolverStatus status = solver.solve(model);
        double spent = (System.nanoTime() - begin) / 1e9;
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            return null;
        }
        long bound = (long) Math.ceil(solver.bestObjectiveBound() - 1e-6);
        return new Outcome(r.constantSoft + bound, status == CpSolverStatus.OPTIMAL, spent);
    }
}
