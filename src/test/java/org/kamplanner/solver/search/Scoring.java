package org.kamplanner.solver.search;

import org.kamplanner.domain.AssignmentPlan;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;
import ai.timefold.solver.core.impl.solver.DefaultSolverFactory;

/**
 * The service's own solver configuration (solverConfig.xml) for tests of the search code: a
 * SolutionManager that scores a plan from scratch with the constraint streams, and a score director
 * (Timefold's internal one, the kind a phase or a move gets) to run the greedy phase and make-room
 * moves on a plan outside a solver.
 */
final class Scoring {

    private static final DefaultSolverFactory<AssignmentPlan> FACTORY = (DefaultSolverFactory<AssignmentPlan>)
            SolverFactory.<AssignmentPlan>create(SolverConfig.createFromXmlResource("solverConfig.xml"));

    static final SolutionManager<AssignmentPlan, HardMediumSoftLongScore> SOLUTION_MANAGER =
            SolutionManager.create(FACTORY);

    private Scoring() {
    }

    /** A score director on this plan (the instance itself, not a copy), with its score calculated. */
    static InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> scoreDirector(AssignmentPlan plan) {
        InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director =
                FACTORY.<HardMediumSoftLongScore>getScoreDirectorFactory().buildScoreDirector();
        director.setWorkingSolution(plan);
        director.calculateScore();
        return director;
    }
}
