package org.kamplanner.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;

import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.rebalance.KamsLeave;
import org.kamplanner.rebalance.Leavers;
import org.kamplanner.rebalance.MoveReview;
import org.kamplanner.solver.search.SolveMode;
import org.kamplanner.solver.search.SolverManagers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverJob;
import ai.timefold.solver.core.api.solver.SolverManager;
import ai.timefold.solver.core.api.solver.SolverStatus;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * One solve of one plan, held only by the replica that runs it: PlanSolving#run makes it once it has
 * claimed the solve's epoch and drops it when the solve ends. It owns the Timefold job and its events, the
 * saves of the solve's progress (when one is due, and whether another replica has taken the solve over), a
 * stop, the handoff at shutdown, and the KAMs that leave while it runs. Its calls go down to StoredPlan,
 * PlanStore and PlanBounds; none goes back to PlanSolving.
 */
final class SolveSession {

    private static final Logger LOG = LoggerFactory.getLogger(SolveSession.class);
    /** A solve taken over with its time used up still gets a moment: Timefold needs a positive limit. */
    private static final Duration MIN_SPENT = Duration.ofMillis(100);

    /** What every solve of this replica uses: PlanSolving's beans and settings. */
    record Tools(SolverManagers managers, PlanStore store, PlanBounds bounds, MoveReview moveReview,
            SolveTimeCap cap, Duration saveInterval) {
    }

    final StoredPlan plan;
    private final Tools tools;
    private final SolveMode mode;
    /** The manager that runs the job; null until {@link #start}, when no Timefold job exists to end or change. */
    private volatile SolverManager<AssignmentPlan, String> manager;
    /** A write of this solve was refused: another replica took the plan over, or it was purged. */
    private volatile boolean fencedOut;
    /** A shutdown handed the solve on ({@link #handOn}): it ends here without a final state. */
    private volatile boolean handedOn;
    /** When progress was last saved, and whether a best solution has come since: guarded by this. */
    private Instant lastSaved = Instant.MIN;
    private boolean unsaved;

    SolveSession(StoredPlan plan, Tools tools) {
        this.plan = plan;
        this.tools = tools;
        this.mode = modeOf(plan.input());
    }

    /** The stored document names its mode: PlanService.submit writes it in. */
    private static SolveMode modeOf(PlanDocument input) {
        return SolveMode.of(input.settings() == null ? null : input.settings().mode(), SolveMode.ANNUAL);
    }

    /**
     * Solves the plan on this thread, under the epoch PlanSolving#run claimed for it, and returns when the
     * solve has ended: true when a shutdown handed it on unfinished, for another replica to continue.
     * {@code beforeSolve} runs once the model is built, just before Timefold gets the job (tests stop there).
     */
    boolean run(long epoch, Consumer<StoredPlan> beforeSolve) {
        String id = plan.id;
        PlanStore store = tools.store();
        if (store.stopRequested(id)) {
            plan.requestStop();
            plan.finished(null);
            save();
            return false;
        }
        // Epoch 1 of a plan never solved is its first solve, from its document; a later one (a resume, a
        // solve taken over from a replica that died, or one a version before the scheduler left SOLVING)
        // continues from the best plan saved.
        boolean first = epoch == 1 && plan.snapshot().status() == PlanStatus.SCHEDULED;
        AssignmentPlan problem = problem(first);
        if (!first) {
            plan.lifecycle("taken-over").addKeyValue("epoch", epoch)
                    .log("Plan {} solving from its saved best {} (solve {})", id, plan.snapshot().score(), epoch);
        }
        try {
            beforeSolve.accept(plan);
            SolverJob<AssignmentPlan, String> job = start(problem);
            if (plan.snapshot().stopRequested() || handedOn) {
                // A stop that came while the model was built found no Timefold job to end and marked the
                // plan TERMINATED: without this the solve ran its whole time limit behind that status,
                // and a shutdown, seeing the plan final, left it for db-scheduler to wait on.
                terminate();
            }
            job.getFinalBestSolution();
        } catch (InterruptedException e) {
            // db-scheduler gave up waiting at its shutdown: the plan is not finished, another replica
            // (or this one after its restart) solves it on from its saved best (SolveTask retries).
            Thread.currentThread().interrupt();
            terminate();
            throw new IllegalStateException("Solving plan " + id + " was interrupted", e);
        } catch (ExecutionException | CancellationException e) {
            // The exception handler has marked the plan FAILED, or a stop cancelled a solve not started.
        }
        if (handedOn) {
            return true;
        }
        if (!plan.snapshot().status().isFinal() && !fencedOut) {
            plan.finished(null);
            save();
        }
        return false;
    }

    /**
     * The model to solve: a first solve's from the document; a later one (a resume, a solve taken over from a
     * replica that died or shut down) from the document with the best plan's assignments, paired by id (no
     * detour through JSON). An account on a KAM the document now marks inactive (a leave saved after that
     * best plan) starts unassigned, as the document would have built it.
     */
    private AssignmentPlan problem(boolean first) {
        if (first) {
            return PlanFactory.build(plan.input()).plan();
        }
        AssignmentPlan problem = PlanFactory.withAssignments(plan.input(), plan.best());
        problem.getAccounts().stream().filter(a -> !a.isPinned() && a.getKam() != null && !a.getKam().isActive())
                .forEach(a -> a.setKam(null));
        problem.setScore(null);
        return problem;
    }

    /**
     * Hands the model to Timefold. settings.terminationSeconds (capped) and settings.unimprovedSeconds end the
     * solve; one that continues a solve begun elsewhere runs what is left of its time limit.
     */
    private SolverJob<AssignmentPlan, String> start(AssignmentPlan problem) {
        TerminationConfig termination = tools.cap().applyTo(mode.termination(problem.getSettings()));
        Duration fullLimit = termination.getSpentLimit();
        Duration left = fullLimit.minus(plan.snapshot().clock().spentBefore());
        termination.setSpentLimit(left.compareTo(MIN_SPENT) < 0 ? MIN_SPENT : left);
        manager = tools.managers().forSolve(plan.id, mode, problem);
        SolverJob<AssignmentPlan, String> job = manager.solveBuilder()
                .withProblemId(plan.id)
                .withProblem(problem)
                .withConfigOverride(new SolverConfigOverride<AssignmentPlan>().withTerminationConfig(termination))
                .withSolverJobStartedEventConsumer(event -> {
                    plan.started(fullLimit, termination.getUnimprovedSpentLimit());
                    save();
                    plan.lifecycle("solving").log("Plan {} solving", plan.id);
                })
                .withBestSolutionEventConsumer(event -> {
                    improved(event.solution());
                    if (dueForSave(Instant.now())) {
                        save();
                        plan.lifecycle("new-best").log("Plan {} new best {}", plan.id, plan.snapshot().score());
                    }
                })
                .withFinalBestSolutionEventConsumer(event -> {
                    if (handedOn) {
                        return; // saved unfinished by the shutdown, for the replica that continues it
                    }
                    AssignmentPlan solution = event.solution();
                    if (mode == SolveMode.REBALANCE) {
                        // Reviewed on a copy: readers may hold the solver's last best solution meanwhile.
                        solution = PlanFactory.withAssignments(plan.input(), solution);
                        plan.reviewed(tools.moveReview().review(solution));
                    }
                    plan.finished(solution);
                    save();
                    tools.bounds().computeLater(plan);
                    PlanSnapshot ended = plan.snapshot();
                    plan.lifecycle(ended.status().name().toLowerCase())
                            .log("Plan {} {}: {}", plan.id, ended.status(), ended.score());
                })
                .withExceptionHandler((problemId, cause) -> {
                    LOG.error("Plan {} failed", problemId, cause);
                    plan.failed(Instant.now());
                    save();
                })
                .run();
        tools.managers().closeWhenDone(plan.id, job);
        return job;
    }

    /** Ends the Timefold job, if there is one yet; its final event (or PlanSolving#run) settles the plan. */
    void terminate() {
        SolverManager<AssignmentPlan, String> current = manager;
        if (current != null) {
            current.terminateEarly(plan.id);
        }
    }

    /** Stops the solve on request; the best plan so far stays and is saved. False when it had already ended. */
    boolean stop() {
        if (!plan.requestStop()) {
            return false;
        }
        terminate();
        plan.finished(null);
        save();
        plan.lifecycle("stopped").log("Plan {} stopped on request: {}", plan.id, plan.snapshot().score());
        return true;
    }

    /**
     * True while Timefold can take a problem change: the plan is SOLVING and its job's search runs. Before
     * that (the model being built, the job queued) a change waits in the database for the saver's round.
     */
    boolean takesChanges() {
        SolverManager<AssignmentPlan, String> current = manager;
        return plan.snapshot().status() == PlanStatus.SOLVING && current != null
                && current.getSolverStatus(plan.id) == SolverStatus.SOLVING_ACTIVE;
    }

    /**
     * KAMs leave the running solve as a Timefold problem change, without restarting it. The stored document
     * records the leavers once the solver has handed over a best solution with the change applied, so that
     * the document and its assignments agree.
     */
    void leave(List<String> leavingKamIds) {
        String id = plan.id;
        manager.addProblemChange(id, new KamsLeave(leavingKamIds))
                .whenComplete((done, cause) -> {
                    if (cause == null) {
                        plan.updateInput(input -> Leavers.markInactive(input, leavingKamIds));
                        owned(tools.store().documentChanged(plan));
                        plan.lifecycle("kams-left").addKeyValue("kamIds", leavingKamIds)
                                .log("Plan {}: {} left while solving", id, leavingKamIds);
                    } else {
                        LOG.warn("Plan {}: leave of {} not applied", id, leavingKamIds, cause);
                    }
                });
    }

    /**
     * A graceful shutdown hands the solve on: it ends here unfinished, its best plan and the time it used
     * saved, for another replica (or this one after its restart) to continue. False when it has ended.
     */
    boolean handOn() {
        if (plan.snapshot().status().isFinal()) {
            return false;
        }
        handedOn = true;
        terminate();
        owned(tools.store().persist(plan)); // also while the store refuses the solver threads' late saves
        plan.lifecycle("handed-on").log("Plan {} handed on by shutdown: {}", plan.id, plan.snapshot().score());
        return true;
    }

    /** A new best solution from the solver, to be saved when the last save is an interval ago. */
    synchronized void improved(AssignmentPlan solution) {
        plan.improved(solution);
        unsaved = true;
    }

    /** True (once) when a best solution waits to be saved and the last save is an interval ago. */
    synchronized boolean dueForSave(Instant now) {
        if (!unsaved || Duration.between(lastSaved, now).compareTo(tools.saveInterval()) < 0) {
            return false;
        }
        lastSaved = now;
        unsaved = false;
        return true;
    }

    private void save() {
        owned(tools.store().save(plan));
    }

    /** A refused write ends this solve: the saver's next round terminates it, and it ends unsaved. */
    private void owned(boolean written) {
        if (!written) {
            fencedOut = true;
        }
    }

    /**
     * The saver thread's round (every half save interval): the last best solution of a burst, which no later
     * event would save before the solve ends (or the replica is killed), else the time used; then what other
     * replicas sent through the database: a stop, KAMs leaving, or the news that another replica took the
     * plan over (a write was refused), which ends this solve unsaved.
     */
    void watch(Instant now) {
        PlanStore store = tools.store();
        if (!plan.snapshot().status().isFinal()) {
            try {
                if (dueForSave(now)) {
                    save();
                } else {
                    store.saveSpent(plan);
                }
            } catch (RuntimeException e) {
                LOG.warn("Plan {}: saving progress failed, retried with the next best solution", plan.id, e);
            }
        }
        try {
            if (fencedOut) {
                LOG.warn("Plan {}: another replica solves it now; this solve ends unsaved", plan.id);
                terminate();
            } else if (!plan.snapshot().status().isFinal() && store.stopRequested(plan.id)) {
                stop();
            } else if (takesChanges()) {
                applyQueued();
            }
        } catch (RuntimeException e) {
            LOG.warn("Plan {}: checking for a stop or a change failed, checked again next round", plan.id, e);
        }
    }

    /** The changes other replicas (or this one, before the search ran) queued for this solve, oldest first. */
    private void applyQueued() {
        PlanStore store = tools.store();
        for (PlanStore.Change change : store.pendingChanges(plan.id)) {
            try {
                Leavers.check(plan.input(), change.leavingKamIds(), "leavingKamIds");
                leave(change.leavingKamIds());
            } catch (InvalidPlanException e) {
                // Checked when it was sent; an earlier change (a leave sent twice) has made it moot since.
                LOG.warn("Plan {}: queued leave of {} dropped: {}", plan.id, change.leavingKamIds(), e.getMessage());
            }
            store.changeTaken(change.id());
        }
    }
}
