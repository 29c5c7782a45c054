package org.kamplanner.plan;

/** A plan's life cycle, as the API (README) names it. */
public enum PlanStatus {
    SCHEDULED, SOLVING, COMPLETED, TERMINATED, FAILED;

    public boolean isFinal() {
        return this == COMPLETED || this == TERMINATED || this == FAILED;
    }
}
