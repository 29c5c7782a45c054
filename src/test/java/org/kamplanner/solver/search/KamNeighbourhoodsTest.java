package org.kamplanner.solver.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.explain.SolvedPlans;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.phase.PhaseConfig;
import ai.timefold.solver.core.config.phase.custom.CustomPhaseConfig;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import ai.timefold.solver.core.config.solver.SolverConfig;

/**
 * The whole-plan round of the CP-SAT neighbourhood phase, on dach-small from the service's greedy and
 * construction phases: one round of the phase, nothing else, in FULL_ASSERT (every kept change re-scored
 * from scratch).
 */
class KamNeighbourhoodsTest {

    /** dach-small's optimum, proven by CP-SAT (docs/bound.md, benchmarks/RESULTS.md). */
    private static final HardMediumSoftLongScore OPTIMUM = HardMediumSoftLongScore.of(0, 0, -34_858);

    /**
     * CP-SAT finds the optimum within about 2 s here but does not prove it within the 10 s cap: the cap
     * leaves room for a slow machine, and the round ends there.
     */
    @Test
    void oneWholePlanRoundReachesTheOptimum() {
        AssignmentPlan solved = oneRound(Map.of("wholePlanAccounts", "100", "wholePlanSeconds", "10"));

        assertThat(solved.getScore()).isEqualTo(OPTIMUM);
    }

    /** The same round without the whole plan: three related KAMs of five, which cannot get there alone. */
    @Test
    void oneNeighbourhoodRoundDoesNot() {
        AssignmentPlan solved = oneRound(Map.of());

        assertThat(solved.getScore().hardScore()).isZero();
        assertThat(solved.getScore()).isLessThan(OPTIMUM);
    }

    /** A plan above the size limit is not solved whole: the round is a neighbourhood round again. */
    @Test
    void largerPlansAreNotSolvedWhole() {
        AssignmentPlan solved = oneRound(Map.of("wholePlanAccounts", "59", "wholePlanSeconds", "20"));

        assertThat(solved.getScore()).isEqualTo(oneRound(Map.of()).getScore());
    }

    /** A hostile plan within the account limit but with 2,000 KAMs would be a million CP-SAT variables. */
    @Test
    void plansWithTooManyPairsAreNotSolvedWhole() {
        KamNeighbourhoods phase = new KamNeighbourhoods();
        phase.setWholePlanAccounts(500);

        assertThat(phase.solvedWhole(500, 40)).isTrue();
        assertThat(phase.solvedWhole(501, 40)).isFalse();
        assertThat(phase.solvedWhole(500, 2_000)).isFalse();
        assertThat(phase.solvedWhole(100, 250)).isTrue();
    }

    /**
     * As steps (the large search's form), each kept change is a new best solution published from inside the
     * phase: as one step the phase could publish one at most, when it ends. Phase 2 is the neighbourhoods.
     */
    @Test
    void theNeighbourhoodsInStepsPublishEachImprovement() {
        KamNeighbourhoods phase = new KamNeighbourhoods();
        phase.setMaxRounds(30);
        SolverConfig config = SolverConfig.createFromXmlResource(Search.BASE_RESOURCE);
        List<PhaseConfig> phases = config.getPhaseConfigList();
        config = config.withPhases(phases.get(0), phases.get(1),
                        new CustomPhaseConfig().withCustomPhaseCommandList(phase.steps(100)))
                .withEnvironmentMode(EnvironmentMode.FULL_ASSERT)
                .withTerminationSpentLimit(Duration.ofSeconds(60));
        Solver<AssignmentPlan> solver = SolverFactory.<AssignmentPlan>create(config).buildSolver();
        List<HardMediumSoftLongScore> fromNeighbourhoods = new ArrayList<>();
        solver.addEventListener(event -> {
            if (event.getProducerId().phaseIndex().orElse(-1) == 2) {
                fromNeighbourhoods.add(event.getNewBestSolution().getScore());
            }
        });

        AssignmentPlan solved = solver.solve(PlanFactory.build(SolvedPlans.dataset("dach-small")).plan());

        assertThat(fromNeighbourhoods).hasSizeGreaterThanOrEqualTo(2);
        assertThat(fromNeighbourhoods).isSortedAccordingTo(HardMediumSoftLongScore::compareTo);
        assertThat(fromNeighbourhoods.get(fromNeighbourhoods.size() - 1)).isEqualTo(solved.getScore());
    }

    private static AssignmentPlan oneRound(Map<String, String> properties) {
        SolverConfig config = SolverConfig.createFromXmlResource(Search.BASE_RESOURCE);
        List<PhaseConfig> phases = config.getPhaseConfigList();
        CustomPhaseConfig neighbourhoods = new CustomPhaseConfig()
                .withCustomPhaseCommandClassList(List.of(KamNeighbourhoods.class));
        Map<String, String> all = new HashMap<>(properties);
        all.put("maxRounds", "1");
        neighbourhoods.setCustomProperties(all);
        config = config.withPhases(phases.get(0), phases.get(1), neighbourhoods)
                .withEnvironmentMode(EnvironmentMode.FULL_ASSERT)
                .withTerminationSpentLimit(Duration.ofSeconds(60));
        PlanDocument document = SolvedPlans.dataset("dach-small");
        return SolverFactory.<AssignmentPlan>create(config).buildSolver().solve(PlanFactory.build(document).plan());
    }
}
