package org.kamplanner.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.kamplanner.bound.PlanBound;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.rebalance.MoveReview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * A plan and where its solve stands. The solver thread replaces {@code best} with each new best
 * solution (a clone Timefold hands over, never the working solution), so readers always see a
 * consistent plan. Status changes are synchronized: a stop request and the solver's end can race.
 *
 * <p>The document and the best plan are the heavy part (tens of MB for a large plan). A finished plan
 * whose state is saved may drop them ({@link #unload}) and reads them back from the database on next
 * use; a plan restored at start reads them only when first asked. So the heap holds the plans being
 * solved and a few recently used ones, not every plan ever stored.
 *
 * <p>What only the solving replica needs (when progress is due for a save, whether another replica has
 * taken the solve over, a handoff at shutdown) is in that replica's SolveSession, not here.
 */
final class StoredPlan {

    /** The plan life-cycle lines (submitted, solving, new-best, stopped…) under the logger name they always had. */
    private static final Logger LIFECYCLE = LoggerFactory.getLogger("org.kamplanner.plan.PlanSolving");

    /** The end of every warning that says solving was interrupted; resuming makes such a warning obsolete. */
    static final String RESUME_HINT = "POST /plans/%s/solve resumes";

    /** The heavy part of a plan, as the database has it. */
    record Contents(PlanDocument input, AssignmentPlan best) {
    }

    final String id;
    final String name;
    /** Who submitted the plan (the authenticated name), for the per-client quota; null when unknown. */
    final String client;
    final Instant createdAt;
    final List<String> warnings;
    private PlanDocument input;
    private AssignmentPlan best;
    /** Reads the contents back from the database; null until the plan is stored. */
    private Supplier<Contents> loader;
    /** Counts changes; the contents may be dropped only when the database has the latest ({@link #saved}). */
    private long version = 1;
    private long savedVersion;
    /** The final check of a rebalance's chosen moves; null until then and for annual plans. */
    private volatile MoveReview.Result review;
    private volatile HardMediumSoftLongScore score;
    /** The quality certificate of the best plan: null until a solve ends, then COMPUTING, then its result. */
    private volatile PlanBound bound;
    private PlanStatus status;
    private boolean stopRequested;
    private String error;
    /** The current (or last) solve's clock, for the status's elapsed and remaining seconds; null before one starts. */
    private Instant solveStarted;
    private Instant solveEnded;
    private Instant lastImproved;
    private Duration spentLimit;
    private Duration unimprovedLimit;
    /** Time the current solve used before this replica's part of it: on a replica that crashed or handed it on. */
    private Duration spentBefore = Duration.ZERO;
    /**
     * The solve epoch this JVM writes under (PlanStore#claim): above 0 while this JVM solves the plan, and
     * then its copy is the live one; 0 otherwise, and then the database has the plan as it stands.
     */
    private volatile long epoch;
    /** The row's updated_at this copy was read or last written at: a newer one in the database makes it stale. */
    private volatile Instant readAt;
    /** Who made the plan, how and from which plan; set before the plan is stored, never changed after. */
    private volatile Lineage lineage = Lineage.UNKNOWN;
    /** Its sign-off; changed in the database (ApprovalStore), and this copy then read again (readAt). */
    private volatile Approval approval = Approval.DRAFT;

    StoredPlan(String id, PlanDocument input, List<String> warnings, AssignmentPlan initial, Instant createdAt) {
        this(id, input, warnings, initial, createdAt, null);
    }

    StoredPlan(String id, PlanDocument input, List<String> warnings, AssignmentPlan initial, Instant createdAt,
            String client) {
        this.id = id;
        this.client = client;
        this.name = input.name();
        this.input = input;
        this.warnings = new CopyOnWriteArrayList<>(warnings);
        this.best = initial;
        this.score = initial.getScore();
        this.createdAt = createdAt;
        this.status = PlanStatus.SCHEDULED;
    }

    /** A plan read back from the database: its document and model are read only when someone asks for them. */
    StoredPlan(String id, String name, List<String> warnings, HardMediumSoftLongScore score, PlanStatus status,
            String error, Instant createdAt, Supplier<Contents> loader) {
        this.id = id;
        this.client = null; // a restored plan is finished: it counts against no quota
        this.name = name;
        this.savedVersion = version;
        this.warnings = new CopyOnWriteArrayList<>(warnings);
        this.score = score;
        this.status = status;
        this.error = error;
        this.createdAt = createdAt;
        this.loader = loader;
    }

    long epoch() {
        return epoch;
    }

    /** This JVM solves the plan under this epoch (above 0), or no longer (0). */
    void epoch(long newEpoch) {
        epoch = newEpoch;
    }

    /** Solved on this JVM right now: its copy is ahead of the database by at most the save interval. */
    boolean solvedHere() {
        return epoch > 0 && !status().isFinal();
    }

    Lineage lineage() {
        return lineage;
    }

    void lineage(Lineage newLineage) {
        lineage = newLineage;
    }

    Approval approval() {
        return approval;
    }

    void approval(Approval newApproval) {
        approval = newApproval;
    }

    Instant readAt() {
        return readAt;
    }

    void readAt(Instant updatedAt) {
        readAt = updatedAt;
    }

    /** Where the contents can be read back once the plan is stored. */
    synchronized void storedIn(Supplier<Contents> contents) {
        loader = contents;
    }

    synchronized PlanDocument input() {
        load();
        return input;
    }

    synchronized AssignmentPlan best() {
        load();
        return best;
    }

    private void load() {
        if (input == null) {
            Contents contents = loader.get();
            input = contents.input();
            best = contents.best();
        }
    }

    synchronized boolean isLoaded() {
        return input != null;
    }

    /** Read before the plan's state is written to the database, for {@link #saved}. */
    synchronized long version() {
        return version;
    }

    /** The database has the plan as it was at {@code writtenVersion}: if nothing changed since, it may be dropped. */
    synchronized void saved(long writtenVersion) {
        savedVersion = Math.max(savedVersion, writtenVersion);
    }

    /**
     * Drops the contents of a saved plan that is finished or waits for a solver thread no JVM has given it
     * yet; false (and nothing dropped) otherwise.
     */
    synchronized boolean unload() {
        boolean waiting = status == PlanStatus.SCHEDULED && epoch == 0;
        if (!(status.isFinal() || waiting) || savedVersion != version || loader == null || input == null) {
            return false;
        }
        input = null;
        best = null;
        return true;
    }

    synchronized void updateInput(UnaryOperator<PlanDocument> change) {
        input = change.apply(input());
        version++;
    }

    MoveReview.Result review() {
        return review;
    }

    void reviewed(MoveReview.Result result) {
        review = result;
    }

    HardMediumSoftLongScore score() {
        return score;
    }

    PlanBound bound() {
        return bound;
    }

    void bound(PlanBound newBound) {
        bound = newBound;
    }

    synchronized void improved(AssignmentPlan plan) {
        lastImproved = Instant.now();
        best = plan;
        score = plan.getScore();
        version++;
    }

    synchronized PlanStatus status() {
        return status;
    }

    synchronized String error() {
        return error;
    }

    synchronized void started() {
        started(null, null);
    }

    /** Solving has begun, with these limits (the unimproved one may be null). */
    synchronized void started(Duration spent, Duration unimproved) {
        if (status == PlanStatus.SCHEDULED) {
            status = PlanStatus.SOLVING;
        }
        solveStarted = Instant.now();
        lastImproved = solveStarted;
        solveEnded = null;
        spentLimit = spent;
        unimprovedLimit = unimproved;
    }

    /** This replica continues a solve that used {@code spent} elsewhere (0: a new one); its clock counts on. */
    synchronized void continuesAfter(Duration spent) {
        spentBefore = spent;
        solveStarted = null;
        solveEnded = null;
    }

    synchronized Duration spentBefore() {
        return spentBefore;
    }

    /** The time the current (or last) solve has used, over every replica that ran a part of it. */
    synchronized Duration spent(Instant now) {
        if (solveStarted == null) {
            return spentBefore;
        }
        return spentBefore.plus(Duration.between(solveStarted, solveEnded != null ? solveEnded : now));
    }

    /** Seconds a solve has run and, while it runs, may still run (at most; sooner after unimprovedSeconds). */
    record SolveTime(Double elapsedSeconds, Double remainingSeconds) {
    }

    synchronized SolveTime solveTime(Instant now) {
        if (solveStarted == null) {
            // A solve taken over (a crash, a handoff) whose part here has not started yet: the time it used so
            // far, so that a poll never sees the elapsed time go back to nothing (PlanStorageTest).
            return spentBefore.isZero() ? new SolveTime(null, null)
                    : new SolveTime(seconds(spentBefore), status.isFinal() ? 0.0 : null);
        }
        Duration elapsed = spent(now);
        Double remaining = null;
        if (status == PlanStatus.SOLVING && spentLimit != null) {
            Duration left = spentLimit.minus(elapsed);
            if (unimprovedLimit != null) {
                // Timefold ends the solve once the best score has not improved for the unimproved limit.
                Duration unimprovedLeft = unimprovedLimit.minus(Duration.between(lastImproved, now));
                left = left.compareTo(unimprovedLeft) < 0 ? left : unimprovedLeft;
            }
            remaining = seconds(left.isNegative() ? Duration.ZERO : left);
        } else if (status.isFinal()) {
            remaining = 0.0;
        }
        return new SolveTime(seconds(elapsed), remaining);
    }

    private static double seconds(Duration duration) {
        return Math.round(duration.toMillis() / 100.0) / 10.0;
    }

    /** Returns false when the solve had already ended: then there is nothing to stop. */
    synchronized boolean requestStop() {
        if (status.isFinal()) {
            return false;
        }
        stopRequested = true;
        return true;
    }

    /** A stop was asked for since the solve was scheduled (and not answered by a restart). */
    synchronized boolean stopRequested() {
        return stopRequested;
    }

    synchronized void finished(AssignmentPlan plan) {
        if (plan != null) {
            improved(plan);
        }
        if (solveStarted != null && solveEnded == null) {
            solveEnded = Instant.now();
        }
        if (!status.isFinal()) {
            status = stopRequested ? PlanStatus.TERMINATED : PlanStatus.COMPLETED;
        }
        version++;
    }

    /**
     * An account added to a plan that is no longer solving: the best plan first, then the input,
     * both with the account at the end. A reader takes the input before the best plan
     * (PlanReport pairs them by index), so it sees both new, both old, or the old input with the new
     * plan, whose extra last account it does not reach; never an input longer than the plan.
     */
    synchronized void accountAdded(PlanDocument newInput, AssignmentPlan newBest) {
        improved(newBest);
        input = newInput;
        bound = null; // a bound of the plan without the account; PlanAccounts computes the new one
    }

    /** The cause is logged, not shown: its message may name the service's internals. */
    synchronized void failed(Instant when) {
        if (solveStarted != null && solveEnded == null) {
            solveEnded = when;
        }
        status = PlanStatus.FAILED;
        version++;
        error = "Solving failed unexpectedly at " + when + "; the best plan found before stays. The error is logged "
                + "on the server; POST /plans/" + id + "/solve tries again.";
    }

    /** Solving again from the best plan so far; false when it is still being solved. */
    synchronized boolean restart() {
        if (!status.isFinal()) {
            return false;
        }
        // A warning that solving was interrupted and how to resume it is answered by resuming.
        warnings.removeIf(w -> w.contains(RESUME_HINT.formatted(id)));
        status = PlanStatus.SCHEDULED;
        version++;
        bound = null; // the next solve's end computes the bound of its plan
        stopRequested = false;
        // A resume is a new solve: its full time limit again.
        spentBefore = Duration.ZERO;
        solveStarted = null;
        solveEnded = null;
        error = null;
        return true;
    }

    /** A life-cycle log line whose plan id, event and score are fields in structured logging. */
    LoggingEventBuilder lifecycle(String event) {
        HardMediumSoftLongScore current = score;
        return LIFECYCLE.atInfo().addKeyValue("planId", id).addKeyValue("event", event)
                .addKeyValue("score", current == null ? null : current.toString());
    }
}
