package org.kamplanner.plan;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.kamplanner.audit.AuditLog;
import org.kamplanner.bound.PlanBound;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanReport;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.explain.PlanAnalysis;
import org.kamplanner.explain.PlanExplainer;
import org.kamplanner.explain.UnassignedReasons;
import org.kamplanner.rebalance.MoveReport;
import org.kamplanner.rebalance.RebalanceRequest;
import org.kamplanner.rebalance.Rebalancer;
import org.kamplanner.solver.search.SolveMode;
import org.kamplanner.security.Caller;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * What the endpoints do with plans: submit one (validate, store, start solving), read it as it stands,
 * stop, resume, purge, and explain it. A plan's life (admission, its solve, a stop, KAMs leaving) is
 * PlanSolving's; reads come from the registry (the plans as this replica sees them), lists from PlanStore.
 */
@Service
public class PlanService {

    public record Submitted(String id, PlanStatus status) {
    }

    /** The cheap poll; {@code boundStatus} says whether the quality certificate is there yet (null: none). */
    /**
     * {@code elapsedSeconds}: how long the current (or last) solve has run, null before one starts;
     * {@code remainingSeconds}: while solving, the most it may still run (terminationSeconds, or sooner
     * once unimprovedSeconds pass without a better score), 0 once it ended, null while waiting.
     */
    public record PlanStatusView(String id, PlanStatus status, String score, Boolean feasible, String boundStatus,
            Double elapsedSeconds, Double remainingSeconds) {
    }

    /** A plan in the list, with its lineage ({@link Lineage}) and approval: enough to draw its family. */
    public record PlanListItem(String id, String name, PlanStatus status, String score, Boolean feasible,
            Instant createdAt, String createdBy, String parentPlanId, Lineage.Origin origin, Approval approval) {
    }

    /** GET /plans/{id}: the document as it stands, and who made the plan, when, how, from which plan; its approval. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({ "document", "createdBy", "createdAt", "parentPlanId", "origin", "approval" })
    public record PlanView(@JsonUnwrapped PlanDocument document, String createdBy, Instant createdAt,
            String parentPlanId, Lineage.Origin origin, Approval approval) {
    }

    private final PlanRegistry registry;
    private final PlanSolving solving;
    private final PlanStore store;
    private final PlanBounds bounds;
    private final PlanExplainer explainer;
    private final PlanValidator validator;
    private final ApprovalStore approvals;
    private final AuditLog audit;

    PlanService(PlanRegistry registry, PlanSolving solving, PlanStore store, PlanBounds bounds,
            PlanExplainer explainer, PlanValidator validator, ApprovalStore approvals, AuditLog audit) {
        this.approvals = approvals;
        this.audit = audit;
        this.registry = registry;
        this.solving = solving;
        this.store = store;
        this.bounds = bounds;
        this.explainer = explainer;
        this.validator = validator;
    }

    public Submitted submit(PlanDocument document, String client) {
        return submit(document, client, Lineage.of(Lineage.Origin.SUBMITTED, null));
    }

    /**
     * As {@link #submit(PlanDocument, String)}, for the stored plan {@code fromPlanId} as the planner edited it
     * (the page's pins, hand assignments and settings): an EDITED child of that plan.
     *
     * @throws org.kamplanner.errors.NotFoundException (404) when there is no such plan
     */
    public Submitted submitEdited(PlanDocument document, String client, String fromPlanId) {
        registry.find(fromPlanId);
        return submit(document, client, Lineage.of(Lineage.Origin.EDITED, fromPlanId));
    }

    /** As {@link #submit(PlanDocument, String)}, made as {@code lineage} says (an import: IMPORTED, no parent). */
    public Submitted submit(PlanDocument document, String client, Lineage lineage) {
        return submit(document, SolveMode.ANNUAL, List.of(), client, lineage);
    }

    /**
     * Validates, stores and starts solving a document. The mode comes from settings.mode, else from the
     * endpoint ({@code endpointMode}), and is written into the stored document so that it shows which
     * search made the plan. {@code notes} go first in the plan's warnings (a rebalance says there how
     * many accounts it orphaned). {@code client} (the authenticated name, or null) counts against its quota.
     * {@code lineage} says how the plan was made and from which plan ({@link Lineage#of}); the audit entry
     * (its action from the origin) is written in the transaction that stores the plan.
     */
    public Submitted submit(PlanDocument document, SolveMode endpointMode, List<String> notes, String client,
            Lineage lineage) {
        validator.validate(document);
        SolveMode mode = SolveMode.of(document.settings() == null ? null : document.settings().mode(), endpointMode);
        document = withMode(document, mode);
        // Two builds: the solver owns its working solution, the store keeps its own scored copy.
        PlanFactory.Built stored = PlanFactory.build(document);
        AssignmentPlan problem = stored.plan();
        List<String> warnings = new ArrayList<>(notes);
        warnings.addAll(stored.warnings());
        String cap = solving.capWarning(problem.getSettings());
        if (cap != null) {
            warnings.add(cap);
        }
        StoredPlan plan = new StoredPlan(UUID.randomUUID().toString(), document, warnings,
                explainer.scored(stored.plan()), Instant.now(), client);
        plan.lineage(lineage);
        // Stored and queued for whichever replica has a free solver thread, with its audit entry.
        solving.submit(plan, () -> recordNew(plan, problem));
        plan.lifecycle("submitted").addKeyValue("mode", mode)
                .addKeyValue("kams", problem.getKams().size()).addKeyValue("accounts", problem.getAccounts().size())
                .log("Plan {} submitted ({})", plan.id, mode);
        return new Submitted(plan.id, plan.snapshot().status());
    }

    /**
     * Stores a document as it is, scored and not solved (COMPLETED at once): a baseline to compare solved
     * plans with, such as today's assignment from a CRM. {@code notes} go first in its warnings; the
     * storage quota of {@code client} applies, the solve queue's does not (nothing is queued).
     */
    public Submitted store(PlanDocument document, List<String> notes, String client, Lineage lineage) {
        validator.validate(document);
        PlanFactory.Built built = PlanFactory.build(document.withMoves(null));
        List<String> warnings = new ArrayList<>(notes);
        warnings.addAll(built.warnings());
        StoredPlan plan = new StoredPlan(UUID.randomUUID().toString(), document.withMoves(null), warnings,
                explainer.scored(built.plan()), Instant.now(), client);
        plan.finished(null);
        plan.lineage(lineage);
        solving.store(plan, () -> audit.record(AuditLog.Action.IMPORT, plan.id, "audit.detail.baseline", plan.name,
                built.plan().getAccounts().size(), built.plan().getKams().size()));
        plan.lifecycle("stored").log("Plan {} stored unsolved", plan.id);
        return new Submitted(plan.id, plan.snapshot().status());
    }

    /**
     * A new plan from a finished one, solved with continuity: see {@link Rebalancer}. Problems of the
     * built document are reported at the request's paths.
     *
     * @throws PlanConflictException (409) while the source plan is still waiting or solving
     */
    public Submitted rebalance(String sourceId, RebalanceRequest request, String client) {
        PlanStatus status = registry.find(sourceId).snapshot().status();
        if (!status.isFinal()) {
            throw new PlanConflictException(sourceId, status, "rebalanceWhileSolving");
        }
        PlanDocument current = document(sourceId);
        Rebalancer.Rebalance rebalance = Rebalancer.rebalance(current, request);
        try {
            return submit(rebalance.document(), SolveMode.REBALANCE, rebalance.notes(), client,
                    Lineage.of(Lineage.Origin.REBALANCED, sourceId));
        } catch (InvalidPlanException e) {
            throw Rebalancer.onRequest(e, current.kams().size());
        }
    }

    /** Solves a finished draft again, starting from its best plan so far. */
    public Submitted resume(String id) {
        StoredPlan plan = registry.find(id);
        PlanApproval.requireDraft(plan);
        String from = scoreText(plan.snapshot());
        solving.resume(plan, () -> {
            // Under the row's lock: a proposal committed meanwhile is seen, and one coming waits for this solve.
            PlanApproval.requireDraft(id, approvals.lockedState(id));
            audit.record(AuditLog.Action.SOLVE, id, "audit.detail.solve", from);
        });
        PlanSnapshot resumed = plan.snapshot();
        plan.lifecycle("resumed").log("Plan {} resumed from {}", plan.id, resumed.score());
        return new Submitted(id, resumed.status());
    }

    /** KAMs leave a running solve (a Timefold ProblemChange), on any replica; 409 when the plan is not solving. */
    public Submitted leave(String id, List<String> leavingKamIds) {
        StoredPlan plan = registry.find(id);
        PlanApproval.requireDraft(plan);
        solving.leave(plan, leavingKamIds);
        audit.record(AuditLog.Action.PROBLEM_CHANGE, id, "audit.detail.problemChange", String.join(", ", leavingKamIds));
        return new Submitted(id, plan.snapshot().status());
    }

    /** Stops the solve, wherever it runs; the best plan so far stays and is saved. */
    public PlanDocument stop(String id) {
        StoredPlan plan = registry.find(id);
        PlanApproval.requireDraft(plan);
        PlanStatus before = plan.snapshot().status();
        solving.stop(plan);
        audit.record(AuditLog.Action.STOP, id, "audit.detail.stop", before);
        return document(id);
    }

    /** Removes a plan for good, stopping its solve first; its audit entries stay. */
    public void purge(String id) {
        StoredPlan plan = registry.find(id);
        Approval approval = plan.snapshot().approval();
        solving.purge(plan);
        audit.record(AuditLog.Action.PURGE, id, "audit.detail.purged", plan.name, approval.state());
    }

    /** Every replica lists the same: the database's plans, a running solve's as of its last save. */
    public List<PlanListItem> list() {
        return store.headers().stream()
                .map(r -> new PlanListItem(r.id(), r.name(), PlanStatus.valueOf(r.status()), r.score(),
                        r.feasible(), r.createdAt(), r.lineage().createdBy(), r.lineage().parentPlanId(),
                        r.lineage().origin(), r.approval()))
                .toList();
    }

    /** The plan as it stands ({@link #document}) with its lineage and approval. */
    public PlanView view(String id) {
        StoredPlan plan = registry.find(id);
        PlanSnapshot now = plan.snapshot();
        Lineage lineage = now.lineage();
        return new PlanView(document(id), lineage.createdBy(), plan.createdAt, lineage.parentPlanId(), lineage.origin(),
                now.approval());
    }

    /** The approval of a plan, for the exports that show it. */
    public Approval approval(String id) {
        return registry.find(id).snapshot().approval();
    }

    /** The audit entry of a new plan: its action from how it was made. */
    private void recordNew(StoredPlan plan, AssignmentPlan problem) {
        Lineage lineage = plan.snapshot().lineage();
        AuditLog.Action action = switch (lineage.origin()) {
            case SUBMITTED -> AuditLog.Action.SUBMIT;
            case IMPORTED -> AuditLog.Action.IMPORT;
            case REBALANCED -> AuditLog.Action.REBALANCE;
            case EDITED -> AuditLog.Action.EDIT;
            case FRONTIER -> AuditLog.Action.FRONTIER;
        };
        // Outside a request (a frontier's point, submitted by a scheduler) the entry names who made the plan.
        Caller caller = Caller.current();
        if (caller.name() == null && lineage.createdBy() != null) {
            caller = new Caller(lineage.createdBy(), null);
        }
        audit.recordFor(caller, action, plan.id,
                "audit.detail." + lineage.origin().name().toLowerCase(java.util.Locale.ROOT),
                plan.name, problem.getAccounts().size(), problem.getKams().size(), lineage.parentPlanId());
    }

    /** The plan as it stands: the best assignment so far, its figures, warnings and (after a rebalance) moves. */
    public PlanDocument document(String id) {
        StoredPlan.Loaded plan = registry.find(id).loaded();
        PlanSnapshot now = plan.snapshot();
        AssignmentPlan best = plan.best();
        PlanDocument document = PlanReport.document(plan.input(), best, id, now.status().name(), now.warnings(),
                now.error());
        document = document.withSummary(document.summary().withBound(now.bound()));
        return MoveReport.withMoves(UnassignedReasons.inSummary(document, best), best, now.review());
    }

    public PlanStatusView status(String id) {
        PlanSnapshot plan = registry.find(id).snapshot();
        PlanBound bound = plan.bound();
        SolveClock.SolveTime time = plan.solveTime(Instant.now());
        return new PlanStatusView(id, plan.status(), scoreText(plan), feasible(plan),
                bound == null ? null : bound.status().name(), time.elapsedSeconds(), time.remainingSeconds());
    }

    /** The stored plan's score explained, or only the constraint totals and match counts when summary. */
    public PlanAnalysis analysis(String id, boolean summary) {
        AssignmentPlan best = registry.find(id).best();
        return summary ? explainer.summarize(best) : explainer.analyze(best);
    }

    /**
     * A document scored and explained as given, without solving or storing it; summary as above. With
     * {@code bound}, also the plan's quality certificate, computed now (within the bound's time limit).
     */
    public PlanAnalysis analyze(PlanDocument document, boolean summary, boolean bound) {
        validator.validate(document);
        AssignmentPlan plan = PlanFactory.build(document).plan();
        PlanAnalysis analysis = summary ? explainer.summarize(plan) : explainer.analyze(plan);
        return bound ? analysis.withBound(bounds.compute(plan)) : analysis;
    }

    private static PlanDocument withMode(PlanDocument d, SolveMode mode) {
        PlanDocument.Settings settings = d.settings() != null ? d.settings() : PlanDocument.Settings.DEFAULTS;
        // An input document keeps no output moves: the report computes them afresh.
        return d.withSettings(settings.withMode(mode.name())).withMoves(null);
    }

    private static String scoreText(PlanSnapshot plan) {
        return plan.score() == null ? null : plan.score().toString();
    }

    private static Boolean feasible(PlanSnapshot plan) {
        return plan.score() == null ? null : plan.score().isFeasible();
    }
}
