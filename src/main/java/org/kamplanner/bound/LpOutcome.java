package org.kamplanner.bound;

/**
 * What one level's {@link LpRelaxation} reached: the best valid bound (NaN when no LP was solved), the last
 * LP value, the rounds, the pairs and cuts the LP held, where the time went, the balance's remaining
 * under-estimate, whether it converged, why it stopped otherwise, and the bound after each round.
 */
record LpOutcome(double bound, double lpValue, int rounds, int columns, int cuts, double buildSeconds,
        double solveSeconds, double otherSeconds, double underEstimate, boolean converged, String failure,
        String trace) {

    boolean solved() {
        return !Double.isNaN(bound);
    }
}
