package org.kamplanner.bound;

/**
 * How {@link LpRelaxation} runs; the defaults are what benchmarks/RESULTS.md measured. Plans with at most
 * {@code fullModelPairs} pairs get all of them at once; larger ones start with {@code initialColumns}
 * per account and add up to {@code columnsPerRound} per account and round.
 */
record LpTuning(String solverId, int fullModelPairs, int initialColumns, int columnsPerRound, int maxRounds) {

    static final LpTuning DEFAULT = new LpTuning("GLOP", 60_000, 12, 6, 200);
}
