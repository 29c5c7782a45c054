package org.kamplanner.api;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.solver.MoveReview;

/**
 * A submitted plan and where its solve stands. The solver thread replaces {@code best} with each new
 * best solution (a clone Timefold hands over, never the working solution), so readers always see a
 * consistent plan. Status changes are synchronized: a stop request and the solver's end can race.
 */
final class StoredPlan {

    final String id;
    final List<String> warnings;
    final Instant createdAt;
    /** The document as given; a leave applied while solving marks KAMs inactive in it. */
    private volatile PlanDocument input;
    private volatile AssignmentPlan best;
    /** The final check of a rebalance's chosen moves; null until then and for annual plans. */
    private volatile MoveReview.Result review;
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

    PlanDocument input() {
        return input;
    }

    synchronized void updateInput(UnaryOperator<PlanDocument> change) {
        input = change.apply(input);
    }

    MoveReview.Result review() {
        return review;
    }

    void reviewed(MoveReview.Result result) {
        review = result;
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

    synchronized void failed(Throwable cause) {
        status = PlanStatus.FAILED;
        error = "Solving failed: " + cause.getMessage();
    }
}
