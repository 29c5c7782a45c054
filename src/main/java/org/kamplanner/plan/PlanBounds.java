package org.kamplanner.plan;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.kamplanner.bound.LowerBound;
import org.kamplanner.bound.PlanBound;
import org.kamplanner.domain.AssignmentPlan;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import jakarta.annotation.PreDestroy;

/**
 * Computes each plan's quality certificate (docs/bound.md) after its solve, on a bounded pool of its
 * own: the first plan and the solve never wait for it. The plan shows COMPUTING until the result is
 * there; when the queue is full the bound is UNAVAILABLE with that reason rather than late.
 */
@Component
class PlanBounds {

    private static final Logger LOG = LoggerFactory.getLogger(PlanBounds.class);

    private final PlanStore store;
    private final PlanRegistry registry;
    private final SolveMemory memory;
    private final LowerBound lowerBound = new LowerBound();
    private final Duration timeLimit;
    private final ThreadPoolExecutor pool;

    PlanBounds(PlanStore store, PlanRegistry registry, SolveMemory memory,
            @Value("${kam-planner.bound.time-limit:60s}") Duration timeLimit,
            @Value("${kam-planner.bound.threads:1}") int threads,
            @Value("${kam-planner.bound.queue:16}") int queue) {
        this.store = store;
        this.registry = registry;
        this.memory = memory;
        this.timeLimit = timeLimit;
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), runnable -> {
                    Thread thread = new Thread(runnable, "plan-bound");
                    thread.setDaemon(true);
                    thread.setPriority(Thread.MIN_PRIORITY);
                    return thread;
                });
    }

    /**
     * Starts computing the bound of the plan's best solution as it stands now. The queued task holds the
     * plan, not its model: a finished plan may give its contents back while it waits, and reads them
     * again when its turn comes, so a queue of large plans does not pin them all on the heap.
     */
    void computeLater(StoredPlan plan) {
        long version = plan.snapshot().version();
        plan.bound(PlanBound.computing());
        store.saveBound(plan); // every replica says it is coming
        try {
            pool.execute(() -> {
                // A newer solve or an edit may have changed the plan meanwhile: its own bound follows.
                if (plan.snapshot().version() != version) {
                    return;
                }
                AssignmentPlan best = plan.best();
                PlanBound result;
                try {
                    // The certificate holds the most heap of anything here: it waits for room (SolveMemory).
                    memory.holdBound(plan.id, LowerBound.heapNeed(best));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return; // the service is stopping: the plan shows COMPUTING until it is solved again
                }
                try {
                    result = compute(best);
                } finally {
                    memory.releaseBound(plan.id);
                }
                if (plan.snapshot().version() == version) {
                    plan.bound(result);
                    store.saveBound(plan);
                }
                registry.trim(); // plan.best() may have read the plan back from the database
            });
        } catch (RejectedExecutionException e) {
            plan.bound(PlanBound.unavailable("too many bounds are being computed; solve the plan again later "
                    + "to compute it", 0));
            store.saveBound(plan);
        }
    }

    /** The bound of a plan computed now, on the caller's thread (PUT /plans/analyze?bound=true, the CLI). */
    PlanBound compute(AssignmentPlan plan) {
        try {
            return lowerBound.compute(plan, timeLimit);
        } catch (RuntimeException e) {
            LOG.warn("Bound computation failed", e);
            return PlanBound.unavailable("the bound could not be computed; the error is logged on the server", 0);
        } catch (OutOfMemoryError e) {
            // LowerBound refuses plans whose pairs cannot fit; this is the heap filling up meanwhile. The
            // bound's arrays are this thread's alone and gone once it unwinds, so the service goes on.
            LOG.warn("Bound computation ran out of memory for {} accounts × {} KAMs", plan.getAccounts().size(),
                    plan.getKams().size(), e);
            return PlanBound.unavailable("the server ran out of memory computing the bound of "
                    + plan.getAccounts().size() + " accounts × " + plan.getKams().size() + " KAMs; give the "
                    + "service more heap (-Xmx) for it", 0);
        }
    }

    @PreDestroy
    void shutdown() {
        pool.shutdownNow();
    }
}
