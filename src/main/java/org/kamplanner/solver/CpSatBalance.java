package org.kamplanner.solver;

import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;

/**
 * docs/model.md's balance term of one KAM, floor(load² / capacity) minutes, as a CP-SAT variable: the
 * same integer the constraint stream computes, for the models that re-solve part of a plan exactly
 * (the search's neighbourhoods, the bound's CP-SAT level).
 */
public final class CpSatBalance {

    private CpSatBalance() {
    }

    /**
     * @param load the KAM's load in minutes, at most {@code top}
     * @param tangents how many tangents of load² to add: redundant for the integer model, they give
     *        CP-SAT's own LP relaxation the convexity that the product and the division hide from it
     */
    public static IntVar of(CpModel model, IntVar load, long top, long capacity, int tangents) {
        IntVar square = model.newIntVar(0, top * top, "square");
        model.addMultiplicationEquality(square, load, load);
        IntVar balance = model.newIntVar(0, top * top / capacity, "balance");
        model.addDivisionEquality(balance, square, LinearExpr.constant(capacity));
        for (int i = 1; i <= tangents; i++) {
            long t = top * i / tangents;
            // capacity · balance ≥ 2t · load − t² − capacity + 1, true for every integer load
            model.addGreaterOrEqual(LinearExpr.newBuilder().addTerm(balance, capacity).addTerm(load, -2 * t).build(),
                    -t * t - capacity + 1);
        }
        return balance;
    }
}
