package org.kamplanner.plan;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.rebalance.KamsLeave;
import org.kamplanner.rebalance.Leavers;
import org.kamplanner.rebalance.MoveReview;
import org.kamplanner.solver.search.SolveMode;
import org.kamplanner.solver.search.SolverManagers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverManager;
import ai.timefold.solver.core.api.solver.SolverStatus;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import jakarta.annotation.PreDestroy;

/**
 * A stored plan's solves: starting one (with the search its mode and size call for), resuming,
 * applying leavers to a running one, stopping, and shutting down. The solver's events move the plan
 * through its states (StoredPlan) and are saved through PlanPersistence.
 */
@Component
class PlanSolving {

    private static final Logger LOG = LoggerFactory.getLogger(PlanSolving.class);

    private final SolverManagers solverManagers;
    private final MoveReview moveReview;
    private final PlanRegistry registry;
    private final PlanPersistence persistence;
    private final PlanBounds bounds;
    private final Duration maxSolveTime;

    PlanSolving(SolverManagers solverManagers, MoveReview moveReview, PlanRegistry registry,
            PlanPersistence persistence, PlanBounds bounds,
            @Value("${kam-planner.solver.max-solve-time:30m}") Duration maxSolveTime) {
        this.solverManagers = solverManagers;
        this.moveReview = moveReview;
        this.registry = registry;
        this.persistence = persistence;
        this.bounds = bounds;
        this.maxSolveTime = maxSolveTime;
    }

    /**
     * The server's cap on one solve, whatever the document asks: a few plans with a day-long time limit
     * would otherwise hold every solver thread and the queue for everyone else. Null when within it.
     */
    String capWarning(PlanSettings settings) {
        return settings.terminationSeconds() <= maxSolveTime.toSeconds() ? null
                : "settings.terminationSeconds %d is over this service's cap of %d s: solving stops after %d s"
                        .formatted(settings.terminationSeconds(), maxSolveTime.toSeconds(), maxSolveTime.toSeconds());
    }

    void solve(StoredPlan plan, AssignmentPlan problem, SolveMode mode) {
        // settings.terminationSeconds (capped) and settings.unimprovedSeconds end this solve, per plan.
        TerminationConfig termination = capped(mode.termination(problem.getSettings()));
        solverManagers.forPlan(mode, problem.getAccounts().size()).solveBuilder()
                .withProblemId(plan.id)
                .withProblem(problem)
                .withConfigOverride(new SolverConfigOverride<AssignmentPlan>().withTerminationConfig(termination))
                .withSolverJobStartedEventConsumer(event -> {
                    plan.started(termination.getSpentLimit(), termination.getUnimprovedSpentLimit());
                    persistence.save(plan);
                    lifecycle(plan.id, "solving", plan).log("Plan {} solving", plan.id);
                })
                .withBestSolutionEventConsumer(event -> {
                    plan.improved(event.solution());
                    if (persistence.saveIfDue(plan)) {
                        lifecycle(plan.id, "new-best", plan).log("Plan {} new best {}", plan.id, plan.score());
                    }
                })
                .withFinalBestSolutionEventConsumer(event -> {
                    AssignmentPlan solution = event.solution();
                    if (mode == SolveMode.REBALANCE) {
                        // Reviewed on a copy: readers may hold the solver's last best solution meanwhile.
                        solution = PlanFactory.withAssignments(plan.input(), solution);
                        plan.reviewed(moveReview.review(solution));
                    }
                    plan.finished(solution);
                    persistence.save(plan);
                    bounds.computeLater(plan);
                    lifecycle(plan.id, plan.status().name().toLowerCase(), plan)
                            .log("Plan {} {}: {}", plan.id, plan.status(), plan.score());
                })
                .withExceptionHandler((problemId, cause) -> {
                    LOG.error("Plan {} failed", problemId, cause);
                    plan.failed(Instant.now());
                    persistence.save(plan);
                })
                .run();
    }

    /** Solves a finished plan again, starting from its best plan so far. */
    void resume(StoredPlan plan) {
        registry.readmit(plan);
        AssignmentPlan problem = PlanFactory.build(PlanPersistence.withAssignments(plan.input(),
                PlanPersistence.assignments(plan.best()))).plan();
        persistence.save(plan);
        lifecycle(plan.id, "resumed", plan).log("Plan {} resumed from {}", plan.id, plan.score());
        solve(plan, problem, modeOf(plan));
    }

    /**
     * Applies KAMs leaving to a running solve as a Timefold ProblemChange, without restarting it. The
     * stored document records the leavers once the solver has handed over a best solution with the
     * change applied, so that the document and its assignments agree.
     *
     * @throws PlanConflictException when the plan is not solving (409)
     */
    void leave(StoredPlan plan, List<String> leavingKamIds) {
        String id = plan.id;
        if (plan.status() != PlanStatus.SOLVING
                || managerOf(plan).getSolverStatus(id) != SolverStatus.SOLVING_ACTIVE) {
            throw new PlanConflictException(id, plan.status(), "is not solving (status " + plan.status()
                    + "): changes apply only to a running solve");
        }
        // The input names every KAM and whether it is active: all the check needs, no report to build.
        Leavers.check(plan.input(), leavingKamIds, "leavingKamIds");
        managerOf(plan).addProblemChange(id, new KamsLeave(leavingKamIds))
                .whenComplete((done, cause) -> {
                    if (cause == null) {
                        plan.updateInput(input -> Leavers.markInactive(input, leavingKamIds));
                        persistence.documentChanged(plan);
                        lifecycle(id, "kams-left", plan).addKeyValue("kamIds", leavingKamIds)
                                .log("Plan {}: {} left while solving", id, leavingKamIds);
                    } else {
                        LOG.warn("Plan {}: leave of {} not applied", id, leavingKamIds, cause);
                    }
                });
    }

    /** Stops the solve, if one runs; the best plan so far stays and is saved. */
    void stop(StoredPlan plan) {
        if (plan.requestStop()) {
            managerOf(plan).terminateEarly(plan.id);
            plan.finished(null);
            persistence.save(plan);
            lifecycle(plan.id, "stopped", plan).log("Plan {} stopped on request: {}", plan.id, plan.score());
        }
    }

    /** Removes a plan for good, stopping its solve first. */
    void purge(StoredPlan plan) {
        if (plan.requestStop()) {
            managerOf(plan).terminateEarly(plan.id);
            plan.finished(null);
        }
        registry.remove(plan.id);
        persistence.delete(plan.id);
        lifecycle(plan.id, "purged", plan).log("Plan {} purged", plan.id);
    }

    /** On shutdown (SIGTERM): running solves are stopped and their best plans saved before the exit. */
    @PreDestroy
    void shutdown() {
        persistence.close();
        for (StoredPlan plan : registry.all()) {
            if (plan.requestStop()) {
                managerOf(plan).terminateEarly(plan.id);
                plan.finished(null);
                plan.warnings.add(("Solving was stopped by a shutdown of the service; " + StoredPlan.RESUME_HINT + " it.")
                        .formatted(plan.id));
                persistence.persist(plan);
                lifecycle(plan.id, "stopped-by-shutdown", plan).log("Plan {} stopped by shutdown: {}", plan.id,
                        plan.score());
            }
        }
    }

    private TerminationConfig capped(TerminationConfig termination) {
        Duration spent = termination.getSpentLimit();
        if (spent == null || spent.compareTo(maxSolveTime) > 0) {
            termination.setSpentLimit(maxSolveTime);
        }
        return termination;
    }

    private SolverManager<AssignmentPlan, String> managerOf(StoredPlan plan) {
        return solverManagers.forPlan(modeOf(plan), plan.input().accounts() == null ? 0 : plan.input().accounts().size());
    }

    /** The stored document names its mode: PlanService.submit writes it in. */
    private static SolveMode modeOf(StoredPlan plan) {
        PlanDocument.Settings settings = plan.input().settings();
        return SolveMode.of(settings == null ? null : settings.mode(), SolveMode.ANNUAL);
    }

    /** A plan life-cycle log line whose plan id, event and score are fields in structured logging. */
    static LoggingEventBuilder lifecycle(String id, String event, StoredPlan plan) {
        return LOG.atInfo().addKeyValue("planId", id).addKeyValue("event", event)
                .addKeyValue("score", plan.score() == null ? null : plan.score().toString());
    }
}
