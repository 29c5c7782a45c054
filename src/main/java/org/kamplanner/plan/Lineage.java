package org.kamplanner.plan;

import org.kamplanner.security.Caller;

/**
 * Where a plan comes from: how it was made ({@code origin}), from which plan ({@code parentPlanId}, null for
 * none) and by whom ({@code createdBy}: the token's name or the JWT's subject, null when unknown, as for the
 * plans stored before lineage was kept). Stored in the plan's row, so every replica reads the same.
 */
public record Lineage(Origin origin, String parentPlanId, String createdBy) {

    /** How a plan was made. */
    public enum Origin {
        /** POST /plans. */
        SUBMITTED,
        /** A CSV, Excel or CRM import (with the CRM's baseline of today's assignment). */
        IMPORTED,
        /** POST /plans/{id}/rebalance: a child of the plan rebalanced. */
        REBALANCED,
        /** POST /plans?from={id}: a stored plan as the planner edited it (the page's solve of a stored plan). */
        EDITED,
        /** A point of a plan's frontier: a child of the plan it was computed for. */
        FRONTIER
    }

    /** What a row written before lineage was kept says (V6): submitted, by nobody known, from no plan. */
    static final Lineage UNKNOWN = new Lineage(Origin.SUBMITTED, null, null);

    /** A plan the caller of the current request makes this way from {@code parentPlanId} (null: from none). */
    public static Lineage of(Origin origin, String parentPlanId) {
        return new Lineage(origin, parentPlanId, Caller.current().name());
    }
}
