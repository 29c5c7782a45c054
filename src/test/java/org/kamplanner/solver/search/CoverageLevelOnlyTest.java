package org.kamplanner.solver.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.kamplanner.data.PlanFamilies;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.explain.SolvedPlans;

import com.google.ortools.Loader;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;

/**
 * A sub-problem solved on its coverage level only ({@link KamSubProblem#softSeconds} 0, what the large search's
 * coverage phase does): on dach-small with every account unassigned and all five KAMs in the sub-problem (40 of
 * the open accounts offered), it covers as much as the solve of both levels, costs no less soft score, and spends
 * less of CP-SAT's deterministic time, which is what a work budget counts.
 * And which plans the coverage phase solves so.
 */
class CoverageLevelOnlyTest {

    @Test
    void coversAsMuchInLessWork() {
        Loader.loadNativeLibraries();
        Solved both = solve(Double.MAX_VALUE);
        Solved coverageOnly = solve(0);

        assertThat(both.score.mediumScore()).isLessThan(0);
        assertThat(coverageOnly.score.mediumScore()).isEqualTo(both.score.mediumScore());
        assertThat(coverageOnly.score.softScore()).isLessThanOrEqualTo(both.score.softScore());
        assertThat(coverageOnly.deterministicSeconds).isLessThan(both.deterministicSeconds);
    }

    /**
     * The coverage phase's setting applies to over-full plans above 500 accounts from the first round; on a large
     * plan that is not over-full only once the phase's rounds have spent the gate's deterministic seconds with a
     * medium penalty of at least accounts / 100 still out (600 accounts: 6); a plan that fits is covered before,
     * or nearly, and the later phases start from its soft score.
     */
    @Test
    void largeOverFullPlansSkipTheSoftLevelAndOthersAfterTheGate() {
        KamNeighbourhoods phase = new KamNeighbourhoods();
        phase.setLargePlanSoftSeconds(0);
        phase.setCoverageGateSeconds(8);
        AssignmentPlan overfull = PlanFactory.build(PlanFamilies.generate("overfull", 3, 60, 600)).plan();
        AssignmentPlan tight = PlanFactory.build(PlanFamilies.generate("tight", 3, 60, 600)).plan();
        assertThat(GreedyAssignment.overfull(overfull)).isTrue();
        assertThat(GreedyAssignment.overfull(tight)).isFalse();

        assertThat(phase.softSeconds(600, true, 0, -500)).isZero();
        assertThat(phase.softSeconds(600, false, 0, -500)).isEqualTo(Double.MAX_VALUE);
        assertThat(phase.softSeconds(600, false, 7.99, -500)).isEqualTo(Double.MAX_VALUE);
        assertThat(phase.softSeconds(600, false, 8, -500)).isZero();
        assertThat(phase.softSeconds(600, false, 8, -6)).isZero();
        assertThat(phase.softSeconds(600, false, 8, -5)).isEqualTo(Double.MAX_VALUE); // nearly covered: both levels
        assertThat(phase.softSeconds(600, false, 20, 0)).isEqualTo(Double.MAX_VALUE); // covered: both levels
        assertThat(phase.softSeconds(500, true, 20, -500)).isEqualTo(Double.MAX_VALUE); // up to 500 accounts: as before
        KamNeighbourhoods noGate = new KamNeighbourhoods();
        noGate.setLargePlanSoftSeconds(0);
        assertThat(noGate.softSeconds(600, false, 1_000, -500)).isEqualTo(Double.MAX_VALUE);
        assertThat(new KamNeighbourhoods().softSeconds(600, true, 1_000, -500)).isEqualTo(Double.MAX_VALUE);
    }

    /** The whole dach-small plan as one sub-problem, under a deterministic cap (as under a work budget). */
    private static Solved solve(double softSeconds) {
        AssignmentPlan plan = PlanFactory.build(SolvedPlans.dataset("dach-small")).plan();
        InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director = Scoring.scoreDirector(plan);
        RelatedKams related = new RelatedKams(plan, new Random(0));
        KamSubProblem sub = new KamSubProblem(plan, plan.getActiveKams(), related.costs, related.loads)
                .softSeconds(softSeconds);
        KamSubProblem.Outcome outcome = sub.start(5, 1, () -> false, true, false).next();

        assertThat(outcome.better()).isTrue();
        sub.apply(director, outcome.assignment());
        return new Solved(director.calculateScore().raw(), sub.deterministicSeconds());
    }

    private record Solved(HardMediumSoftLongScore score, double deterministicSeconds) {
    }
}
