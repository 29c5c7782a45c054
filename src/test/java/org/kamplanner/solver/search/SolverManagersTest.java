package org.kamplanner.solver.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kamplanner.domain.AssignmentPlan;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.heuristic.selector.entity.EntitySelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.ChangeMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.SwapMoveSelectorConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchType;
import ai.timefold.solver.core.config.phase.PhaseConfig;
import ai.timefold.solver.core.config.phase.custom.CustomPhaseConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * Which search a plan gets (late acceptance up to LARGE_PLAN_ACCOUNTS accounts, tabu search above, the
 * rebalance search in REBALANCE mode), and that the large and rebalance searches built from
 * solverConfig.xml differ from it only where they mean to.
 */
class SolverManagersTest {

    @Test
    void annualPlansSwitchToTabuSearchAboveTheThreshold() {
        assertThat(localSearch(SolverManagers.config(SolveMode.ANNUAL, SolverManagers.LARGE_PLAN_ACCOUNTS))
                .getAcceptorConfig().getLateAcceptanceSize()).isEqualTo(400);
        assertThat(localSearch(SolverManagers.config(SolveMode.ANNUAL, SolverManagers.LARGE_PLAN_ACCOUNTS + 1))
                .getLocalSearchType()).isEqualTo(LocalSearchType.TABU_SEARCH);
    }

    @Test
    void rebalanceKeepsItsOwnSearchWhateverTheSize() {
        assertThat(SolverManagers.search(SolveMode.REBALANCE, 15_000)).isEqualTo(Search.REBALANCE);
        assertThat(SolverManagers.config(SolveMode.REBALANCE, 15_000).getPhaseConfigList())
                .usingRecursiveComparison().isEqualTo(SolverManagers.rebalanceConfig().getPhaseConfigList());
    }

    /**
     * The file as it stands but for the two CP-SAT phases, which run in steps so that a whole-plan solve publishes
     * what it finds; the Spring Boot starter's copy of the file gets the same change (AnnualSearchInSteps).
     */
    @Test
    void annualSearchIsSolverConfigXmlWithItsNeighbourhoodsInSteps() {
        SolverConfig file = SolverConfig.createFromXmlResource(Search.BASE_RESOURCE);
        SolverConfig starters = (SolverConfig) new AnnualSearchInSteps().postProcessAfterInitialization(
                SolverConfig.createFromXmlResource(Search.BASE_RESOURCE), "solverConfig");

        for (SolverConfig annual : List.of(Search.ANNUAL.config(), starters)) {
            assertThat(annual).usingRecursiveComparison().ignoringFields("phaseConfigList").isEqualTo(file);
            List<PhaseConfig> phases = annual.getPhaseConfigList();
            assertThat(phases).hasSize(6);
            for (int same : new int[] {0, 1, 3, 5}) {
                assertThat(phases.get(same)).usingRecursiveComparison().isEqualTo(file.getPhaseConfigList().get(same));
            }
            for (int stepped : new int[] {2, 4}) {
                CustomPhaseConfig steps = (CustomPhaseConfig) phases.get(stepped);
                assertThat(steps.getCustomPhaseCommandClassList()).isNull();
                assertThat(steps.getCustomPhaseCommandList()).hasSize(Search.NEIGHBOURHOOD_STEPS);
            }
        }
    }

    /**
     * Same classes, constraints, phases (but the construction heuristic) and moves; the acceptance of both local
     * searches is Timefold's tabu search, and the CP-SAT neighbourhoods run in steps.
     */
    @Test
    void largeSearchIsTheAnnualOneWithTabuSearch() {
        SolverConfig annual = SolverConfig.createFromXmlResource(Search.BASE_RESOURCE);
        SolverConfig large = Search.LARGE.config();

        assertThat(large).usingRecursiveComparison().ignoringFields("phaseConfigList").isEqualTo(annual);
        List<PhaseConfig> largePhases = large.getPhaseConfigList();
        List<PhaseConfig> annualPhases = annual.getPhaseConfigList();
        assertThat(largePhases).hasSize(5);
        // The greedy, with make-room chains for what it leaves out on plans above 500 accounts.
        assertThat(largePhases.get(0)).usingRecursiveComparison().ignoringFields("customProperties")
                .isEqualTo(annualPhases.get(0));
        assertThat(((CustomPhaseConfig) largePhases.get(0)).getCustomProperties())
                .containsEntry("coverageRepairAbove", "500");
        // No construction heuristic (annual phase 1): after the greedy it places nothing.
        // The CP-SAT neighbourhoods as steps, so that each kept change is published (KamNeighbourhoods.steps).
        for (int[] pair : new int[][] {{1, 2}, {3, 4}}) {
            CustomPhaseConfig steps = (CustomPhaseConfig) largePhases.get(pair[0]);
            assertThat(steps.getCustomPhaseCommandClassList()).isNull();
            assertThat(steps.getCustomPhaseCommandList()).hasSize(Search.NEIGHBOURHOOD_STEPS);
            assertThat(((CustomPhaseConfig) annualPhases.get(pair[1])).getCustomPhaseCommandClassList())
                    .containsExactly(KamNeighbourhoods.class);
        }
        for (int[] pair : new int[][] {{2, 3}, {4, 5}}) {
            LocalSearchPhaseConfig tabu = (LocalSearchPhaseConfig) largePhases.get(pair[0]);
            assertThat(tabu).usingRecursiveComparison()
                    .ignoringFields("localSearchType", "acceptorConfig", "foragerConfig")
                    .isEqualTo(annualPhases.get(pair[1]));
            assertThat(tabu.getLocalSearchType()).isEqualTo(LocalSearchType.TABU_SEARCH);
            // Unset, so Timefold's tabu defaults apply (entity tabu, 1,000 accepted moves per step).
            assertThat(tabu.getAcceptorConfig()).isNull();
            assertThat(tabu.getForagerConfig()).isNull();
        }
    }

    /**
     * The annual phases, the annual local search until everything is placed, then change and swap moves
     * among the orphans only.
     */
    @Test
    void rebalanceSearchPlacesWithTheAnnualOneThenMovesOrphansOnly() {
        SolverConfig annual = Search.ANNUAL.config();
        SolverConfig rebalance = Search.REBALANCE.config();

        assertThat(rebalance).usingRecursiveComparison().ignoringFields("phaseConfigList").isEqualTo(annual);
        List<PhaseConfig> phases = rebalance.getPhaseConfigList();
        assertThat(phases).hasSize(4);
        assertThat(phases.subList(0, 2)).usingRecursiveComparison().isEqualTo(annual.getPhaseConfigList().subList(0, 2));
        LocalSearchPhaseConfig placing = (LocalSearchPhaseConfig) phases.get(2);
        assertThat(placing).usingRecursiveComparison().ignoringFields("terminationConfig").isEqualTo(localSearch(annual));
        assertThat(placing.getTerminationConfig()).usingRecursiveComparison().ignoringFields("bestScoreLimit")
                .isEqualTo(new TerminationConfig());
        assertThat(placing.getTerminationConfig().getBestScoreLimit())
                .isEqualTo("0hard/0medium/-9223372036854775808soft");

        LocalSearchPhaseConfig amongOrphans = (LocalSearchPhaseConfig) phases.get(3);
        assertThat(amongOrphans.getTerminationConfig()).isNull();
        assertThat(amongOrphans.getAcceptorConfig()).isNull();
        assertThat(amongOrphans.getForagerConfig()).isNull();
        EntitySelectorConfig orphans = new EntitySelectorConfig().withFilterClass(OrphanFilter.class);
        assertThat(amongOrphans.getMoveSelectorConfig()).usingRecursiveComparison().isEqualTo(
                new UnionMoveSelectorConfig().withMoveSelectors(
                        new ChangeMoveSelectorConfig().withEntitySelectorConfig(orphans),
                        new SwapMoveSelectorConfig().withEntitySelectorConfig(orphans)
                                .withSecondaryEntitySelectorConfig(orphans)));
    }

    @Test
    void everySearchBuildsASolver() {
        for (Search search : Search.values()) {
            assertThat(SolverFactory.<AssignmentPlan>create(search.config()).buildSolver()).as(search.name())
                    .isNotNull();
        }
    }

    @Test
    void searchesAreNamedInAnyCase() {
        assertThat(Search.NAMES).containsExactly("annual", "large", "rebalance");
        assertThat(Search.named("large")).isEqualTo(Search.LARGE);
        assertThat(Search.named("REBALANCE")).isEqualTo(Search.REBALANCE);
        assertThatThrownBy(() -> Search.named("solverConfigLarge.xml"))
                .hasMessageContaining("[annual, large, rebalance]");
    }

    private static LocalSearchPhaseConfig localSearch(SolverConfig config) {
        return config.getPhaseConfigList().stream()
                .filter(LocalSearchPhaseConfig.class::isInstance).map(LocalSearchPhaseConfig.class::cast)
                .findFirst().orElseThrow();
    }
}
