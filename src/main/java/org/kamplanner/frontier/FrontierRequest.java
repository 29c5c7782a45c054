package org.kamplanner.frontier;

import java.util.List;

import org.kamplanner.document.PlanDocument;

/**
 * Body of POST /plans/{id}/frontier: the caps on the hand-overs, one plan each ({@code null} in the list: no
 * cap; the list left out: spread from the uncapped plan, see {@link FrontierPlans#spread}), and settings laid
 * over the source plan's for every point.
 */
public record FrontierRequest(List<Integer> maxMovedAccounts, PlanDocument.Settings settings) {
}
