package org.kamplanner.bound;

/**
 * What one level's {@link LpRelaxation} reached: the best valid bound (NaN when no LP was solved), the last
 * LP value, the rounds, the pairs and cuts the LP held, where the time went, the balance's remaining
 * under-estimate, whether it converged, why it stopped otherwise, the bound after each round, and the
 * multipliers that gave the best bound (null when no LP was solved).
 */
record LpOutcome(double bound, double lpValue, int rounds, int columns, int cuts, double buildSeconds,
        double solveSeconds, double otherSeconds, double underEstimate, boolean converged, String failure,
        String trace, Lagrangian.Duals duals) {

    boolean solved() {
        return !Double.isNaN(bound);
    }
}
