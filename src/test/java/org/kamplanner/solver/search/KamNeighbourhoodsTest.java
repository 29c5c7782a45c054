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
        List<HardMediumSoftLongScore> fromNeighbourhoods = new ArrayList<>();

        AssignmentPlan solved = inSteps(phase, true, fromNeighbourhoods);

        assertThat(fromNeighbourhoods).hasSizeGreaterThanOrEqualTo(2);
        assertThat(fromNeighbourhoods).isSortedAccordingTo(HardMediumSoftLongScore::compareTo);
        assertThat(fromNeighbourhoods.get(fromNeighbourhoods.size() - 1)).isEqualTo(solved.getScore());
    }

    /**
     * A whole-plan solve in steps hands over each better plan CP-SAT finds while it runs: one round of the phase
     * publishes several new best solutions (as one blocking solve it could publish one at most, when it ends),
     * better each time, the last of them the solve's result. From dach-small with every account unassigned (hard
     * feasible; a sub-problem offers 40 of them), so that CP-SAT finds several plans on its way; from the
     * greedy's plan its first better one is already the optimum.
     */
    @Test
    void aWholePlanSolvePublishesWhatItFindsAsItGoes() {
        KamNeighbourhoods phase = new KamNeighbourhoods();
        phase.setMaxRounds(1);
        phase.setWholePlanAccounts(100);
        phase.setWholePlanSeconds(10);
        List<HardMediumSoftLongScore> fromTheSolve = new ArrayList<>();

        AssignmentPlan solved = inSteps(phase, false, fromTheSolve);

        assertThat(fromTheSolve).hasSizeGreaterThanOrEqualTo(2);
        assertThat(fromTheSolve).isSortedAccordingTo(HardMediumSoftLongScore::compareTo).doesNotHaveDuplicates();
        assertThat(fromTheSolve.get(fromTheSolve.size() - 1)).isEqualTo(solved.getScore());
    }

    /**
     * dach-small, from the greedy and construction phases or unassigned, then the phase as steps; the scores of
     * the new best solutions the phase published.
     */
    private static AssignmentPlan inSteps(KamNeighbourhoods phase, boolean fromGreedy,
            List<HardMediumSoftLongScore> published) {
        SolverConfig config = SolverConfig.createFromXmlResource(Search.BASE_RESOURCE);
        List<PhaseConfig> phases = new ArrayList<>(config.getPhaseConfigList().subList(0, 2));
        if (!fromGreedy) {
            phases.clear();
        }
        phases.add(new CustomPhaseConfig().withCustomPhaseCommandList(phase.steps(100)));
        config = config.withPhases(phases.toArray(PhaseConfig[]::new))
                .withEnvironmentMode(EnvironmentMode.FULL_ASSERT)
                .withTerminationSpentLimit(Duration.ofSeconds(60));
        Solver<AssignmentPlan> solver = SolverFactory.<AssignmentPlan>create(config).buildSolver();
        solver.addEventListener(event -> {
            if (event.getProducerId().phaseIndex().orElse(-1) == phases.size() - 1) {
                published.add(event.getNewBestSolution().getScore());
            }
        });
        return solver.solve(PlanFactory.build(SolvedPlans.dataset("dach-small")).plan());
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
