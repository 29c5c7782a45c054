package org.kamplanner.api;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import org.kamplanner.document.Leavers;
import org.kamplanner.document.MoveReport;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanReport;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.solver.KamsLeave;
import org.kamplanner.solver.MoveReview;
import org.kamplanner.solver.PlanAnalysis;
import org.kamplanner.solver.PlanExplainer;
import org.kamplanner.solver.SolveMode;
import org.kamplanner.solver.SolverManagers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverStatus;

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

    private final SolverManagers solverManagers;
    private final MoveReview moveReview;
    private final PlanExplainer explainer;
    private final PlanValidator validator;
    private final int maxUnfinishedPlans;
    private final Map<String, StoredPlan> plans = new ConcurrentHashMap<>();

    public PlanService(SolverManagers solverManagers, MoveReview moveReview, PlanExplainer explainer,
            PlanValidator validator, @Value("${kam-planner.solver.max-unfinished-plans:20}") int maxUnfinishedPlans) {
        this.solverManagers = solverManagers;
        this.moveReview = moveReview;
        this.explainer = explainer;
        this.validator = validator;
        this.maxUnfinishedPlans = maxUnfinishedPlans;
    }

    public Submitted submit(PlanDocument document) {
        return submit(document, SolveMode.ANNUAL, List.of());
    }

    /**
     * Validates, stores and starts solving a document. The mode comes from settings.mode, else from the
     * endpoint ({@code endpointMode}), and is written into the stored document so that it shows which
     * search made the plan. {@code notes} go first in the plan's warnings (a rebalance says there how
     * many accounts it orphaned).
     */
    public Submitted submit(PlanDocument document, SolveMode endpointMode, List<String> notes) {
        validator.validate(document);
        if (plans.values().stream().filter(p -> !p.status().isFinal()).count() >= maxUnfinishedPlans) {
            throw new SolveQueueFullException(maxUnfinishedPlans);
        }
        SolveMode mode = SolveMode.of(document.settings() == null ? null : document.settings().mode(), endpointMode);
        document = withMode(document, mode);
        // Two builds: the solver owns its working solution, the store keeps its own scored copy.
        PlanFactory.Built stored = PlanFactory.build(document);
        explainer.score(stored.plan());
        AssignmentPlan problem = PlanFactory.build(document).plan();
        String id = UUID.randomUUID().toString();
        List<String> warnings = new ArrayList<>(notes);
        warnings.addAll(stored.warnings());
        StoredPlan plan = new StoredPlan(id, document, warnings, stored.plan(), Instant.now());
        plans.put(id, plan);
        LOG.info("Plan {} submitted ({}): {} KAMs, {} accounts", id, mode, problem.getKams().size(),
                problem.getAccounts().size());
        solverManagers.forMode(mode).solveBuilder()
                .withProblemId(id)
                .withProblem(problem)
                .withConfigOverride(new SolverConfigOverride<AssignmentPlan>()
                        .withTerminationConfig(mode.termination(problem.getSettings())))
                .withSolverJobStartedEventConsumer(event -> plan.started())
                .withBestSolutionEventConsumer(event -> plan.improved(event.solution()))
                .withFinalBestSolutionEventConsumer(event -> {
                    AssignmentPlan solution = event.solution();
                    if (mode == SolveMode.REBALANCE) {
                        // Reviewed on a copy: readers may hold the solver's last best solution meanwhile.
                        solution = copyOf(plan.input(), solution);
                        plan.reviewed(moveReview.review(solution));
                    }
                    plan.finished(solution);
                    LOG.info("Plan {} {}: {}", id, plan.status(), solution.getScore());
                })
                .withExceptionHandler((problemId, cause) -> {
                    LOG.error("Plan {} failed", problemId, cause);
                    plan.failed(cause);
                })
                .run();
        return new Submitted(id, plan.status());
    }

    /** The stored document names its mode: submit writes it in. */
    private static SolveMode modeOf(StoredPlan plan) {
        PlanDocument.Settings settings = plan.input().settings();
        return SolveMode.of(settings == null ? null : settings.mode(), SolveMode.ANNUAL);
    }

    /** A model of the document with the solution's assignments, sharing no object with the solution. */
    private static AssignmentPlan copyOf(PlanDocument document, AssignmentPlan solution) {
        AssignmentPlan copy = PlanFactory.build(document).plan();
        for (int i = 0; i < copy.getAccounts().size(); i++) {
            var kam = solution.getAccounts().get(i).getKam();
            copy.getAccounts().get(i).setKam(kam == null ? null : copy.getKams().get(kam.getIndex()));
        }
        copy.setScore(solution.getScore());
        return copy;
    }

    private static PlanDocument withMode(PlanDocument d, SolveMode mode) {
        PlanDocument.Settings settings = d.settings() != null ? d.settings()
                : new PlanDocument.Settings(null, null, null, null, null, null, null, null, null, null, null, null, null,
                        null);
        return new PlanDocument(d.id(), d.name(), d.status(), d.score(), d.feasible(), d.warnings(), d.error(),
                d.summary(), settings.withMode(mode.name()), d.sectors(), d.regions(), d.travelOverrides(),
                d.forbiddenPairs(), d.affinities(), d.kams(), d.accounts(), null);
    }

    /**
     * Applies KAMs leaving to a running solve as a Timefold ProblemChange, without restarting it. The
     * stored document records the leavers once the solver has handed over a best solution with the
     * change applied, so that the document and its assignments agree.
     *
     * @throws PlanNotSolvingException when the plan is not solving (409)
     */
    public Submitted leave(String id, List<String> leavingKamIds) {
        StoredPlan plan = find(id);
        if (plan.status() != PlanStatus.SOLVING
                || solverManagers.forMode(modeOf(plan)).getSolverStatus(id) != SolverStatus.SOLVING_ACTIVE) {
            throw new PlanNotSolvingException(id, plan.status());
        }
        Leavers.check(document(id), leavingKamIds, "leavingKamIds");
        solverManagers.forMode(modeOf(plan)).addProblemChange(id, new KamsLeave(leavingKamIds))
                .whenComplete((done, cause) -> {
                    if (cause == null) {
                        plan.updateInput(input -> Leavers.markInactive(input, leavingKamIds));
                        LOG.info("Plan {}: {} left while solving", id, leavingKamIds);
                    } else {
                        LOG.warn("Plan {}: leave of {} not applied", id, leavingKamIds, cause);
                    }
                });
        return new Submitted(id, plan.status());
    }

    public List<PlanListItem> list() {
        return plans.values().stream()
                .sorted(Comparator.comparing((StoredPlan p) -> p.createdAt))
                .map(p -> {
                    AssignmentPlan best = p.best();
                    return new PlanListItem(p.id, p.input().name(), p.status(), scoreOf(best), feasibleOf(best),
                            p.createdAt);
                })
                .toList();
    }

    public PlanDocument document(String id) {
        StoredPlan plan = find(id);
        AssignmentPlan best = plan.best();
        PlanDocument document = PlanReport.document(plan.input(), best, plan.id, plan.status().name(), plan.warnings,
                plan.error());
        return MoveReport.withMoves(document, best, plan.review());
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
            solverManagers.forMode(modeOf(plan)).terminateEarly(id);
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

    private StoredPlan find(String id) {
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
