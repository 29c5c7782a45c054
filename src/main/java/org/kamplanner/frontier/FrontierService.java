package org.kamplanner.frontier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.kamplanner.audit.AuditLog;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.errors.NotFoundException;
import org.kamplanner.plan.PlanService;
import org.kamplanner.plan.PlanStatus;
import org.kamplanner.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The hand-over frontier (docs/model.md, "The hand-over frontier"): one stored plan per cap on the hand-overs,
 * each a normal plan of the solve queue. A new frontier is checked and stored here; {@link FrontierRounds}
 * submits its points as the queue has room; a read puts each point's plan figures beside its cap.
 */
@Service
public class FrontierService {

    private static final Logger LOG = LoggerFactory.getLogger(FrontierService.class);

    private final FrontierStore store;
    private final PlanService plans;
    private final PlanValidator validator;
    private final ObjectMapper mapper;
    private final FrontierRounds rounds;
    private final AuditLog audit;

    FrontierService(FrontierStore store, PlanService plans, PlanValidator validator, ObjectMapper mapper,
            FrontierRounds rounds, AuditLog audit) {
        this.store = store;
        this.plans = plans;
        this.validator = validator;
        this.mapper = mapper;
        this.rounds = rounds;
        this.audit = audit;
    }

    /**
     * Checks and stores a frontier of the source plan and submits its first points. The source is read as
     * submitted (its incumbents and settings), so a source still solving is accepted: its solve changes
     * neither. Nothing is stored for a bad request.
     *
     * @throws NotFoundException (404) for an unknown source plan
     * @throws org.kamplanner.document.InvalidPlanException (400) for bad caps, a source without incumbents, or
     *         settings that make an invalid plan (at their paths {@code settings.…})
     */
    public FrontierSubmitted create(String sourcePlanId, FrontierRequest request, String client) {
        FrontierRequest body = request == null ? new FrontierRequest(null, null) : request;
        List<Integer> caps = FrontierPlans.check(body.maxMovedAccounts());
        PlanDocument source = plans.document(sourcePlanId);
        FrontierPlans.checkIncumbents(source);
        // Every point differs from the first only in its cap: one check says whether the settings make a plan.
        validator.validate(FrontierPlans.point(source, body.settings(), caps.get(0)));
        FrontierStore.FrontierRow row = new FrontierStore.FrontierRow(UUID.randomUUID().toString(), sourcePlanId,
                client, Caller.current().name(), json(body.settings()), body.maxMovedAccounts() == null, Instant.now());
        store.insert(row, caps, () -> {
            if (row.defaultCaps()) {
                audit.record(AuditLog.Action.FRONTIER, sourcePlanId, "audit.detail.frontierAskedDefault", row.id());
            } else {
                audit.record(AuditLog.Action.FRONTIER, sourcePlanId, "audit.detail.frontierAsked", row.id(),
                        capsText(caps));
            }
        });
        LOG.info("Frontier {} of plan {}: {}", row.id(), sourcePlanId,
                row.defaultCaps() ? "default caps" : caps);
        rounds.advance(row.id());
        return new FrontierSubmitted(row.id(), PlanStatus.SOLVING.name());
    }

    /** The frontier as it stands, its points by cap (no cap last) with their plans' figures so far. */
    public Frontier read(String id) {
        FrontierStore.FrontierRow row = store.find(id).orElseThrow(() -> new NotFoundException("Frontier", id));
        List<FrontierPoint> points = new ArrayList<>();
        boolean done = !row.defaultCaps();
        for (FrontierStore.PointRow p : store.points(id)) {
            FrontierPoint point = point(p);
            points.add(point);
            done &= FrontierRounds.isFinal(point.status());
        }
        points.sort((a, b) -> FrontierPlans.BY_CAP.compare(a.maxMovedAccounts(), b.maxMovedAccounts()));
        return new Frontier(id, row.sourcePlanId(), done ? PlanStatus.COMPLETED.name() : PlanStatus.SOLVING.name(),
                points, FrontierSteps.of(points));
    }

    private FrontierPoint point(FrontierStore.PointRow p) {
        if (p.error() != null) {
            return FrontierPoint.without(p.maxMovedAccounts(), null, PlanStatus.FAILED.name(), p.error());
        }
        if (p.planId() == null) {
            return FrontierPoint.without(p.maxMovedAccounts(), null, FrontierRounds.WAITING, null);
        }
        PlanDocument plan;
        try {
            plan = plans.document(p.planId());
        } catch (NotFoundException e) {
            return FrontierPoint.without(p.maxMovedAccounts(), p.planId(), FrontierRounds.PURGED, null);
        }
        PlanDocument.Summary summary = plan.summary();
        if (plan.score() == null || summary == null) {
            return FrontierPoint.without(p.maxMovedAccounts(), p.planId(), plan.status(), null);
        }
        Long workload = FrontierPlans.workloadPenalty(plans.analysis(p.planId(), true));
        return new FrontierPoint(p.maxMovedAccounts(), p.planId(), plan.status(), plan.score(),
                FrontierPlans.handOvers(plan), summary.utilizationMin(), summary.utilizationMax(),
                summary.totalTravelMinutes(), workload, summary.bound(), null);
    }

    private String json(PlanDocument.Settings settings) {
        try {
            return settings == null ? null : mapper.writeValueAsString(settings);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("settings not writable as JSON", e);
        }
    }

    /** The caps as the audit log shows them: "0, 10, 25, no cap". */
    private static String capsText(List<Integer> caps) {
        return String.join(", ", caps.stream().map(c -> c == null ? "no cap" : c.toString()).toList());
    }
}
