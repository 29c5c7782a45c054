package org.kamplanner.plan;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.kamplanner.rebalance.KamsLeave;
import org.kamplanner.rebalance.Leavers;
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
import ai.timefold.solver.core.api.solver.SolverStatus;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * A stored plan's solves: starting one (with the search its mode and size call for), resuming,
 * applying leavers to a running one, stopping, and shutting down. The solver's events move the plan
 * through its states (StoredPlan) and are saved in PlanStore, at most once per save interval and at the end.
 */
@Component
class PlanSolving {

    private static final Logger LOG = LoggerFactory.getLogger(PlanSolving.class);

    private final SolverManagers solverManagers;
    private final MoveReview moveReview;
    private final PlanRegistry registry;
    private final PlanBounds bounds;
    private final PlanStore store;
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
            PlanBounds bounds, PlanStore store,
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
     * died with its replica starts from its last saved best plan.
     */
    void run(String id) {
        if (closing) {
            // Failed, so db-scheduler hands it to a replica that is not shutting down (SolveTask).
            throw new IllegalStateException("This replica is shutting down; plan " + id + " is solved elsewhere");
        }
        PlanStore.PlanRow header = store.header(id).orElse(null);
        if (header == null) {
            return; // purged before it was solved
        }
        // This JVM's copy only if it is the database's latest (the plan submitted here, say); a copy read
        // while another replica solved the plan would lose what that replica saved since.
        StoredPlan plan = registry.local(id);
        if (plan == null || !header.updatedAt().equals(plan.readAt())) {
            plan = store.fromHeader(header);
        }
        if (plan.status().isFinal()) {
            return; // stopped before it was solved
        }
        Long epoch = store.claim(id, replica).orElse(null);
        if (epoch == null) {
            return;
        }
        plan.epoch(epoch);
        plan.fencedOut(false);
        registry.put(plan);
        solvingHere.put(id, plan);
        try {
            if (store.stopRequested(id)) {
                plan.requestStop();
                plan.finished(null);
                store.save(plan);
                return;
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
                if (plan.stopRequested()) {
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
            if (!plan.status().isFinal() && !plan.fencedOut()) {
                plan.finished(null);
                store.save(plan);
            }
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
                }
            } catch (RuntimeException e) {
                LOG.warn("Plan {}: checking for a stop failed, checked again next round", plan.id, e);
            }
        }
    }

    /** Saves the best solution of each plan solved here that no event saved yet. */
    private void saveUnsavedProgress() {
        Instant now = Instant.now();
        for (StoredPlan plan : solvingHere.values()) {
            if (!plan.status().isFinal() && plan.dueForSave(saveInterval, now)) {
                try {
                    store.save(plan);
                } catch (RuntimeException e) {
                    LOG.warn("Plan {}: saving progress failed, retried with the next best solution", plan.id, e);
                }
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
        SolverJob<AssignmentPlan, String> job = solverManagers.forSolve(plan.id, mode, problem).solveBuilder()
                .withProblemId(plan.id)
                .withProblem(problem)
                .withConfigOverride(new SolverConfigOverride<AssignmentPlan>().withTerminationConfig(termination))
                .withSolverJobStartedEventConsumer(event -> {
                    plan.started(termination.getSpentLimit(), termination.getUnimprovedSpentLimit());
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
                    AssignmentPlan solution = event.solution();
                    if (mode == SolveMode.REBALANCE) {
                        // Reviewed on a copy: readers may hold the solver's last best solution meanwhile.
                        solution = PlanFactory.withAssignments(plan.input(), solution);
                        plan.reviewed(moveReview.review(solution));
                    }
                    plan.finished(solution);
                    store.save(plan);
                    bounds.computeLater(plan);
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

    /**
     * Applies KAMs leaving to a running solve as a Timefold ProblemChange, without restarting it. The
     * stored document records the leavers once the solver has handed over a best solution with the
     * change applied, so that the document and its assignments agree.
     *
     * @throws PlanConflictException when the plan is not solving (409)
     */
    void leave(StoredPlan plan, List<String> leavingKamIds) {
        String id = plan.id;
        if (plan.status() == PlanStatus.SOLVING && !plan.solvedHere()) {
            // The solve's Timefold session is in another replica's memory; a leave is not queued for it.
            throw new PlanConflictException(id, plan.status(), "leaveOnOtherReplica");
        }
        if (plan.status() != PlanStatus.SOLVING
                || managerOf(plan).getSolverStatus(id) != SolverStatus.SOLVING_ACTIVE) {
            throw new PlanConflictException(id, plan.status(), "leaveNotSolving");
        }
        // The input names every KAM and whether it is active: all the check needs, no report to build.
        Leavers.check(plan.input(), leavingKamIds, "leavingKamIds");
        managerOf(plan).addProblemChange(id, new KamsLeave(leavingKamIds))
                .whenComplete((done, cause) -> {
                    if (cause == null) {
                        plan.updateInput(input -> Leavers.markInactive(input, leavingKamIds));
                        store.documentChanged(plan);
                        lifecycle(id, "kams-left", plan).addKeyValue("kamIds", leavingKamIds)
                                .log("Plan {}: {} left while solving", id, leavingKamIds);
                    } else {
                        LOG.warn("Plan {}: leave of {} not applied", id, leavingKamIds, cause);
                    }
                });
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
     * these solves): running solves are stopped and their best plans saved. They stay TERMINATED with a
     * hint to resume them: a graceful shutdown is an operator's choice. A plan submitted while the
     * requests in flight finish is not started here ({@link #run}). An event, not a SmartLifecycle:
     * ContextClosedEvent comes before any lifecycle bean stops (the web server's graceful shutdown,
     * db-scheduler), so the database and the solver threads are still there.
     */
    @EventListener(ContextClosedEvent.class)
    void shutdown() {
        closing = true;
        saver.shutdownNow();
        store.close();
        for (StoredPlan plan : solvingHere.values()) {
            if (plan.requestStop()) {
                managerOf(plan).terminateEarly(plan.id);
                plan.finished(null);
                plan.warnings.add(("Solving was stopped by a shutdown of the service; " + StoredPlan.RESUME_HINT + " it.")
                        .formatted(plan.id));
                store.persist(plan);
                lifecycle(plan.id, "stopped-by-shutdown", plan).log("Plan {} stopped by shutdown: {}", plan.id,
                        plan.score());
            }
        }
    }

    private SolverManager<AssignmentPlan, String> managerOf(StoredPlan plan) {
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
