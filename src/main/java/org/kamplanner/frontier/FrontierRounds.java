package org.kamplanner.frontier;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.errors.NotFoundException;
import org.kamplanner.plan.Lineage;
import org.kamplanner.plan.PlanService;
import org.kamplanner.plan.PlanStatus;
import org.kamplanner.solver.search.SolveMode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Submits the points of every frontier, on every replica, a round each {@code kam-planner.frontier.round}: at
 * most {@code kam-planner.frontier.parallel-points} unfinished plans of one frontier at a time (by default the
 * replica's solver threads), the next when one finishes. So a frontier of 12 points never meets the per-client
 * quota of unfinished plans at once: a point the queue refuses (429 or 503) waits for the next round, and the
 * frontier itself is never refused for it. Its plans solve under the normal queue's rules (FairShare,
 * SolveMemory), in parallel as far as the client's share of the threads allows. A replica claims a point in the
 * database before it submits it, so two replicas never submit the same point.
 */
@Component
class FrontierRounds {

    private static final Logger LOG = LoggerFactory.getLogger(FrontierRounds.class);
    /** A point not yet submitted. */
    static final String WAITING = "WAITING";
    /** A point whose plan was purged since. */
    static final String PURGED = "PURGED";

    private final FrontierStore store;
    private final PlanService plans;
    private final ObjectMapper mapper;
    private final int parallelPoints;
    private final ScheduledExecutorService rounds = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "frontier-rounds");
        thread.setDaemon(true);
        return thread;
    });

    FrontierRounds(FrontierStore store, PlanService plans, ObjectMapper mapper,
            @Value("${kam-planner.frontier.parallel-points:0}") int parallelPoints,
            @Value("${db-scheduler.threads:1}") int threads,
            @Value("${kam-planner.frontier.round:2s}") Duration round) {
        this.store = store;
        this.plans = plans;
        this.mapper = mapper;
        this.parallelPoints = parallelPoints > 0 ? parallelPoints : Math.max(1, threads);
        rounds.scheduleWithFixedDelay(this::round, round.toMillis(), round.toMillis(), TimeUnit.MILLISECONDS);
    }

    static boolean isFinal(String status) {
        return PURGED.equals(status) || (!WAITING.equals(status) && status != null && PlanStatus.valueOf(status).isFinal());
    }

    @EventListener(ContextClosedEvent.class)
    void close() {
        rounds.shutdownNow();
    }

    private void round() {
        try {
            store.unsubmitted().forEach(this::advance);
        } catch (RuntimeException e) {
            // The database may be away for a moment: the next round tries again.
            LOG.warn("Frontier round failed: {}", e.toString());
        }
    }

    /** Spreads the default caps once the uncapped point is done, then submits points while there is room. */
    synchronized void advance(String frontierId) {
        FrontierStore.FrontierRow row = store.find(frontierId).orElse(null);
        if (row == null) {
            return;
        }
        List<FrontierStore.PointRow> points = store.points(frontierId);
        int unfinished = 0;
        for (FrontierStore.PointRow p : points) {
            if (p.planId() != null && !isFinal(status(p.planId()))) {
                unfinished++;
            }
        }
        if (row.defaultCaps() && !points.isEmpty() && points.get(0).planId() != null
                && isFinal(status(points.get(0).planId()))) {
            List<Integer> caps = uncappedHandOvers(points.get(0).planId());
            if (store.spread(frontierId, caps)) {
                LOG.info("Frontier {}: caps {} spread from the uncapped plan", frontierId, caps);
            }
            points = store.points(frontierId);
        }
        for (FrontierStore.PointRow p : points) {
            if (unfinished >= parallelPoints) {
                return;
            }
            if (p.planId() == null && p.error() == null && store.claim(frontierId, p.position(), Instant.now())) {
                if (submit(row, p)) {
                    unfinished++;
                } else {
                    return; // the queue is full: the next round tries again
                }
            }
        }
    }

    /**
     * The one place where a frontier point's plan is submitted: the source document with the cap, through the
     * normal solve queue, as the frontier's client; a FRONTIER child of the source, made by whoever asked for
     * the frontier (this runs on a scheduler's thread, where there is no caller).
     *
     * @return false when the queue had no room (the point waits for the next round)
     */
    private boolean submit(FrontierStore.FrontierRow row, FrontierStore.PointRow p) {
        try {
            PlanDocument source = plans.document(row.sourcePlanId());
            PlanDocument point = FrontierPlans.point(source, settings(row), p.maxMovedAccounts());
            PlanService.Submitted submitted = plans.submit(point, SolveMode.ANNUAL, List.of(), row.client(),
                    new Lineage(Lineage.Origin.FRONTIER, row.sourcePlanId(), row.createdBy()));
            store.submitted(row.id(), p.position(), submitted.id());
            LOG.info("Frontier {}: cap {} solved as plan {}", row.id(), p.maxMovedAccounts(), submitted.id());
            return true;
        } catch (InvalidPlanException | NotFoundException e) {
            // The source was purged, or its document no longer makes a plan: this point will never have one.
            store.failed(row.id(), p.position(), e.getBody().getDetail() != null ? e.getBody().getDetail() : e.getMessage());
            return true;
        } catch (ErrorResponseException e) {
            store.release(row.id(), p.position());
            return false;
        }
    }

    private List<Integer> uncappedHandOvers(String planId) {
        try {
            return FrontierPlans.spread(FrontierPlans.handOvers(plans.document(planId)));
        } catch (NotFoundException e) {
            return List.of(); // purged before its hand-overs were read: nothing to spread from
        }
    }

    private String status(String planId) {
        try {
            return plans.status(planId).status().name();
        } catch (NotFoundException e) {
            return PURGED;
        }
    }

    private PlanDocument.Settings settings(FrontierStore.FrontierRow row) {
        try {
            return row.settings() == null ? null : mapper.readValue(row.settings(), PlanDocument.Settings.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("frontier " + row.id() + ": stored settings unreadable", e);
        }
    }
}
