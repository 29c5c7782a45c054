package org.kamplanner.rebalance;

import java.util.List;

import org.kamplanner.document.PlanDocument;

/** Body of POST /plans/{id}/rebalance: who leaves, who joins, and settings that override the source's. */
public record RebalanceRequest(List<String> leavingKamIds, List<PlanDocument.Kam> newKams, PlanDocument.Settings settings) {
}
