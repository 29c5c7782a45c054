package org.kamplanner.frontier;

/**
 * What one step along the frontier buys, from the point with cap {@code from} to its neighbour with cap
 * {@code to} (null: no cap), in a sentence: "10 more hand-overs: spread 38 → 24 points, workload penalty …".
 */
public record FrontierStep(Integer from, Integer to, String sentence) {
}
