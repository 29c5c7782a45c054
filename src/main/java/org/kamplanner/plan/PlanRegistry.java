package org.kamplanner.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The plans of this instance in memory, and admission: at most
 * {@code kam-planner.solver.max-unfinished-plans} plans wait or solve at once, and at most
 * {@code kam-planner.solver.max-unfinished-plans-per-client} of one client, so a burst of submissions is
 * answered with 429 or 503 instead of a queue that outgrows memory and locks everybody else out.
 */
@Component
public class PlanRegistry {

    private final Map<String, StoredPlan> plans = new ConcurrentHashMap<>();
    /** The plans by last use, least recent first: the finished ones at the front give their memory back. */
    private final Map<String, StoredPlan> recentlyUsed = new LinkedHashMap<>(16, 0.75f, true);
    private final int maxUnfinishedPlans;
    private final int maxUnfinishedPerClient;
    private final int loadedPlans;

    PlanRegistry(@Value("${kam-planner.solver.max-unfinished-plans:20}") int maxUnfinishedPlans,
            @Value("${kam-planner.solver.max-unfinished-plans-per-client:5}") int maxUnfinishedPerClient,
            @Value("${kam-planner.store.loaded-plans:2}") int loadedPlans) {
        this.maxUnfinishedPlans = maxUnfinishedPlans;
        this.maxUnfinishedPerClient = maxUnfinishedPerClient;
        this.loadedPlans = loadedPlans;
    }

    /** @throws NotFoundException (404) when no plan has this id */
    StoredPlan find(String id) {
        StoredPlan plan = plans.get(id);
        if (plan == null) {
            throw new NotFoundException("Plan", id);
        }
        used(plan);
        return plan;
    }

    /**
     * Keeps the contents of at most {@code kam-planner.store.loaded-plans} finished plans in memory besides
     * the ones being solved: the least recently used give theirs back (they are in the database).
     */
    private synchronized void used(StoredPlan plan) {
        recentlyUsed.put(plan.id, plan);
        int loaded = 0;
        List<StoredPlan> newestFirst = new ArrayList<>(recentlyUsed.values());
        Collections.reverse(newestFirst);
        for (StoredPlan candidate : newestFirst) {
            // The plan in hand counts as loaded: the caller is about to read it.
            if ((candidate == plan || candidate.isLoaded()) && candidate.status().isFinal() && ++loaded > loadedPlans) {
                candidate.unload();
            }
        }
    }

    /** A new plan joins the queue. Counting the unfinished plans and adding one is one step, or concurrent clients overshoot. */
    synchronized void admit(StoredPlan plan) {
        checkQueue(plan.client);
        plans.put(plan.id, plan);
    }

    /**
     * A finished plan goes back into the queue to be solved again.
     *
     * @throws PlanConflictException (409) when it is still waiting or solving
     */
    synchronized void readmit(StoredPlan plan) {
        checkQueue(plan.client);
        if (!plan.restart()) {
            throw new PlanConflictException(plan.id, plan.status(), "is still " + plan.status().name().toLowerCase());
        }
    }

    /** A plan read back from the database at start: not counted against the queue, it is not solving. */
    void restored(StoredPlan plan) {
        plans.put(plan.id, plan);
    }

    synchronized void remove(String id) {
        plans.remove(id);
        recentlyUsed.remove(id);
    }

    Collection<StoredPlan> all() {
        return plans.values();
    }

    /** Oldest first, ties by id: the order of GET /plans. */
    List<StoredPlan> byCreation() {
        return plans.values().stream()
                .sorted(Comparator.comparing((StoredPlan p) -> p.createdAt).thenComparing(p -> p.id))
                .toList();
    }

    /**
     * A client with its quota of unfinished plans waits for one of its own (429); the others are not
     * affected. Only when all clients together fill the queue does everyone wait (503).
     */
    private void checkQueue(String client) {
        if (client != null && plans.values().stream()
                .filter(p -> client.equals(p.client) && !p.status().isFinal()).count() >= maxUnfinishedPerClient) {
            throw SolveQueueFullException.clientQuota(maxUnfinishedPerClient);
        }
        if (plans.values().stream().filter(p -> !p.status().isFinal()).count() >= maxUnfinishedPlans) {
            throw new SolveQueueFullException(maxUnfinishedPlans);
        }
    }
}
