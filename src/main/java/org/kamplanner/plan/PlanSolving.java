package org.kamplanner.plan;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.kamplanner.domain.PlanSettings;
import org.kamplanner.errors.NotFoundException;
import org.kamplanner.rebalance.Leavers;
import org.kamplanner.rebalance.MoveReview;
import org.kamplanner.solver.search.SolverManagers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.Scheduler;

/**
 * The one coordinator of a plan's solves, on every replica: admission into the solve queue (submit,
 * resume), the run of a solve on whichever replica picks its job (SolveTask → {@link #run}), a stop, KAMs
 * leaving, purge, and the shutdown that hands solves on. The queue is the database's unfinished plans and
 * their solve-plan executions; a request this replica cannot answer from memory (a stop or a leave of a
 * solve another replica runs) goes through the database, where the solving replica's saver round reads it.
 * Calls go down to SolveSession (one solve, held here while it runs), PlanRegistry and PlanStore.
 */
@Component
class PlanSolving {

    private static final Logger LOG = LoggerFactory.getLogger(PlanSolving.class);

    /** How a run of the solve-plan job ended, for SolveTask's completion handler. */
    enum Outcome {
        /** Solved, stopped or failed, or nothing to solve: the job is done. */
        DONE,
        /** A shutdown ended the solve here unfinished: due again now, for another replica. */
        HANDED_ON,
        /** Its client has its share of this replica's solver threads (FairShare): back into the queue. */
        OVER_SHARE,
        /** Too little heap beside the solves and bounds running here (SolveMemory): back into the queue. */
        NO_ROOM
    }

    private final PlanRegistry registry;
    private final PlanStore store;
    private final Scheduler scheduler;
    private final TransactionTemplate transactions;
    private final SolveMemory memory;
    private final SolveQueue queue;
    private final StorageQuota quota;
    private final FairShare share;
    private final SolveSession.Tools tools;
    /** The solves this JVM runs now, by plan id. */
    private final Map<String, SolveSession> solvingHere = new ConcurrentHashMap<>();
    /** This replica in the plan table's solved_by: db-scheduler's name for it if set, else process and host. */
    private final String replica;
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "plan-saver");
        thread.setDaemon(true);
        return thread;
    });
    /** Set on shutdown: no solve starts on this replica any more. */
    private volatile boolean closing;
    /** Tests only: runs once the model is built, before Timefold gets the job (StopBeforeTheSolveStartsTest). */
    volatile Consumer<StoredPlan> beforeSolve = plan -> { };

    PlanSolving(SolverManagers solverManagers, MoveReview moveReview, PlanRegistry registry, PlanBounds bounds,
            PlanStore store, Scheduler scheduler, TransactionTemplate transactions, SolveQueue queue,
            StorageQuota quota, FairShare share, SolveMemory memory,
            @Value("${kam-planner.solver.max-solve-time:30m}") Duration maxSolveTime,
            @Value("${kam-planner.store.save-interval:5s}") Duration saveInterval,
            @Value("${db-scheduler.scheduler-name:}") String replica) {
        this.replica = replica.isBlank() ? ManagementFactory.getRuntimeMXBean().getName() : replica;
        this.registry = registry;
        this.store = store;
        this.scheduler = scheduler;
        this.transactions = transactions;
        this.queue = queue;
        this.quota = quota;
        this.share = share;
        this.memory = memory;
        this.tools = new SolveSession.Tools(solverManagers, store, bounds, moveReview, new SolveTimeCap(maxSolveTime),
                saveInterval);
        // Best solutions are saved as they come, at most one per interval; the saver's round catches the last
        // one of a burst, and brings what other replicas sent through the database (SolveSession#watch).
        long period = Math.max(1, saveInterval.toMillis() / 2);
        saver.scheduleWithFixedDelay(this::watch, period, period, TimeUnit.MILLISECONDS);
    }

    // ---- admission ------------------------------------------------------------------------------------

    /**
     * Stores a new plan and queues its solve; 429 or 503 (SolveQueueFullException) over a queue limit, 429
     * or 507 (StorageFullException) over a storage quota, and then nothing is stored. {@code recorded} (the audit
     * entry) is written in the same transaction.
     */
    void submit(StoredPlan plan, Runnable recorded) {
        admit(plan.client, () -> {
            store.insert(plan);
            quota.check(plan.client);
            scheduler.schedule(SolveTask.instance(plan.id), Instant.now());
            recorded.run();
        });
        registry.put(plan);
    }

    /**
     * A finished plan goes back into the queue, to be solved again from its best plan so far; {@code checked}
     * runs first in the admission's transaction (the approval check and the audit entry).
     *
     * @throws PlanConflictException (409) when it is still waiting or solving
     */
    void resume(StoredPlan plan, Runnable checked) {
        if (plan.snapshot().status().isFinal()) {
            SolveTask.awaitRemoved(scheduler, plan.id);
        }
        admit(store.header(plan.id).map(PlanStore.PlanRow::client).orElse(null), () -> {
            checked.run();
            if (!plan.restart()) {
                throw new PlanConflictException(plan.id, plan.snapshot().status(), "resumeWhileRunning");
            }
            store.clearStop(plan.id);
            store.save(plan);
            if (!scheduler.scheduleIfNotExists(SolveTask.instance(plan.id), Instant.now())) {
                // The execution of the last solve is still being removed; the plan would wait for no one.
                throw new PlanConflictException(plan.id, plan.snapshot().status(), "resumeWhileFinishing");
            }
        });
    }

    /**
     * The one way into the solve queue: the limits are counted (SolveQueue, under the admission lock) and
     * the plan's row and its execution written in one transaction, so that concurrent replicas cannot
     * overshoot the limits and there is never a row without its execution or the other way round.
     */
    private void admit(String client, Runnable enqueue) {
        inTransaction(() -> {
            queue.check(client);
            enqueue.run();
        });
        // db-scheduler's own immediate check ran inside the transaction, before its row could be seen.
        scheduler.triggerCheckForDueExecutions();
    }

    /** Stores a finished plan without queueing a solve; 429/507 (StorageFullException) over a storage quota. */
    void store(StoredPlan plan, Runnable recorded) {
        inTransaction(() -> {
            store.insert(plan);
            quota.check(plan.client);
            recorded.run();
        });
        registry.put(plan);
    }

    /** The plan's warning when it asks for more time than the server's cap on one solve; null within it. */
    String capWarning(PlanSettings settings) {
        return tools.cap().warning(settings);
    }

    // ---- the run ----------------------------------------------------------------------------------------

    /**
     * The solve-plan job (SolveTask) on whichever replica picked it: unless the plan's client has its share
     * of this replica's solver threads, solves the plan on this thread and returns when the solve has ended.
     */
    Outcome run(String id) {
        if (closing) {
            // Failed, so db-scheduler hands it to a replica that is not shutting down (SolveTask).
            throw new IllegalStateException("This replica is shutting down; plan " + id + " is solved elsewhere");
        }
        if (!share.start(id)) {
            return Outcome.OVER_SHARE;
        }
        try {
            return solve(id);
        } finally {
            share.finished(id);
        }
    }

    /**
     * Reads the plan, takes the next solve epoch and solves it. A plan whose previous solve died with its
     * replica, or was handed on by a shutdown, starts from its last saved best plan.
     */
    private Outcome solve(String id) {
        PlanStore.PlanRow header = store.header(id).orElse(null);
        if (header == null) {
            return Outcome.DONE; // purged before it was solved
        }
        // This JVM's copy only if it is the database's latest (the plan submitted here, say); a copy read
        // while another replica solved the plan would lose what that replica saved since.
        StoredPlan plan = registry.local(id);
        if (plan == null || !header.updatedAt().equals(plan.snapshot().readAt())) {
            plan = store.fromHeader(header);
        }
        if (plan.snapshot().status().isFinal()) {
            return Outcome.DONE; // stopped before it was solved
        }
        // The solve holds its share of the heap while it runs (SolveMemory): one that does not fit beside the
        // solves and bounds running here goes back into the queue unclaimed, and its contents leave the heap.
        if (!memory.tryHoldSolve(id, SolveMemory.solveNeed(plan.input()))) {
            plan.unload();
            return Outcome.NO_ROOM;
        }
        try {
            return claimAndSolve(id, header, plan);
        } finally {
            memory.releaseSolve(id);
        }
    }

    private Outcome claimAndSolve(String id, PlanStore.PlanRow header, StoredPlan plan) {
        Long epoch = store.claim(id, replica).orElse(null);
        if (epoch == null) {
            return Outcome.DONE;
        }
        SolveSession session = new SolveSession(plan, tools);
        // In the map before the plan reads as solved here: a stop or a leave that sees it so finds its session.
        solvingHere.put(id, session);
        plan.epoch(epoch);
        // A solve taken over (a crash, a handoff) runs only what is left of its time limit.
        plan.continuesAfter(Duration.ofMillis(header.spentMillis()));
        registry.put(plan);
        try {
            return session.run(epoch, beforeSolve) ? Outcome.HANDED_ON : Outcome.DONE;
        } finally {
            solvingHere.remove(id);
            plan.epoch(0);
            if (plan.snapshot().status().isFinal()) {
                registry.used(plan); // the newest finished plan; older ones beyond loaded-plans give theirs back
            }
        }
    }

    /** The ids of the plans this JVM solves now (ClusterTest: never one on two replicas). */
    Set<String> solvingHere() {
        return Set.copyOf(solvingHere.keySet());
    }

    /** The saver's round over the solves run here. */
    private void watch() {
        Instant now = Instant.now();
        for (SolveSession session : solvingHere.values()) {
            session.watch(now);
        }
    }

    // ---- requests on a queued or running solve ---------------------------------------------------------

    /**
     * KAMs leave a running solve, whichever replica is asked: the replica that runs it applies them as a
     * Timefold problem change (SolveSession#leave); any other, or this one before the search has started,
     * queues them in the database for the solving replica's saver round. SOLVING means a change is taken.
     *
     * @throws PlanConflictException when the plan is not solving (409)
     */
    void leave(StoredPlan plan, List<String> leavingKamIds) {
        PlanSnapshot now = plan.snapshot();
        if (now.status() != PlanStatus.SOLVING) {
            throw new PlanConflictException(plan.id, now.status(), "leaveNotSolving");
        }
        // The input names every KAM and whether it is active: all the check needs, no report to build.
        Leavers.check(plan.input(), leavingKamIds, "leavingKamIds");
        SolveSession session = now.solvedHere() ? solvingHere.get(plan.id) : null;
        if (session != null && session.takesChanges()) {
            session.leave(leavingKamIds);
        } else if (!store.queueChange(plan.id, leavingKamIds)) {
            throw new NotFoundException("Plan", plan.id);
        }
    }

    /** Stops the solve, wherever it runs; the best plan so far stays and is saved. */
    void stop(StoredPlan plan) {
        PlanSnapshot now = plan.snapshot();
        if (now.solvedHere()) {
            SolveSession session = solvingHere.get(plan.id);
            if (session != null) {
                session.stop();
            }
        } else if (!now.status().isFinal()) {
            stopElsewhere(plan);
        }
    }

    /** Removes a plan for good, stopping its solve first, wherever it runs. */
    void purge(StoredPlan plan) {
        PlanSnapshot now = plan.snapshot();
        if (now.solvedHere()) {
            SolveSession session = solvingHere.get(plan.id);
            if (plan.requestStop()) {
                if (session != null) {
                    session.terminate();
                }
                plan.finished(null);
            }
        } else if (!now.status().isFinal()) {
            stopElsewhere(plan); // its solve, wherever it runs, ends before the row goes
        }
        registry.remove(plan.id);
        store.delete(plan.id);
        plan.lifecycle("purged").log("Plan {} purged", plan.id);
    }

    /**
     * A stop of a plan this replica does not solve: the stop goes into the database, where the replica that
     * solves the plan reads it within half a save interval and stops, saving its best plan. A plan still
     * waiting for a solver thread is stopped here. Returns when the plan is final, or after three save
     * intervals and ten seconds: then the document says where it stands.
     */
    private void stopElsewhere(StoredPlan plan) {
        if (!store.requestStop(plan.id)) {
            return;
        }
        PlanStore.PlanRow header = store.header(plan.id).orElse(null);
        boolean picked = scheduler.getScheduledExecution(SolveTask.SOLVE_PLAN.instanceId(plan.id))
                .map(e -> e.isPicked()).orElse(false);
        if (header != null && PlanStatus.valueOf(header.status()) == PlanStatus.SCHEDULED && !picked) {
            // Taking an epoch fences out a replica that picks it meanwhile; that one then reads the stop.
            store.claim(plan.id, "stop").ifPresent(epoch -> {
                plan.epoch(epoch);
                plan.requestStop();
                plan.finished(null);
                store.save(plan);
                plan.epoch(0);
            });
        }
        Duration saveInterval = tools.saveInterval();
        Instant deadline = Instant.now().plus(saveInterval.multipliedBy(3)).plusSeconds(10);
        while (Instant.now().isBefore(deadline) && store.header(plan.id)
                .map(h -> !PlanStatus.valueOf(h.status()).isFinal()).orElse(false)) {
            try {
                Thread.sleep(Math.max(10, saveInterval.toMillis() / 4));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    // ---- start and shutdown -----------------------------------------------------------------------------

    /**
     * At start: an unfinished plan without a solve execution (stored by a version of the service before
     * the scheduler) gets one. Plans whose replica died keep theirs: db-scheduler revives it.
     */
    @EventListener(ApplicationReadyEvent.class)
    void queueOrphans() {
        for (PlanStore.PlanRow row : store.headers()) {
            if (!PlanStatus.valueOf(row.status()).isFinal()
                    && scheduler.scheduleIfNotExists(SolveTask.instance(row.id()), Instant.now())) {
                LOG.info("Plan {} was {} without a solve job: queued", row.id(), row.status());
            }
        }
    }

    /**
     * On shutdown (SIGTERM), first thing, before db-scheduler stops (it waits for its tasks, which are
     * these solves): running solves are handed on. Each ends here with its best plan and the time it used
     * saved, still unfinished, and its job goes back into the queue ({@link Outcome#HANDED_ON}), where
     * another replica picks it up and solves on for the time that is left; a single replica does so after
     * its restart. A plan submitted while the requests in flight finish is not started here. An event, not
     * a SmartLifecycle: ContextClosedEvent comes before any lifecycle bean stops (the web server's graceful
     * shutdown, db-scheduler), so the database and the solver threads are still there.
     */
    @EventListener(ContextClosedEvent.class)
    void shutdown() {
        closing = true;
        saver.shutdownNow();
        store.close();
        for (SolveSession session : solvingHere.values()) {
            session.handOn();
        }
    }

    /**
     * A transaction that cannot start for want of a connection is the database being unreachable, as the
     * web layer answers it (503), not an unexpected error.
     */
    private void inTransaction(Runnable work) {
        try {
            transactions.executeWithoutResult(tx -> work.run());
        } catch (CannotCreateTransactionException e) {
            throw new DataAccessResourceFailureException("The database is unreachable", e);
        }
    }
}
