package org.kamplanner.rebalance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanReport;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.explain.MoveGains;
import org.kamplanner.explain.SolvedPlans;
import org.kamplanner.solver.search.SolverManagers;
import org.springframework.context.i18n.LocaleContextHolder;

import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * On dach-small solved as an annual plan and then rebalanced (a KAM leaves), no move reason reads "chosen by
 * the solver": each voluntary move says what it buys, with what moving it back would do. The solves end on a
 * move count, so the plans do not depend on the machine's load.
 */
class MoveReasonsOnSolvedPlansTest {

    private static final SolverFactory<AssignmentPlan> ANNUAL = SolvedPlans.solverFactory(20_000);

    @AfterEach
    void reset() {
        LocaleContextHolder.resetLocaleContext();
    }

    @Test
    void everyMoveOfAnAnnualPlanSaysWhatItBuysInEitherLanguage() {
        AssignmentPlan plan = SolvedPlans.solve(ANNUAL, SolvedPlans.dataset("dach-small"));
        long voluntary = plan.getAccounts().stream().filter(MoveGains::isVoluntary).count();
        assertThat(voluntary).as("voluntary moves").isPositive();

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        List<PlanDocument.Move> moves = MoveReport.moves(plan, null);
        assertThat(moves).filteredOn(m -> m.reason().startsWith("chosen: ")).hasSize((int) voluntary)
                .allSatisfy(m -> assertThat(m.reason()).contains("; moving "));
        assertThat(moves).noneSatisfy(m -> assertThat(m.reason()).containsIgnoringCase("chosen by the solver"));

        LocaleContextHolder.setLocale(Locale.GERMAN);
        assertThat(MoveReport.moves(plan, null)).filteredOn(m -> m.reason().startsWith("gewählt: "))
                .hasSize((int) voluntary)
                .allSatisfy(m -> assertThat(m.reason()).containsPattern("zurückzuverschieben würde")
                        .doesNotContain("vom Solver"));
    }

    @Test
    void everyMoveOfARebalanceSaysWhyItWasForcedOrWhatItBuys() {
        AssignmentPlan annual = SolvedPlans.solve(ANNUAL, SolvedPlans.dataset("dach-small"));
        PlanDocument source = PlanReport.document(SolvedPlans.dataset("dach-small"), annual, "source", "COMPLETED",
                List.of(), null);
        // The KAM with most accounts leaves, so that the others must make room.
        String leaver = annual.getKams().stream()
                .max((a, b) -> Long.compare(count(annual, a.getId()), count(annual, b.getId()))).orElseThrow().getId();
        PlanDocument document = Rebalancer.rebalance(source, new RebalanceRequest(List.of(leaver), null, null)).document();
        SolverFactory<AssignmentPlan> factory = SolverFactory.create(SolverManagers.rebalanceConfig()
                .withTerminationConfig(new TerminationConfig().withMoveCountLimit(20_000L)));
        AssignmentPlan plan = factory.buildSolver().solve(PlanFactory.build(document).plan());
        MoveReview.Result review = new MoveReview(SolutionManager.create(factory)).review(plan);

        LocaleContextHolder.setLocale(Locale.ENGLISH);
        List<PlanDocument.Move> moves = MoveReport.moves(plan, review);
        assertThat(moves).filteredOn(m -> m.reason().startsWith("forced: ")).isNotEmpty();
        assertThat(moves).allSatisfy(m -> assertThat(m.reason()).matches("(forced|chosen): .*")
                .doesNotContainIgnoringCase("chosen by the solver"));
        assertThat(moves).filteredOn(m -> m.reason().startsWith("chosen: ")).isNotEmpty()
                .hasSize(review.gains().size())
                .allSatisfy(m -> assertThat(m.reason()).contains("; moving "));
        // Read again without the review (a restart forgets it): measured anew, the same words.
        assertThat(MoveReport.moves(plan, null)).isEqualTo(moves);
    }

    private static long count(AssignmentPlan plan, String kamId) {
        return plan.getAccounts().stream().filter(a -> a.getKam() != null && a.getKam().getId().equals(kamId)).count();
    }
}
