package org.kamplanner.explain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.AssignmentPlan;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/** Bundled datasets solved briefly with the service's solver configuration, for explanation tests and benchmarks. */
public final class SolvedPlans {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SolvedPlans() {
    }

    public static PlanDocument dataset(String name) {
        try (InputStream in = SolvedPlans.class.getResourceAsStream("/demo-data/" + name + ".json")) {
            return MAPPER.readValue(in, PlanDocument.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The service's annual search, ending after {@code moves} evaluated moves: on a plan that fits, inside the
     * first local search (the solver's limit is checked between phases too, so the CP-SAT phases after it,
     * which count no moves, do not start), the same work on a busy machine as on an idle one.
     */
    public static SolverFactory<AssignmentPlan> solverFactory(long moves) {
        SolverConfig config = SolverConfig.createFromXmlResource("solverConfig.xml")
                .withTerminationConfig(new TerminationConfig().withMoveCountLimit(moves));
        return SolverFactory.create(config);
    }

    public static PlanExplainer explainer(SolverFactory<AssignmentPlan> factory) {
        SolutionManager<AssignmentPlan, HardMediumSoftLongScore> manager = SolutionManager.create(factory);
        return new PlanExplainer(manager);
    }

    /** The dataset after the greedy phase and the factory's moves of solving. */
    public static AssignmentPlan solve(SolverFactory<AssignmentPlan> factory, PlanDocument document) {
        return factory.buildSolver().solve(PlanFactory.build(document).plan());
    }
}
