package org.kamplanner.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.kamplanner.bound.PlanBound;
import org.kamplanner.rebalance.MoveReview;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * Where a plan stands, as every reader sees it in one read: its state machine (status, a stop asked for, the
 * error), its solve's clock, score, certificate and move review, warnings, the solve epoch and when the copy
 * was read, its lineage and approval. Immutable: {@link StoredPlan} holds one and replaces it as a whole on
 * each transition, so that a status poll never pairs one moment's status with another's score or clock. The
 * transitions here are pure; the rule each one checks is its caller's ({@link StoredPlan}). The heavy part
 * (document, best plan) is not here: StoredPlan reads it lazily.
 *
 * @param stopRequested a stop was asked for since the solve was scheduled (and not answered by a restart)
 * @param error why solving failed, for the reader; null unless FAILED
 * @param bound the quality certificate of the best plan: null until a solve ends, then COMPUTING, then its result
 * @param review the final check of a rebalance's chosen moves; null until then and for annual plans
 * @param epoch the solve epoch this JVM writes under (PlanStore#claim): above 0 while this JVM solves the plan,
 *        and then its copy is the live one; 0 otherwise, and then the database has the plan as it stands
 * @param readAt the row's updated_at this copy was read or last written at: a newer one makes it stale
 * @param lineage who made the plan, how and from which plan; set before the plan is stored, never changed after
 * @param approval its sign-off; changed in the database (ApprovalStore), and this copy then read again (readAt)
 * @param version counts changes; the contents may be dropped only when the database has the latest
 */
record PlanSnapshot(PlanStatus status, boolean stopRequested, String error, SolveClock clock,
        HardMediumSoftLongScore score, PlanBound bound, MoveReview.Result review, List<String> warnings, long epoch,
        Instant readAt, Lineage lineage, Approval approval, long version) {

    PlanSnapshot {
        warnings = List.copyOf(warnings);
    }

    /** A new plan, waiting for its first solve. */
    static PlanSnapshot scheduled(HardMediumSoftLongScore score, List<String> warnings) {
        return new PlanSnapshot(PlanStatus.SCHEDULED, false, null, SolveClock.NONE, score, null, null, warnings, 0,
                null, Lineage.UNKNOWN, Approval.DRAFT, 1);
    }

    /** A plan as its row in the database has it, its solve having used {@code spent} so far. */
    static PlanSnapshot stored(PlanStatus status, String error, HardMediumSoftLongScore score, PlanBound bound,
            List<String> warnings, Duration spent, Instant readAt, Lineage lineage, Approval approval) {
        return new PlanSnapshot(status, false, error, SolveClock.NONE.continuesAfter(spent), score, bound, null,
                warnings, 0, readAt, lineage, approval, 1);
    }

    /** Solved on this JVM right now: its copy is ahead of the database by at most the save interval. */
    boolean solvedHere() {
        return epoch > 0 && !status.isFinal();
    }

    /** Its contents may leave the heap: finished, or waiting for a solver thread no JVM has given it yet. */
    boolean mayUnload() {
        return status.isFinal() || (status == PlanStatus.SCHEDULED && epoch == 0);
    }

    SolveClock.SolveTime solveTime(Instant now) {
        return clock.solveTime(now, status);
    }

    /** Scheduled becomes solving (a final state stays); the clock starts now with these limits. */
    PlanSnapshot started(Instant now, Duration spentLimit, Duration unimprovedLimit) {
        PlanStatus next = status == PlanStatus.SCHEDULED ? PlanStatus.SOLVING : status;
        return new PlanSnapshot(next, stopRequested, error, clock.startedAt(now, spentLimit, unimprovedLimit), score,
                bound, review, warnings, epoch, readAt, lineage, approval, version);
    }

    /** A new best plan with this score came {@code now}. */
    PlanSnapshot improved(HardMediumSoftLongScore newScore, Instant now) {
        return new PlanSnapshot(status, stopRequested, error, clock.improvedAt(now), newScore, bound, review, warnings,
                epoch, readAt, lineage, approval, version + 1);
    }

    /** Only for a plan that is not final (StoredPlan#requestStop checks it). */
    PlanSnapshot stopAsked() {
        return new PlanSnapshot(status, true, error, clock, score, bound, review, warnings, epoch, readAt, lineage,
                approval, version);
    }

    /** The solve ended {@code now}: TERMINATED when a stop was asked for, else COMPLETED; a final state stays. */
    PlanSnapshot finished(Instant now) {
        PlanStatus next = status.isFinal() ? status : stopRequested ? PlanStatus.TERMINATED : PlanStatus.COMPLETED;
        return new PlanSnapshot(next, stopRequested, error, clock.endedAt(now), score, bound, review, warnings, epoch,
                readAt, lineage, approval, version + 1);
    }

    PlanSnapshot failed(Instant when, String why) {
        return new PlanSnapshot(PlanStatus.FAILED, stopRequested, why, clock.endedAt(when), score, bound, review,
                warnings, epoch, readAt, lineage, approval, version + 1);
    }

    /**
     * Scheduled again, for a new solve with its full time limit, without the last one's stop, error and bound
     * (the next solve's end computes the bound of its plan), and without the warnings {@code answered} names:
     * those that said solving was interrupted and how to resume it. Only from a final state (StoredPlan#restart).
     */
    PlanSnapshot restarted(String answered) {
        List<String> kept = warnings.stream().filter(w -> !w.contains(answered)).toList();
        return new PlanSnapshot(PlanStatus.SCHEDULED, false, null, clock.restarted(), score, null, review, kept, epoch,
                readAt, lineage, approval, version + 1);
    }

    /** The document changed (KAMs left): the database has to see it before the contents may be dropped. */
    PlanSnapshot changed() {
        return new PlanSnapshot(status, stopRequested, error, clock, score, bound, review, warnings, epoch, readAt,
                lineage, approval, version + 1);
    }

    PlanSnapshot withClock(SolveClock newClock) {
        return new PlanSnapshot(status, stopRequested, error, newClock, score, bound, review, warnings, epoch, readAt,
                lineage, approval, version);
    }

    PlanSnapshot withBound(PlanBound newBound) {
        return new PlanSnapshot(status, stopRequested, error, clock, score, newBound, review, warnings, epoch, readAt,
                lineage, approval, version);
    }

    PlanSnapshot withReview(MoveReview.Result newReview) {
        return new PlanSnapshot(status, stopRequested, error, clock, score, bound, newReview, warnings, epoch, readAt,
                lineage, approval, version);
    }

    PlanSnapshot withEpoch(long newEpoch) {
        return new PlanSnapshot(status, stopRequested, error, clock, score, bound, review, warnings, newEpoch, readAt,
                lineage, approval, version);
    }

    PlanSnapshot withReadAt(Instant newReadAt) {
        return new PlanSnapshot(status, stopRequested, error, clock, score, bound, review, warnings, epoch, newReadAt,
                lineage, approval, version);
    }

    PlanSnapshot withLineage(Lineage newLineage) {
        return new PlanSnapshot(status, stopRequested, error, clock, score, bound, review, warnings, epoch, readAt,
                newLineage, approval, version);
    }

    PlanSnapshot withApproval(Approval newApproval) {
        return new PlanSnapshot(status, stopRequested, error, clock, score, bound, review, warnings, epoch, readAt,
                lineage, newApproval, version);
    }
}
