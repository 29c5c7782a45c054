package org.kamplanner.bound;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;

/**
 * The medium level exactly, as CP-SAT sees it (the model of benchmarks' CpSatReference, medium only):
 * whatever CP-SAT proves under a time cap, its best objective bound, is a lower bound on the medium
 * penalty of every plan with hard score 0. Integer arithmetic throughout, so no tolerance margin is needed.
 * Worth it where the LP is weak: over-full plans, where the LP fills capacity with fractions of accounts.
 */
final class CpSatMediumBound {

    /** What CP-SAT proved: a lower bound (including the relaxation's constant medium) and whether it is the optimum. */
    record Outcome(long bound, boolean optimal, double seconds) {
    }

    private CpSatMediumBound() {
    }

    /** Null when CP-SAT proved nothing within the time (or found the model infeasible, which LP ruled out). */
    static Outcome solve(Relaxation r, double seconds, int workers) {
        long begin = System.nanoTime();
        CpModel model = new CpModel();
        int n = r.free.size();
        BoolVar[] x = new BoolVar[r.pairCount()];
        LinearExprBuilder medium = LinearExpr.newBuilder();
        LinearExprBuilder[] load = new LinearExprBuilder[r.kamCount];
        LinearExprBuilder[] count = new LinearExprBuilder[r.kamCount];
        LinearExprBuilder[][] inSector = new LinearExprBuilder[r.kamCount][r.sectorCount];
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
                count[k].add(x[p]);
                inSector[k][r.sectorOf[a]].add(x[p]);
                if (p == r.planPair[a]) {
                    model.addHint(x[p], 1);
                }
            }
            BoolVar out = model.newBoolVar("");
            assigned.add(out);
            model.addEquality(assigned, 1);
            medium.addTerm(out, r.unassignedCost[a]);
        }
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
        }
        model.minimize(medium);
        CpSolver solver = new CpSolver();
        solver.getParameters().setNumWorkers(workers).setMaxTimeInSeconds(seconds);
        CpSolverStatus status = solver.solve(model);
        double spent = (System.nanoTime() - begin) / 1e9;
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            return null;
        }
        // The objective has integer coefficients: its bound is an integer held in a double.
        long bound = (long) Math.ceil(solver.bestObjectiveBound() - 1e-6);
        return new Outcome(r.constantMedium + bound, status == CpSolverStatus.OPTIMAL, spent);
    }
}
