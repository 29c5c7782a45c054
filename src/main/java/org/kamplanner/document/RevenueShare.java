package org.kamplanner.document;

/**
 * A KAM's share of all accounts' revenue beside its share of the active capacity (Balanced revenue,
 * docs/model.md): one row of the summary's {@code revenueShares}.
 */
public record RevenueShare(String kamId, double revenueShare, double capacityShare) {
}
