package org.kamplanner.api;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanReport;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.solver.PlanAnalysis;
import org.kamplanner.solver.PlanExplainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverManager;

/** Validates, stores and solves plans. Storage is in memory for now: a restart loses every plan. */
@Service
public class PlanService {

    private static final Logger LOG = LoggerFactory.getLogger(PlanService.class);

    public record Submitted(String id, PlanStatus status) {
    }

    public record PlanStatusView(String id, PlanStatus status, String score, Boolean feasible) {
    }

    public record PlanListItem(String id, String name, PlanStatus status, String score, Boolean feasible,
            Instant createdAt) {
    }

    private final SolverManager<AssignmentPlan, String> solverManager;
    private final PlanExplainer explainer;
    private final PlanValidator validator;
    private final int maxUnfinishedPlans;
    private final Map<String, StoredPlan> plans = new ConcurrentHashMap<>();

    public PlanService(SolverManager<AssignmentPlan, String> solverManager, PlanExplainer explainer,
            PlanValidator validator, @Value("${kam-planner.solver.max-unfinished-plans:20}") int maxUnfinishedPlans) {
        this.solverManager = solverManager;
        this.explainer = explainer;
        this.validator = validator;
        this.maxUnfinishedPlans = maxUnfinishedPlans;
    }

    public Submitted submit(PlanDocument document) {
        validator.validate(document);
        if (plans.values().stream().filter(p -> !p.status().isFinal()).count() >= maxUnfinishedPlans) {
            throw new SolveQueueFullException(maxUnfinishedPlans);
        }
        // Two builds: the solver owns its working solution, the store keeps its own scored copy.
        PlanFactory.Built stored = PlanFactory.build(document);
        explainer.score(stored.plan());
        AssignmentPlan problem = PlanFactory.build(document).plan();
        String id = UUID.randomUUID().toString();
        StoredPlan plan = new StoredPlan(id, document, stored.warnings(), stored.plan(), Instant.now());
        plans.put(id, plan);
        LOG.info("Plan {} submitted: {} KAMs, {} accounts", id, problem.getKams().size(), problem.getAccounts().size());
        solverManager.solveBuilder()
                .withProblemId(id)
                .withProblem(problem)
                .withConfigOverride(new SolverConfigOverride<AssignmentPlan>()
                        .withTerminationConfig(problem.getSettings().termination()))
                .withSolverJobStartedEventConsumer(event -> plan.started())
                .withBestSolutionEventConsumer(event -> plan.improved(event.solution()))
                .withFinalBestSolutionEventConsumer(event -> {
                    plan.finished(event.solution());
                    LOG.info("Plan {} {}: {}", id, plan.status(), event.solution().getScore());
                })
                .withExceptionHandler((problemId, cause) -> {
                    LOG.error("Plan {} failed", problemId, cause);
                    plan.failed(cause);
                })
                .run();
        return new Submitted(id, plan.status());
    }

    public List<PlanListItem> list() {
        return plans.values().stream()
                .sorted(Comparator.comparing((StoredPlan p) -> p.createdAt))
                .map(p -> {
                    AssignmentPlan best = p.best();
                    return new PlanListItem(p.id, p.input.name(), p.status(), scoreOf(best), feasibleOf(best),
                            p.createdAt);
                })
                .toList();
    }

    public PlanDocument document(String id) {
        StoredPlan plan = find(id);
        return PlanReport.document(plan.input, plan.best(), plan.id, plan.status().name(), plan.warnings,
                plan.error());
    }

    public PlanStatusView status(String id) {
        StoredPlan plan = find(id);
        AssignmentPlan best = plan.best();
        return new PlanStatusView(id, plan.status(), scoreOf(best), feasibleOf(best));
    }

    /** Stops the solve and waits for it to hand over its final best solution. */
    public PlanDocument stop(String id) {
        StoredPlan plan = find(id);
        if (plan.requestStop()) {
            solverManager.terminateEarly(id);
            plan.finished(null);
        }
        return document(id);
    }

    public PlanAnalysis analysis(String id) {
        return explainer.analyze(find(id).best());
    }

    /** Scores and explains a document as given, without solving or storing it. */
    public PlanAnalysis analyze(PlanDocument document) {
        validator.validate(document);
        return explainer.analyze(PlanFactory.build(document).plan());
    }

    /** As {@link #analysis(String)}, or only the constraint totals and match counts when summary. */
    public PlanAnalysis analysis(String id, boolean summary) {
        AssignmentPlan best = find(id).best();
        return summary ? explainer.summarize(best) : explainer.analyze(best);
    }

    /** As {@link #analyze(PlanDocument)}, or only the constraint totals and match counts when summary. */
    public PlanAnalysis analyze(PlanDocument document, boolean summary) {
        validator.validate(document);
        AssignmentPlan plan = PlanFactory.build(document).plan();
        return summary ? explainer.summarize(plan) : explainer.analyze(plan);
    }

    StoredPlan find(String id) {
        StoredPlan plan = plans.get(id);
        if (plan == null) {
            throw new PlanNotFoundException(id);
        }
        return plan;
    }

    private static String scoreOf(AssignmentPlan plan) {
        return plan.getScore() == null ? null : plan.getScore().toString();
    }

    private static Boolean feasibleOf(AssignmentPlan plan) {
        return plan.getScore() == null ? null : plan.getScore().isFeasible();
    }
}
