package org.kamplanner.plan;

import org.kamplanner.errors.NotFoundException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The plans as this replica sees them. Every replica answers the same (docs/deployment.md): a plan solved on
 * this JVM is its live copy; any other is read from the database, its header on each request, its contents
 * (document and model) only when its row has changed since this copy was read.
 */
@Component
public class PlanRegistry {

    private final Map<String, StoredPlan> plans = new ConcurrentHashMap<>();
    /** The plans by last use, least recent first: the finished ones at the front give their memory back. */
    private final Map<String, StoredPlan> recentlyUsed = new LinkedHashMap<>(16, 0.75f, true);
    private final PlanStore store;
    private final int loadedPlans;

    PlanRegistry(PlanStore store, @Value("${kam-planner.store.loaded-plans:2}") int loadedPlans) {
        this.store = store;
        this.loadedPlans = loadedPlans;
    }

    /** @throws NotFoundException (404) when no plan has this id */
    StoredPlan find(String id) {
        StoredPlan plan = plans.get(id);
        if (plan == null || !plan.snapshot().solvedHere()) {
            PlanStore.PlanRow header = store.header(id).orElse(null);
            if (header == null) {
                remove(id);
                throw new NotFoundException("Plan", id);
            }
            if (plan == null || !header.updatedAt().equals(plan.snapshot().readAt())) {
                plan = put(store.fromHeader(header));
            }
        }
        used(plan);
        return plan;
    }

    /** This JVM's copy of a plan it solves, or null: the solve task then reads the plan from the database. */
    StoredPlan local(String id) {
        return plans.get(id);
    }

    /**
     * A plan this JVM has just stored, read, or starts solving; returns the copy the registry holds now. The
     * copy this JVM solves is never replaced by one that it does not solve: the solve task may claim the plan
     * before PlanSolving#submit puts its copy, and a reader may put a copy read from the database while the
     * solve starts. Replaced, the live copy would be lost to every request (the plan would read SOLVING from
     * the database, yet a leave would be refused as if another replica solved it).
     */
    synchronized StoredPlan put(StoredPlan plan) {
        StoredPlan previous = plans.get(plan.id);
        if (previous == plan) {
            return plan;
        }
        if (previous != null && previous.snapshot().solvedHere() && !plan.snapshot().solvedHere()) {
            return previous;
        }
        plans.put(plan.id, plan);
        recentlyUsed.remove(plan.id);
        // A plan just stored or read joins the plans that may give their contents back; a new one waits.
        recentlyUsed.put(plan.id, plan);
        trim(null);
        return plan;
    }

    /** A bound read a finished plan back to certify it: the plans loaded beyond the limit give theirs back. */
    synchronized void trim() {
        trim(null);
    }

    /** The caller is about to read the plan's contents (or its solve has just ended): it is the most recent. */
    synchronized void used(StoredPlan plan) {
        recentlyUsed.put(plan.id, plan);
        trim(plan);
    }

    /**
     * Keeps the contents of at most {@code kam-planner.store.loaded-plans} finished plans in memory besides
     * the ones being solved: the least recently used give theirs back (they are in the database). A plan
     * waiting for a solver thread gives them back at once: its solve reads them again when it starts.
     * Measured (benchmarks/solve-heap.sh): before this, every submitted plan kept its document and model
     * until someone read it after it finished, so eight plans at a 2 MB body cap held eight documents and
     * six models (87 MB of a 300 MB heap) with nothing running.
     */
    private void trim(StoredPlan inHand) {
        int loaded = 0;
        List<StoredPlan> newestFirst = new ArrayList<>(recentlyUsed.values());
        Collections.reverse(newestFirst);
        for (StoredPlan candidate : newestFirst) {
            PlanStatus status = candidate.snapshot().status();
            if (candidate != inHand && status == PlanStatus.SCHEDULED) {
                candidate.unload();
            // The plan in hand counts as loaded: the caller is about to read it.
            } else if ((candidate == inHand || candidate.isLoaded()) && status.isFinal()
                    && ++loaded > loadedPlans) {
                candidate.unload();
            }
        }
    }

    /** The copies this replica holds (tests look at what is loaded). */
    Collection<StoredPlan> all() {
        return plans.values();
    }

    synchronized void remove(String id) {
        plans.remove(id);
        recentlyUsed.remove(id);
    }
}
