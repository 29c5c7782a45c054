package org.kamplanner.frontier;

import java.util.List;

/**
 * GET /frontiers/{id}: the points by cap (no cap last) and what each step between neighbours buys.
 * {@code status}: SOLVING while a point waits or solves, else COMPLETED (each point says how its plan ended).
 */
public record Frontier(String id, String sourcePlanId, String status, List<FrontierPoint> points,
        List<FrontierStep> steps) {
}
