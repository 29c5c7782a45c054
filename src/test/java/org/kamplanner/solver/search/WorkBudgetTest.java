package org.kamplanner.solver.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.kamplanner.data.PlanFamilies;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.PlanSettings;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.phase.PhaseConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/** settings.seed with settings.workBudget: the same document gives the same plan, whatever else the machine does. */
class WorkBudgetTest {

    /**
     * A plan solved twice with the same seed and budget, the second time while another thread keeps a core busy.
     * Under a time limit the busy core would cost the second run moves, and its plan would differ. The over-full
     * 20 × 200 plan spends its budget in the CP-SAT coverage phase (deterministic time), the loose one in the
     * first local search (counted steps). A 40 × 450 plan took 30 s per solve, all of it in the coverage phase
     * too; a budget that reaches the later CP-SAT neighbourhoods costs 10–15 s more per solve.
     */
    @ParameterizedTest
    @CsvSource({ "overfull, 150000", "loose, 300000" })
    void sameSeedAndBudgetGiveTheSamePlanWhileACoreIsBusy(String family, int budget) throws InterruptedException {
        PlanDocument document = withSeedAndBudget(PlanFamilies.generate(family, 11, 20, 200), 7, budget);

        Map<String, String> quiet = assignments(solve(document));
        Map<String, String> loaded;
        AtomicBoolean busy = new AtomicBoolean(true);
        Thread hog = new Thread(() -> {
            long x = 0;
            while (busy.get()) {
                x = x * 6364136223846793005L + 1442695040888963407L;
            }
            if (x == 42) {
                System.out.println(x); // keeps the loop from being optimised away
            }
        }, "cpu-hog");
        hog.start();
        try {
            loaded = assignments(solve(document));
        } finally {
            busy.set(false);
            hog.join();
        }

        if (family.equals("overfull")) {
            assertThat(quiet.values()).contains((String) null); // coverage, and so the CP-SAT phase, mattered
        }
        assertThat(loaded).isEqualTo(quiet);
    }

    @Test
    void budgetReplacesEveryClockLimitOfTheSearchByACount() {
        PlanSettings settings = PlanSettings.defaults().withTerminationSeconds(120);
        PlanSettings budgeted = new PlanSettings(settings.aTierMinExperienceYears(), settings.intraRegionTravelMinutes(),
                settings.roadFactor(), settings.speedKmh(), settings.tierMinutes(), settings.complexityPercent(),
                settings.phasePercent(), settings.visitsPerYear(), settings.unassignedPenalty(), settings.movePenalty(),
                settings.constraintWeights(), 120, 5L, 42, 1_000_000, null, settings.keepWithIncumbent());

        SolverConfig config = SolverManagers.config(SolveMode.ANNUAL, 2_000, budgeted);
        TerminationConfig termination = SolveMode.REBALANCE.termination(budgeted);

        assertThat(config.getRandomSeed()).isEqualTo(42L);
        for (PhaseConfig<?> phase : config.getPhaseConfigList()) {
            TerminationConfig own = phase.getTerminationConfig();
            if (own != null) {
                assertThat(own.getDiminishedReturnsConfig()).isNull();
                assertThat(own.getUnimprovedSpentLimit()).isNull();
                assertThat(own.getUnimprovedSecondsSpentLimit()).isNull();
                assertThat(own.getSpentLimit()).isNull();
            }
        }
        assertThat(config.getPhaseConfigList()).filteredOn(LocalSearchPhaseConfig.class::isInstance)
                .map(PhaseConfig::getTerminationConfig).filteredOn(t -> t != null)
                .extracting(TerminationConfig::getUnimprovedStepCountLimit).containsOnly(WorkBudget.UNIMPROVED_STEPS);
        // Neither the document's unimprovedSeconds nor the rebalance's default 3 s: the budget, and the safety cap.
        assertThat(termination.getScoreCalculationCountLimit()).isEqualTo(1_000_000L);
        assertThat(termination.getSpentLimit()).isEqualTo(Duration.ofSeconds(120));
        assertThat(termination.getUnimprovedSpentLimit()).isNull();
    }

    @Test
    void withoutSeedOrBudgetTheSearchIsUnchanged() {
        PlanSettings settings = PlanSettings.defaults();

        assertThat(WorkBudget.reproducible(settings)).isFalse();
        assertThat(SolverManagers.config(SolveMode.ANNUAL, 2_000, settings)).usingRecursiveComparison()
                .isEqualTo(SolverManagers.config(SolveMode.ANNUAL, 2_000));
        assertThat(SolveMode.ANNUAL.termination(settings)).usingRecursiveComparison()
                .isEqualTo(settings.termination());
    }

    private static AssignmentPlan solve(PlanDocument document) {
        AssignmentPlan problem = PlanFactory.build(document).plan();
        SolverConfig config = SolverManagers.config(SolveMode.ANNUAL, problem.getAccounts().size(), problem.getSettings())
                .withTerminationConfig(SolveMode.ANNUAL.termination(problem.getSettings()));
        Solver<AssignmentPlan> solver = SolverFactory.<AssignmentPlan>create(config).buildSolver();
        return solver.solve(problem);
    }

    private static Map<String, String> assignments(AssignmentPlan plan) {
        Map<String, String> byAccount = new LinkedHashMap<>();
        for (Account account : plan.getAccounts()) {
            byAccount.put(account.getId(), account.getKam() == null ? null : account.getKam().getId());
        }
        return byAccount;
    }

    private static PlanDocument withSeedAndBudget(PlanDocument document, int seed, int workBudget) {
        PlanDocument.Settings given = document.settings() == null ? PlanDocument.Settings.DEFAULTS : document.settings();
        return document.withSettings(new PlanDocument.Settings(given.aTierMinExperienceYears(),
                given.intraRegionTravelMinutes(), given.roadFactor(), given.speedKmh(), given.tierMinutes(),
                given.complexityPercent(), given.phasePercent(), given.visitsPerYear(), given.unassignedPenalty(),
                given.movePenalty(), given.constraintWeights(), 600L, null, given.mode(), seed, workBudget,
                given.maxMovedAccounts(), given.keepWithIncumbent()));
    }
}
