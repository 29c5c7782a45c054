package org.kamplanner.bound;

import static org.kamplanner.solver.KamConstraint.BALANCED_WORKLOAD;

import org.kamplanner.solver.CpSatBalance;

import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;

/**
 * The relaxation's plans exactly, as CP-SAT sees them (the model of the benchmarks' CpSatReference):
 * whatever CP-SAT proves under a time cap, its best objective bound, is a lower bound on the level it
 * minimizes over every plan with hard score 0. Integer arithmetic throughout, so no tolerance margin is
 * needed. Worth it where the LP is weak: over-full plans, where the LP fills capacity with fractions of
 * accounts, and small plans where the LP's integrality gap is all that is left.
 */
final class CpSatBound {

    /**
     * What CP-SAT proved: a lower bound (including the relaxation's constant part) and whether it is the
     * optimum; best is its best solution's value, an upper bound of the relaxation's optimum (for the
     * benchmarks: how far the bound is from what is reached).
     */
    record Outcome(long bound, boolean optimal, double seconds, long best) {
    }

    private CpSatBound() {
    }

    /** The least medium penalty; null when CP-SAT proved nothing within the time. */
    static Outcome medium(Relaxation r, double seconds, int workers) {
        long begin = System.nanoTime();
        Plans plans = new Plans(r);
        plans.model.minimize(plans.medium);
        return solve(plans.model, seconds, workers, begin, r.constantMedium);
    }

    /**
     * The least soft penalty of plans with medium &lt;= {@code mediumBudget} (beyond the constant part):
     * load² by a multiplication, floor(load² / capacity) by an integer division, everything else linear.
     */
    static Outcome soft(Relaxation r, long mediumBudget, double seconds, int workers) {
        long begin = System.nanoTime();
        Plans plans = new Plans(r);
        CpModel model = plans.model;
        model.addLessOrEqual(plans.medium, mediumBudget);
        long balanceWeight = r.weights.of(BALANCED_WORKLOAD);
        for (int k = 0; k < r.kamCount; k++) {
            if (!r.balanced[k]) {
                continue;
            }
            long capacity = r.capacity[k];
            long top = r.hasCapacityRow(k) ? Math.min(plans.maxLoad[k], capacity) : plans.maxLoad[k];
            IntVar total = model.newIntVar(0, top, "");
            model.addEquality(total, plans.load[k].add(r.pinnedLoad[k]));
            plans.soft.addTerm(CpSatBalance.of(model, total, top, capacity, 24), balanceWeight);
        }
        model.minimize(plans.soft);
        return solve(model, seconds, workers, begin, r.constantSoft);
    }

    private static Outcome solve(CpModel model, double seconds, int workers, long begin, long constant) {
        CpSolver solver = new CpSolver();
        solver.getParameters().setNumWorkers(workers).setMaxTimeInSeconds(seconds);
        CpSolverStatus status = solver.solve(model);
        double spent = (System.nanoTime() - begin) / 1e9;
        if (status != CpSolverStatus.OPTIMAL && status != CpSolverStatus.FEASIBLE) {
            return null;
        }
        // The objective has integer coefficients: its bound is an integer held in a double.
        long bound = (long) Math.ceil(solver.bestObjectiveBound() - 1e-6);
        return new Outcome(constant + bound, status == CpSolverStatus.OPTIMAL, spent,
                constant + Math.round(solver.objectiveValue()));
    }

    /**
     * The plans of the relaxation as a CP-SAT model: one Boolean per allowed pair, each account on one KAM
     * or out, and the hard limits (capacity, account maximum, sector caps) as rows; the medium penalty, the
     * linear soft terms and each KAM's load as expressions for the caller to use.
     */
    private static final class Plans {

        final CpModel model = new CpModel();
        final LinearExprBuilder medium = LinearExpr.newBuilder();
        final LinearExprBuilder soft = LinearExpr.newBuilder();
        final LinearExprBuilder[] load;
        /** The largest load each KAM could carry: its pinned load and every pair it may take. */
        final long[] maxLoad;

        Plans(Relaxation r) {
            load = new LinearExprBuilder[r.kamCount];
            maxLoad = r.pinnedLoad.clone();
            LinearExprBuilder[] count = new LinearExprBuilder[r.kamCount];
            LinearExprBuilder[][] inSector = new LinearExprBuilder[r.kamCount][r.sectorCount];
            for (int k = 0; k < r.kamCount; k++) {
                load[k] = LinearExpr.newBuilder();
                count[k] = LinearExpr.newBuilder();
                for (int s = 0; s < r.sectorCount; s++) {
                    inSector[k][s] = LinearExpr.newBuilder();
                }
            }
            for (int a = 0; a < r.free.size(); a++) {
                LinearExprBuilder assigned = LinearExpr.newBuilder();
                for (int p = r.start[a]; p < r.start[a + 1]; p++) {
                    int k = r.pairKam[p];
                    BoolVar x = model.newBoolVar("");
                    assigned.add(x);
                    load[k].addTerm(x, r.pairLoad[p]);
                    maxLoad[k] += r.pairLoad[p];
                    count[k].add(x);
                    inSector[k][r.sectorOf[a]].add(x);
                    soft.addTerm(x, r.pairCost[p]);
                    if (p == r.planPair[a]) {
                        model.addHint(x, 1);
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
        }
    }
}
