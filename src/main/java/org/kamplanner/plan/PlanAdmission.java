package org.kamplanner.plan;

import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.support.TransactionTemplate;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.TaskInstance;

/**
 * Plans into and out of the solve queue, over all replicas: the queue is the database's unfinished plans
 * and their solve-plan executions (SolveTask). Admission counts and stores under one lock, so concurrent
 * replicas cannot overshoot the limits (PlanRegistry#checkQueue); the plan's row and its execution are
 * written in one transaction, so there is never one without the other.
 */
@Component
class PlanAdmission {

    private static final Logger LOG = LoggerFactory.getLogger(PlanAdmission.class);

    private final PlanStore store;
    private final PlanRegistry registry;
    private final Scheduler scheduler;
    private final TransactionTemplate transactions;
    private final StorageQuota quota;

    private final Duration saveInterval;

    PlanAdmission(PlanStore store, PlanRegistry registry, Scheduler scheduler, TransactionTemplate transactions,
            StorageQuota quota, @Value("${kam-planner.store.save-interval:5s}") Duration saveInterval) {
        this.quota = quota;
        this.store = store;
        this.saveInterval = saveInterval;
        this.registry = registry;
        this.scheduler = scheduler;
        this.transactions = transactions;
    }

    /**
     * Stores a new plan and queues its solve; 429 or 503 (SolveQueueFullException) when over a queue limit,
     * 429 or 507 (StorageFullException) when over a storage quota, and then nothing is stored.
     */
    void submit(StoredPlan plan) {
        inTransaction(() -> {
            checkQueue(plan.client);
            store.insert(plan);
            quota.check(plan.client);
            scheduler.schedule(solveTask(plan.id), Instant.now());
        });
        // db-scheduler's own immediate check ran inside the transaction, before its row could be seen.
        scheduler.triggerCheckForDueExecutions();
    }

    /** Stores a finished plan without queueing a solve; 429 or 507 (StorageFullException) over a storage quota. */
    void store(StoredPlan plan) {
        inTransaction(() -> {
            store.insert(plan);
            quota.check(plan.client);
        });
    }

    /**
     * A finished plan goes back into the queue, to be solved again from its best plan so far.
     *
     * @throws PlanConflictException (409) when it is still waiting or solving
     */
    void resume(StoredPlan plan) {
        inTransaction(() -> {
            checkQueue(store.header(plan.id).map(PlanStore.PlanRow::client).orElse(null));
            if (!plan.restart()) {
                throw new PlanConflictException(plan.id, plan.status(), "resumeWhileRunning");
            }
            store.clearStop(plan.id);
            store.save(plan);
            if (!scheduler.scheduleIfNotExists(solveTask(plan.id), Instant.now())) {
                // The execution of the last solve is still being removed; the plan would wait for no one.
                throw new PlanConflictException(plan.id, plan.status(), "resumeWhileFinishing");
            }
        });
        scheduler.triggerCheckForDueExecutions();
    }

    /**
     * A stop (or purge) of a plan this replica does not solve: the stop goes into the database, where the
     * replica that solves the plan reads it within half a save interval and stops, saving its best plan.
     * A plan still waiting for a solver thread is stopped here. Returns when the plan is final, or after
     * three save intervals and ten seconds: then the document says where it stands.
     */
    void stopElsewhere(StoredPlan plan) {
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

    /**
     * At start: an unfinished plan without a solve execution (stored by a version of the service before
     * the scheduler) gets one. Plans whose replica died keep theirs: db-scheduler revives it.
     */
    @EventListener(ApplicationReadyEvent.class)
    void queueOrphans() {
        for (PlanStore.PlanRow row : store.headers()) {
            if (!PlanStatus.valueOf(row.status()).isFinal()
                    && scheduler.scheduleIfNotExists(solveTask(row.id()), Instant.now())) {
                LOG.info("Plan {} was {} without a solve job: queued", row.id(), row.status());
            }
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

    private void checkQueue(String client) {
        store.lockAdmission();
        registry.checkQueue(store.countUnfinished(null), client == null ? 0 : store.countUnfinished(client), client);
    }

    private static TaskInstance<Void> solveTask(String planId) {
        return SolveTask.SOLVE_PLAN.instance(planId).build();
    }
}
