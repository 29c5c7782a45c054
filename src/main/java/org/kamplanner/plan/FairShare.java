package org.kamplanner.plan;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * A client's share of this replica's solver threads: at most {@code kam-planner.solver.max-solving-per-client}
 * solves of one client at once, by default half the threads rounded up (issue 30: two day-long plans of one
 * client held both threads for 30 minutes while everyone else's waited). A plan over its client's share is
 * not started: SolveTask puts it back in the queue a few seconds later, behind the plans that waited
 * meanwhile, so another client's plan waits at most for one of the solves of the other clients' shares,
 * never for a second long solve of the same client. The share is strict, also when no one else waits:
 * without stopping a running solve, a second solve started on an idle service could not be given back
 * when another client arrives. The count is this replica's (its threads are what is shared), under this
 * object's lock, as db-scheduler's threads of one replica pick plans at once.
 */
@Component
class FairShare {

    private final PlanStore store;
    private final int maxPerClient;
    /** The plans solving here by id, each with its client ("" when unknown). */
    private final Map<String, String> solving = new HashMap<>();

    FairShare(PlanStore store, @Value("${db-scheduler.threads:1}") int threads,
            @Value("${kam-planner.solver.max-solving-per-client:0}") int maxPerClient) {
        this.store = store;
        this.maxPerClient = maxPerClient > 0 ? maxPerClient : (Math.max(1, threads) + 1) / 2;
    }

    /** True, and the plan counts as solving here, unless its client already has its share solving here. */
    synchronized boolean start(String planId) {
        String client = store.header(planId).map(PlanStore.PlanRow::client).map(Objects::toString).orElse("");
        long ofClient = solving.values().stream().filter(client::equals).count();
        if (ofClient >= maxPerClient) {
            return false;
        }
        solving.put(planId, client);
        return true;
    }

    synchronized void finished(String planId) {
        solving.remove(planId);
    }

    int maxPerClient() {
        return maxPerClient;
    }
}
