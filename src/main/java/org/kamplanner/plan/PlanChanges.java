package org.kamplanner.plan;

import java.util.List;

import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.errors.NotFoundException;
import org.kamplanner.rebalance.KamsLeave;
import org.kamplanner.rebalance.Leavers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import ai.timefold.solver.core.api.solver.SolverManager;
import ai.timefold.solver.core.api.solver.SolverStatus;

/**
 * KAMs leaving a running solve (POST /plans/{id}/problem-changes), whichever replica is asked: the replica
 * that runs the solve applies them as a Timefold problem change; any other queues them in the database,
 * and the solving replica's saver round (PlanSolving) takes them from there.
 */
@Component
class PlanChanges {

    private static final Logger LOG = LoggerFactory.getLogger(PlanChanges.class);

    private final PlanStore store;

    PlanChanges(PlanStore store) {
        this.store = store;
    }

    /**
     * Applies KAMs leaving to a running solve as a Timefold ProblemChange, without restarting it. The
     * stored document records the leavers once the solver has handed over a best solution with the
     * change applied, so that the document and its assignments agree.
     *
     * A plan solved by another replica takes the change through the database (PlanStore#queueChange), as
     * does one whose solve here has not started its search yet: SOLVING means a change is accepted.
     *
     * @throws PlanConflictException when the plan is not solving (409)
     */
    void leave(StoredPlan plan, SolverManager<AssignmentPlan, String> manager, List<String> leavingKamIds) {
        String id = plan.id;
        if (plan.status() != PlanStatus.SOLVING) {
            throw new PlanConflictException(id, plan.status(), "leaveNotSolving");
        }
        // The input names every KAM and whether it is active: all the check needs, no report to build.
        Leavers.check(plan.input(), leavingKamIds, "leavingKamIds");
        if (plan.solvedHere() && manager.getSolverStatus(id) == SolverStatus.SOLVING_ACTIVE) {
            applyLeave(plan, manager, leavingKamIds);
        } else if (!store.queueChange(id, leavingKamIds)) {
            throw new NotFoundException("Plan", id);
        }
        // Else the solve's Timefold session is in another replica's memory (or not active yet): the
        // replica that solves the plan takes the change from the database in its saver round.
    }

    /** The replica's saver round: the changes other replicas (or this one, early) queued for its solves. */
    void applyQueued(StoredPlan plan, SolverManager<AssignmentPlan, String> manager) {
        if (plan.status() != PlanStatus.SOLVING || manager.getSolverStatus(plan.id) != SolverStatus.SOLVING_ACTIVE) {
            return; // not yet: the next round takes them
        }
        for (PlanStore.Change change : store.pendingChanges(plan.id)) {
            try {
                Leavers.check(plan.input(), change.leavingKamIds(), "leavingKamIds");
                applyLeave(plan, manager, change.leavingKamIds());
            } catch (InvalidPlanException e) {
                // Checked when it was sent; an earlier change (a leave sent twice) has made it moot since.
                LOG.warn("Plan {}: queued leave of {} dropped: {}", plan.id, change.leavingKamIds(), e.getMessage());
            }
            store.changeTaken(change.id());
        }
    }

    /** KAMs leave the solve running here, as a Timefold problem change. */
    private void applyLeave(StoredPlan plan, SolverManager<AssignmentPlan, String> manager, List<String> leavingKamIds) {
        String id = plan.id;
        manager.addProblemChange(id, new KamsLeave(leavingKamIds))
                .whenComplete((done, cause) -> {
                    if (cause == null) {
                        plan.updateInput(input -> Leavers.markInactive(input, leavingKamIds));
                        store.documentChanged(plan);
                        PlanSolving.lifecycle(id, "kams-left", plan).addKeyValue("kamIds", leavingKamIds)
                                .log("Plan {}: {} left while solving", id, leavingKamIds);
                    } else {
                        LOG.warn("Plan {}: leave of {} not applied", id, leavingKamIds, cause);
                    }
                });
    }

}
