package org.kamplanner.plan;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.rebalance.MoveReview;
import org.kamplanner.solver.search.SolveMode;
import org.kamplanner.solver.search.SolverManagers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverJob;
import ai.timefold.solver.core.api.solver.SolverManager;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * A stored plan's solves: starting one (with the search its mode and size call for), resuming,
 * applying leavers to a running one, stopping, and shutting down. The solver's events move the plan
 * through its states (StoredPlan) and are saved in PlanStore, at most once per save interval and at the end.
 */
@Component
class PlanSolving {

    private static final Logger LOG = LoggerFactory.getLogger(PlanSolving.class);
    /** A solve taken over with its time used up still gets a moment: Timefold needs a positive limit. */
    private static final Duration MIN_SPENT = Duration.ofMillis(100);

    private final SolverManagers solverManagers;
    private final MoveReview moveReview;
    private final PlanRegistry registry;
    private final PlanBounds bounds;
    private final PlanStore store;
    private final PlanChanges changes;
    private final SolveMemory memory;
    /** A solve saves its best plan at most this often; the saver thread saves the last one of a burst. */
    private final Duration saveInterval;
    private final SolveTimeCap cap;
    /** The plans this JVM solves now, by id. */
    private final Map<String, StoredPlan> solvingHere = new ConcurrentHashMap<>();
    /** This replica in the plan table's solved_by: db-scheduler's name for it if set, else process and host. */
    private final String replica;
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "plan-saver");
        thread.setDaemon(true);
        return thread;
    });
    /** Set on shutdown: no solve starts on this replica any more. */
    private volatile boolean closing;
    /**
     * Tests only: runs on the solve's thread once the model is built, just before Timefold gets the job
     * (StopBeforeTheSolveStartsTest stops the plan there, the moment a stop found no job to end).
     */
    volatile Consumer<StoredPlan> beforeSolve = plan -> { };

    PlanSolving(SolverManagers solverManagers, MoveReview moveReview, PlanRegistry registry,
            PlanBounds bounds, PlanStore store, PlanChanges changes, SolveMemory memory,
            @Value("${kam-planner.solver.max-solve-time:30m}") Duration maxSolveTime,
            @Value("${kam-planner.store.save-interval:5s}") Duration saveInterval,
            @Value("${db-scheduler.scheduler-name:}") String replica) {
        this.replica = replica.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : replica;
        this.solverManagers = solverManagers;
        this.moveReview = moveReview;
        this.registry = registry;
        this.saveInterval = saveInterval;
        this.bounds = bounds;
        this.store = store;
        this.changes = changes;
        this.memory = memory;
        this.cap = new SolveTimeCap(maxSolveTime);
        // Best solutions are saved as they come, at most one per interval; this catches the last one of a
        // burst, which no later event would save before the solve ends (or the replica is killed). It also
        // brings a stop from another replica, and gives up a solve another replica has taken over.
        long period = Math.max(1, saveInterval.toMillis() / 2);
        saver.scheduleWithFixedDelay(this::watch, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * The solve-plan task (SolveTask) on whichever replica picked it: reads the plan, takes the next solve
     * epoch, solves it on this thread and returns when the solve has ended. A plan whose previous solve
     * died with its replica, or was handed on by a shutdown, starts from its last saved best plan. Says whether
     * the plan goes back into the queue (SolveTask): at once when this replica handed it on, shortly when
     * there was no room on the heap to start it.
     */
    Ended run(String id) {
        if (closing) {
            // Failed, so db-scheduler hands it to a replica that is not shutting down (SolveTask).
            throw new IllegalStateException("This replica is shutting down; plan " + id + " is solved elsewhere");
        }
        PlanStore.PlanRow header = store.header(id).orElse(null);
        if (header == null) {
            return Ended.DONE; // purged before it was solved
        }
        // This JVM's copy only if it is the database's latest (the plan submitted here, say); a copy read
        // while another replica solved the plan would lose what that replica saved since.
        StoredPlan plan = registry.local(id);
        if (plan == null || !header.updatedAt().equals(plan.readAt())) {
            plan = store.fromHeader(header);
        }
        if (plan.status().isFinal()) {
            return Ended.DONE; // stopped before it was solved
        }
        // The solve holds its share of the heap while it runs (SolveMemory): one that does not fit beside the
        // solves and bounds running here goes back into the queue unclaimed, and its contents leave the heap.
        if (!memory.tryHoldSolve(id, SolveMemory.solveNeed(plan.input()))) {
            plan.unload();
            return Ended.NO_ROOM;
        }
        try {
            return claimAndSolve(id, header, plan);
        } finally {
            memory.releaseSolve(id);
        }
    }

    /** How {@link #run} ended: for SolveTask, whether the plan goes back into the queue, and when. */
    enum Ended {
        /** Solved, stopped, failed or taken by another replica: the job is done. */
        DONE,
        /** A shutdown ended the solve here unfinished: due again at once, for another replica. */
        HANDED_ON,
        /** Not started: too little heap beside the solves and bounds running here; due again shortly. */
        NO_ROOM
    }

    private Ended claimAndSolve(String id, PlanStore.PlanRow header, StoredPlan plan) {
        Long epoch = store.claim(id, replica).orElse(null);
        if (epoch == null) {
            return Ended.DONE;
        }
        plan.epoch(epoch);
        plan.fencedOut(false);
        // A solve taken over (a crash, a handoff) runs only what is left of its time limit.
        plan.continuesAfter(Duration.ofMillis(header.spentMillis()));
        registry.put(plan);
        solvingHere.put(id, plan);
        try {
            if (store.stopRequested(id)) {
                plan.requestStop();
                plan.finished(null);
                store.save(plan);
                return Ended.DONE;
            }
            SolveMode mode = modeOf(plan);
            // Epoch 1 of a plan never solved is its first solve, from its document; a later one (a resume, a
            // solve taken over from a replica that died, or one a version before the scheduler left SOLVING)
            // continues from the best plan saved.
            boolean first = epoch == 1 && plan.status() == PlanStatus.SCHEDULED;
            AssignmentPlan problem = first ? PlanFactory.build(plan.input()).plan()
                    : warmStart(plan);
            if (!first) {
                lifecycle(id, "taken-over", plan).addKeyValue("epoch", epoch)
                        .log("Plan {} solving from its saved best {} (solve {})", id, plan.score(), epoch);
            }
            try {
                beforeSolve.accept(plan);
                SolverJob<AssignmentPlan, String> job = solve(plan, problem, mode);
                if (plan.stopRequested() || plan.handedOn()) {
                    // A stop that came while the model was built found no Timefold job to end and marked the
                    // plan TERMINATED: without this the solve ran its whole time limit behind that status,
                    // and a shutdown, seeing the plan final, left it for db-scheduler to wait on.
                    managerOf(plan).terminateEarly(id);
                }
                job.getFinalBestSolution();
            } catch (InterruptedException e) {
                // db-scheduler gave up waiting at its shutdown: the plan is not finished, another replica
                // (or this one after its restart) solves it on from its saved best (SolveTask retries).
                Thread.currentThread().interrupt();
                managerOf(plan).terminateEarly(id);
                throw new IllegalStateException("Solving plan " + id + " was interrupted", e);
            } catch (ExecutionException | CancellationException e) {
                // The exception handler has marked the plan FAILED, or a stop cancelled a solve not started.
            }
            if (plan.handedOn()) {
                return Ended.HANDED_ON;
            }
            if (!plan.status().isFinal() && !plan.fencedOut()) {
                plan.finished(null);
                store.save(plan);
            }
            return Ended.DONE;
        } finally {
            solvingHere.remove(id);
            plan.epoch(0);
        }
    }

    /**
     * The model of the stored document with the best plan's assignments, paired by id (no detour through
     * JSON). An account on a KAM the document now marks inactive (a leave saved after that best plan) starts
     * unassigned, as the document would have built it.
     */
    private static AssignmentPlan warmStart(StoredPlan plan) {
        AssignmentPlan problem = PlanFactory.withAssignments(plan.input(), plan.best());
        problem.getAccounts().stream().filter(a -> !a.isPinned() && a.getKam() != null && !a.getKam().isActive())
                .forEach(a -> a.setKam(null));
        problem.setScore(null);
        return problem;
    }

    /** The ids of the plans this JVM solves now (ClusterTest: never one on two replicas). */
    Set<String> solvingHere() {
        return Set.copyOf(solvingHere.keySet());
    }

    /** The saver's round over the plans solved here. */
    private void watch() {
        saveUnsavedProgress();
        for (StoredPlan plan : solvingHere.values()) {
            try {
                if (plan.fencedOut()) {
                    LOG.warn("Plan {}: another replica solves it now; this solve ends unsaved", plan.id);
                    managerOf(plan).terminateEarly(plan.id);
                } else if (!plan.status().isFinal() && store.stopRequested(plan.id)) {
                    stop(plan);
                } else {
                    changes.applyQueued(plan, managerOf(plan));
                }
            } catch (RuntimeException e) {
                LOG.warn("Plan {}: checking for a stop or a change failed, checked again next round", plan.id, e);
            }
        }
    }

    /** Saves the best solution of each plan solved here that no event saved yet, else the time it used. */
    private void saveUnsavedProgress() {
        Instant now = Instant.now();
        for (StoredPlan plan : solvingHere.values()) {
            if (plan.status().isFinal()) {
                continue;
            }
            try {
                if (plan.dueForSave(saveInterval, now)) {
                    store.save(plan);
                } else {
                    store.saveSpent(plan);
                }
            } catch (RuntimeException e) {
                LOG.warn("Plan {}: saving progress failed, retried with the next best solution", plan.id, e);
            }
        }
    }

    /** Saves a new best solution when the last save is an interval ago; true when it did. */
    private boolean saveIfDue(StoredPlan plan) {
        if (plan.dueForSave(saveInterval, Instant.now())) {
            store.save(plan);
            return true;
        }
        return false;
    }

    /** The plan's warning when it asks for more time than the server's cap on one solve; null within it. */
    String capWarning(PlanSettings settings) {
        return cap.warning(settings);
    }

    private SolverJob<AssignmentPlan, String> solve(StoredPlan plan, AssignmentPlan problem, SolveMode mode) {
        // settings.terminationSeconds (capped) and settings.unimprovedSeconds end this solve, per plan.
        TerminationConfig termination = cap.applyTo(mode.termination(problem.getSettings()));
        Duration fullLimit = termination.getSpentLimit();
        Duration left = fullLimit.minus(plan.spentBefore());
        termination.setSpentLimit(left.compareTo(MIN_SPENT) < 0 ? MIN_SPENT : left);
        SolverJob<AssignmentPlan, String> job = solverManagers.forSolve(plan.id, mode, problem).solveBuilder()
                .withProblemId(plan.id)
                .withProblem(problem)
                .withConfigOverride(new SolverConfigOverride<AssignmentPlan>().withTerminationConfig(termination))
                .withSolverJobStartedEventConsumer(event -> {
                    plan.started(fullLimit, termination.getUnimprovedSpentLimit());
                    store.save(plan);
                    lifecycle(plan.id, "solving", plan).log("Plan {} solving", plan.id);
                })
                .withBestSolutionEventConsumer(event -> {
                    plan.improved(event.solution());
                    if (saveIfDue(plan)) {
                        lifecycle(plan.id, "new-best", plan).log("Plan {} new best {}", plan.id, plan.score());
                    }
                })
                .withFinalBestSolutionEventConsumer(event -> {
                    if (plan.handedOn()) {
                        return; // saved unfinished by the shutdown, for the replica that continues it
                    }
                    AssignmentPlan solution = event.solution();
                    if (mode == SolveMode.REBALANCE) {
                        // Reviewed on a copy: readers may hold the solver's last best solution meanwhile.
                        solution = PlanFactory.withAssignments(plan.input(), solution);
                        plan.reviewed(moveReview.review(solution));
                    }
                    plan.finished(solution);
                    store.save(plan);
                    bounds.computeLater(plan);
                    registry.used(plan); // finished: it may give its contents back once newer ones finish
                    lifecycle(plan.id, plan.status().name().toLowerCase(), plan)
                            .log("Plan {} {}: {}", plan.id, plan.status(), plan.score());
                })
                .withExceptionHandler((problemId, cause) -> {
                    LOG.error("Plan {} failed", problemId, cause);
                    plan.failed(Instant.now());
                    store.save(plan);
                })
                .run();
        solverManagers.closeWhenDone(plan.id, job);
        return job;
    }

    /** Stops the solve on this JVM, if one runs; the best plan so far stays and is saved. */
    void stop(StoredPlan plan) {
        if (plan.solvedHere() && plan.requestStop()) {
            managerOf(plan).terminateEarly(plan.id);
            plan.finished(null);
            store.save(plan);
            lifecycle(plan.id, "stopped", plan).log("Plan {} stopped on request: {}", plan.id, plan.score());
        }
    }

    /** Removes a plan for good, stopping its solve first. */
    void purge(StoredPlan plan) {
        if (plan.solvedHere() && plan.requestStop()) {
            managerOf(plan).terminateEarly(plan.id);
            plan.finished(null);
        }
        registry.remove(plan.id);
        store.delete(plan.id);
        lifecycle(plan.id, "purged", plan).log("Plan {} purged", plan.id);
    }

    /**
     * On shutdown (SIGTERM), first thing, before db-scheduler stops (it waits for its tasks, which are
     * these solves): running solves are handed on. Each ends here with its best plan and the time it used
     * saved, still unfinished, and its job goes back into the queue ({@link #run} returns true), where
     * another replica picks it up and solves on for the time that is left; a single replica does so after
     * its restart. A plan submitted while the requests in flight finish is not started here. An event, not a SmartLifecycle:
     * ContextClosedEvent comes before any lifecycle bean stops (the web server's graceful shutdown,
     * db-scheduler), so the database and the solver threads are still there.
     */
    @EventListener(ContextClosedEvent.class)
    void shutdown() {
        closing = true;
        saver.shutdownNow();
        store.close();
        for (StoredPlan plan : solvingHere.values()) {
            if (plan.handOn()) {
                managerOf(plan).terminateEarly(plan.id);
                store.persist(plan); // unfinished, its best plan and the time it used
                lifecycle(plan.id, "handed-on", plan).log("Plan {} handed on by shutdown: {}", plan.id, plan.score());
            }
        }
    }

    SolverManager<AssignmentPlan, String> managerOf(StoredPlan plan) {
        return solverManagers.forPlan(plan.id, modeOf(plan),
                plan.input().accounts() == null ? 0 : plan.input().accounts().size());
    }

    /** The stored document names its mode: PlanService.submit writes it in. */
    private static SolveMode modeOf(StoredPlan plan) {
        PlanDocument.Settings settings = plan.input().settings();
        return SolveMode.of(settings == null ? null : settings.mode(), SolveMode.ANNUAL);
    }

    /** A plan life-cycle log line whose plan id, event and score are fields in structured logging. */
    static LoggingEventBuilder lifecycle(String id, String event, StoredPlan plan) {
        return LOG.atInfo().addKeyValue("planId", id).addKeyValue("event", event)
                .addKeyValue("score", plan.score() == null ? null : plan.score().toString());
    }
}
