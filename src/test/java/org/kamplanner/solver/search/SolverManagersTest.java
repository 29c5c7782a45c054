package org.kamplanner.solver.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchType;
import ai.timefold.solver.core.config.solver.SolverConfig;

/** Which search a plan gets: late acceptance up to LARGE_PLAN_ACCOUNTS accounts, tabu search above. */
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
        assertThat(SolverManagers.config(SolveMode.REBALANCE, 15_000).getPhaseConfigList())
                .usingRecursiveComparison().isEqualTo(SolverManagers.rebalanceConfig().getPhaseConfigList());
    }

    private static LocalSearchPhaseConfig localSearch(SolverConfig config) {
        return config.getPhaseConfigList().stream()
                .filter(LocalSearchPhaseConfig.class::isInstance).map(LocalSearchPhaseConfig.class::cast)
                .findFirst().orElseThrow();
    }
}
