package org.kamplanner.plan;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * How many plans may wait or solve at once, over all replicas: at most
 * {@code kam-planner.solver.max-unfinished-plans} in all and {@code max-unfinished-plans-per-client} of one
 * client, so a burst of submissions is answered with 429 or 503 instead of a queue that outgrows memory.
 * A client with its quota waits for one of its own (429); the others are not affected. Only when all
 * clients together fill the queue does everyone wait (503).
 */
@Component
class SolveQueue {

    private final PlanCounts store;
    private final int maxUnfinishedPlans;
    private final int maxUnfinishedPerClient;

    SolveQueue(PlanCounts store,
            @Value("${kam-planner.solver.max-unfinished-plans:20}") int maxUnfinishedPlans,
            @Value("${kam-planner.solver.max-unfinished-plans-per-client:5}") int maxUnfinishedPerClient) {
        this.store = store;
        this.maxUnfinishedPlans = maxUnfinishedPlans;
        this.maxUnfinishedPerClient = maxUnfinishedPerClient;
    }

    /**
     * Before a plan of {@code client} (null: unknown) joins the queue. Takes the admission lock until the
     * transaction ends, so that concurrent replicas cannot overshoot the limits between count and insert.
     */
    void check(String client) {
        store.lockAdmission();
        check(store.countUnfinished(null), client == null ? 0 : store.countUnfinished(client), client);
    }

    /** The rule on the counts: 429 over the client's quota, 503 when the whole queue is full. */
    void check(int unfinished, int unfinishedOfClient, String client) {
        if (client != null && unfinishedOfClient >= maxUnfinishedPerClient) {
            throw SolveQueueFullException.clientQuota(maxUnfinishedPerClient);
        }
        if (unfinished >= maxUnfinishedPlans) {
            throw new SolveQueueFullException(maxUnfinishedPlans);
        }
    }
}
