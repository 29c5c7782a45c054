package org.kamplanner.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.kamplanner.bound.PlanBound;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.rebalance.MoveReview;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * A plan: who it is (id, name, client, creation), where it stands ({@link PlanSnapshot}, one immutable value
 * that each transition below replaces as a whole, by compare-and-set), and its contents. A reader takes
 * {@link #snapshot()} once and sees status, score, clock, approval and the rest of one moment; no lock is
 * held for it, and a stop request racing the solver's end settles on one of them.
 *
 * <p>The contents (the document and the best plan, tens of MB for a large plan) are the heavy part, read
 * lazily under this object's lock. A finished plan whose state is saved may drop them ({@link #unload}) and
 * reads them back from the database on next use; a plan restored at start reads them only when first asked.
 * So the heap holds the plans being solved and a few recently used ones, not every plan ever stored. The
 * solver thread replaces the best plan with each new best solution (a clone Timefold hands over, never the
 * working solution); a transition that changes the contents changes the snapshot under the same lock, so
 * {@link #loaded()} returns a snapshot and the contents it goes with.
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

    /** A snapshot and the contents it goes with, read together: what a save writes. */
    record Loaded(PlanSnapshot snapshot, PlanDocument input, AssignmentPlan best) {
    }

    final String id;
    final String name;
    /** Who submitted the plan (the authenticated name), for the per-client quota; null when unknown. */
    final String client;
    final Instant createdAt;
    private final AtomicReference<PlanSnapshot> snapshot;
    /** The document and best plan; null while dropped. Guarded by this, as the two fields below. */
    private Contents contents;
    /** Reads the contents back from the database; null until the plan is stored. */
    private Supplier<Contents> loader;
    /** The snapshot version the database has ({@link #saved}): the contents may be dropped only at the latest. */
    private long savedVersion;

    StoredPlan(String id, PlanDocument input, List<String> warnings, AssignmentPlan initial, Instant createdAt) {
        this(id, input, warnings, initial, createdAt, null);
    }

    StoredPlan(String id, PlanDocument input, List<String> warnings, AssignmentPlan initial, Instant createdAt,
            String client) {
        this.id = id;
        this.client = client;
        this.name = input.name();
        this.contents = new Contents(input, initial);
        this.createdAt = createdAt;
        this.snapshot = new AtomicReference<>(PlanSnapshot.scheduled(initial.getScore(), warnings));
    }

    /** A plan read back from the database: its document and model are read only when someone asks for them. */
    StoredPlan(String id, String name, Instant createdAt, PlanSnapshot stored, Supplier<Contents> loader) {
        this.id = id;
        this.client = null; // a restored plan is finished: it counts against no quota
        this.name = name;
        this.createdAt = createdAt;
        this.snapshot = new AtomicReference<>(stored);
        this.savedVersion = stored.version();
        this.loader = loader;
    }

    /** Where the plan stands now: one consistent value, never changed after (a transition makes a new one). */
    PlanSnapshot snapshot() {
        return snapshot.get();
    }

    // ---- transitions: each replaces the snapshot as a whole --------------------------------------------

    /** Replaces the snapshot by {@code transition} of it, unless {@code rule} refuses it: then false. */
    private boolean change(Predicate<PlanSnapshot> rule, UnaryOperator<PlanSnapshot> transition) {
        while (true) {
            PlanSnapshot current = snapshot.get();
            if (!rule.test(current)) {
                return false;
            }
            if (snapshot.compareAndSet(current, transition.apply(current))) {
                return true;
            }
        }
    }

    private void change(UnaryOperator<PlanSnapshot> transition) {
        change(current -> true, transition);
    }

    /** This JVM solves the plan under this epoch (above 0), or no longer (0). */
    void epoch(long newEpoch) {
        change(s -> s.withEpoch(newEpoch));
    }

    void lineage(Lineage newLineage) {
        change(s -> s.withLineage(newLineage));
    }

    void approval(Approval newApproval) {
        change(s -> s.withApproval(newApproval));
    }

    void readAt(Instant updatedAt) {
        change(s -> s.withReadAt(updatedAt));
    }

    void reviewed(MoveReview.Result result) {
        change(s -> s.withReview(result));
    }

    void bound(PlanBound newBound) {
        change(s -> s.withBound(newBound));
    }

    /** Solving has begun, with these limits (either may be null): SCHEDULED becomes SOLVING. */
    void started(Duration spent, Duration unimproved) {
        Instant now = Instant.now();
        change(s -> s.started(now, spent, unimproved));
    }

    /** This replica continues a solve that used {@code spent} elsewhere (0: a new one); its clock counts on. */
    void continuesAfter(Duration spent) {
        change(s -> s.withClock(s.clock().continuesAfter(spent)));
    }

    /** A new best plan from the solver. */
    synchronized void improved(AssignmentPlan plan) {
        load();
        contents = new Contents(contents.input(), plan);
        Instant now = Instant.now();
        change(s -> s.improved(plan.getScore(), now));
    }

    /** Rule: only a plan not final can be stopped; false when the solve had already ended. */
    boolean requestStop() {
        return change(s -> !s.status().isFinal(), PlanSnapshot::stopAsked);
    }

    /** The solve ended, with {@code plan} its last best (null: the best so far stays). */
    void finished(AssignmentPlan plan) {
        Instant now = Instant.now();
        if (plan == null) {
            change(s -> s.finished(now));
            return;
        }
        synchronized (this) {
            load();
            contents = new Contents(contents.input(), plan);
            change(s -> s.improved(plan.getScore(), now).finished(now));
        }
    }

    /** The cause is logged, not shown: its message may name the service's internals. */
    void failed(Instant when) {
        String error = "Solving failed unexpectedly at " + when + "; the best plan found before stays. The error is "
                + "logged on the server; POST /plans/" + id + "/solve tries again.";
        change(s -> s.failed(when, error));
    }

    /** Rule: solving again (from the best plan so far) only from a final state; false while it is being solved. */
    boolean restart() {
        return change(s -> s.status().isFinal(), s -> s.restarted(RESUME_HINT.formatted(id)));
    }

    /**
     * An account added to a plan that is no longer solving: the input and the best plan, both with the account
     * at the end, replaced together; the bound was of the plan without the account (PlanAccounts computes anew).
     */
    synchronized void accountAdded(PlanDocument newInput, AssignmentPlan newBest) {
        contents = new Contents(newInput, newBest);
        Instant now = Instant.now();
        change(s -> s.improved(newBest.getScore(), now).withBound(null));
    }

    /** KAMs left: the document records them (the best plan has them applied already). */
    synchronized void updateInput(UnaryOperator<PlanDocument> edit) {
        load();
        contents = new Contents(edit.apply(contents.input()), contents.best());
        change(PlanSnapshot::changed);
    }

    // ---- the contents ----------------------------------------------------------------------------------

    /** Where the contents can be read back once the plan is stored. */
    synchronized void storedIn(Supplier<Contents> reader) {
        loader = reader;
    }

    synchronized PlanDocument input() {
        return load().input();
    }

    synchronized AssignmentPlan best() {
        return load().best();
    }

    /** The document and best plan of one moment (PlanReport pairs their accounts by index). */
    synchronized Contents contents() {
        return load();
    }

    /** The snapshot with the contents it goes with. */
    synchronized Loaded loaded() {
        Contents now = load();
        return new Loaded(snapshot.get(), now.input(), now.best());
    }

    private Contents load() {
        if (contents == null) {
            contents = loader.get();
        }
        return contents;
    }

    synchronized boolean isLoaded() {
        return contents != null;
    }

    /** The database has the plan as it was at {@code writtenVersion}: if nothing changed since, it may be dropped. */
    synchronized void saved(long writtenVersion) {
        savedVersion = Math.max(savedVersion, writtenVersion);
    }

    /**
     * Drops the contents of a saved plan that is finished or waits for a solver thread no JVM has given it
     * yet; false (and nothing dropped) otherwise. A transition racing this one changes no contents (those
     * that do hold this lock), so what is dropped is what the database has.
     */
    synchronized boolean unload() {
        PlanSnapshot now = snapshot.get();
        if (!now.mayUnload() || savedVersion != now.version() || loader == null || contents == null) {
            return false;
        }
        contents = null;
        return true;
    }

    /** A life-cycle log line whose plan id, event and score are fields in structured logging. */
    LoggingEventBuilder lifecycle(String event) {
        PlanSnapshot now = snapshot.get();
        return LIFECYCLE.atInfo().addKeyValue("planId", id).addKeyValue("event", event)
                .addKeyValue("score", now.score() == null ? null : now.score().toString());
    }
}
