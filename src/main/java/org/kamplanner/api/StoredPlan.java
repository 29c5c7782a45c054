package org.kamplanner.api;

import java.time.Instant;
import java.util.List;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.domain.AssignmentPlan;

/**
 * A submitted plan and where its solve stands. The solver thread replaces {@code best} with each new
 * best solution (a clone Timefold hands over, never the working solution), so readers always see a
 * consistent plan. Status changes are synchronized: a stop request and the solver's end can race.
 */
final class StoredPlan {

    final String id;
    /** Replaced only by {@link #accountAdded}; volatile so that readers see it with its best plan. */
    volatile PlanDocument input;
    final List<String> warnings;
    final Instant createdAt;
    private volatile AssignmentPlan best;
    private PlanStatus status = PlanStatus.SCHEDULED;
    private boolean stopRequested;
    private String error;

    StoredPlan(String id, PlanDocument input, List<String> warnings, AssignmentPlan initial, Instant createdAt) {
        this.id = id;
        this.input = input;
        this.warnings = warnings;
        this.best = initial;
        this.createdAt = createdAt;
    }

    AssignmentPlan best() {
        return best;
    }

    void improved(AssignmentPlan plan) {
        best = plan;
    }

    synchronized PlanStatus status() {
        return status;
    }

    synchronized String error() {
        return error;
    }

    synchronized void started() {
        if (status == PlanStatus.SCHEDULED) {
            status = PlanStatus.SOLVING;
        }
    }

    /** Returns false when the solve had already ended: then there is nothing to stop. */
    synchronized boolean requestStop() {
        if (status.isFinal()) {
            return false;
        }
        stopRequested = true;
        return true;
    }

    synchronized void finished(AssignmentPlan plan) {
        if (plan != null) {
            best = plan;
        }
        if (!status.isFinal()) {
            status = stopRequested ? PlanStatus.TERMINATED : PlanStatus.COMPLETED;
        }
    }

    /**
     * An account added to a plan that is no longer solving: the best plan first, then the input,
     * both with the account at the end. A reader takes the input before the best plan
     * (PlanReport pairs them by index), so it sees both new, both old, or the old input with the new
     * plan, whose extra last account it does not reach; never an input longer than the plan.
     */
    synchronized void accountAdded(PlanDocument newInput, AssignmentPlan newBest) {
        best = newBest;
        input = newInput;
    }

    synchronized void failed(Throwable cause) {
        status = PlanStatus.FAILED;
        error = "Solving failed: " + cause.getMessage();
    }
}
