package org.kamplanner.bound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.kamplanner.document.TestDocuments;
import org.kamplanner.domain.AssignmentPlan;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * docs/bound.md's Balanced revenue term on its worked example: the two KAMs of 100 (or 70) minutes, the three
 * 40-minute accounts, now with €1 M, €1 M and €2 M of revenue (revenueK 1,000, 1,000, 2,000), weight 1.
 */
class RevenueBoundTest {

    private static final Duration TIME = Duration.ofSeconds(30);
    private static final LowerBound LP_ONLY = new LowerBound(
            LowerBound.Options.DEFAULT.withCpSatLimit(Duration.ZERO).withKnapsackLimit(Duration.ZERO));

    /**
     * Every account covered: R = 4,000 over C = 200 minutes, so Σ R_k² / C_k ≥ 16,000,000 / 200 = 80,000 (a3
     * whole on either KAM changes nothing: 2,000 is that KAM's fair share), less 2 for the two KAMs' integer
     * division, and the floating-point margin takes the result just below 79,998: 79,997 on top of the LP's 79 (LowerBoundTest.workedExample).
     * The plan (a1, a2 on k1, a3 on k2) pays 64 + 16 = 80 workload balance and 40,000 + 40,000 revenue
     * balance: 80,080, which is the optimum.
     */
    @Test
    void everyAccountCoveredGivesTheRevenueOverTheWholeCapacity() {
        AssignmentPlan plan = LowerBoundTest.scored(withRevenue(100, 2_000_000).build()
                .assign("a1", "k1").assign("a2", "k1").assign("a3", "k2"));
        assertThat(plan.getScore()).isEqualTo(HardMediumSoftLongScore.of(0, 0, -80_080));

        PlanBound bound = LP_ONLY.compute(plan, TIME);

        assertThat(bound.status()).isEqualTo(PlanBound.Status.PROVEN);
        assertThat(bound.softPenalty()).isEqualTo(79 + 79_997);
        assertThat(bound.softGapPercent()).isEqualTo(0.01); // 4 / 80,076 = 0.005 %, rounded up
    }

    /**
     * a3 with €6 M: Cauchy–Schwarz alone gives 8,000² / 200 = 320,000, but a3 is one customer, so its KAM carries
     * at least 6,000: 36,000,000 / 100 + 2,000² / 100 = 400,000 whichever KAM it is, which is the plan's own
     * revenue balance (a1, a2 on k1, a3 on k2), so the bound is 79 + 399,997 against the plan's 400,080.
     */
    @Test
    void theLargestAccountCountsWhole() {
        AssignmentPlan plan = LowerBoundTest.scored(withRevenue(100, 6_000_000).build()
                .assign("a1", "k1").assign("a2", "k1").assign("a3", "k2"));
        assertThat(plan.getScore()).isEqualTo(HardMediumSoftLongScore.of(0, 0, -400_080));

        assertThat(LP_ONLY.compute(plan, TIME).softPenalty()).isEqualTo(79 + 399_997);
    }

    /**
     * 70 minutes per KAM: one C-account (penalty 1) stays out, so a plan at medium 1 may leave out the account
     * with the most revenue per unit of penalty, a3 (2,000): R ≥ 2,000 over C = 140, 4,000,000 / 140 = 28,571,
     * less 2: 28,569. The plan that leaves a3 out pays 1,000,000 / 70 = 14,285 twice: 28,570 (besides the
     * workload balance, 1,600 / 70 = 22 twice, and a2's hand-over to k2, 200).
     */
    @Test
    void aMediumBudgetLetsThePlanLeaveOutTheMostRevenuePerPenalty() {
        AssignmentPlan plan = LowerBoundTest.scored(withRevenue(70, 2_000_000).build().assign("a1", "k1").assign("a2", "k2"));
        assertThat(plan.getScore()).isEqualTo(HardMediumSoftLongScore.of(0, -1, -(22 + 22 + 200 + 28_570)));

        PlanBound bound = LP_ONLY.compute(plan, TIME);

        assertThat(bound.mediumPenalty()).isZero(); // the LP alone (LowerBoundTest: the knapsack proves 1)
        assertThat(bound.softPenalty()).isGreaterThanOrEqualTo(28_569).isLessThanOrEqualTo(22 + 22 + 200 + 28_570);
        assertThat(RevenueBound.soft(Relaxation.of(plan), plan, 1)).isEqualTo(28_569);
        assertThat(RevenueBound.soft(Relaxation.of(plan), plan, 0)).isEqualTo(16_000_000 / 140 - 2);
    }

    /** Off (weight 0, the default) it adds nothing, whatever the revenue. */
    @Test
    void offByDefault() {
        TestDocuments doc = LowerBoundTest.example(100);
        AssignmentPlan plan = LowerBoundTest.scored(doc.build().assign("a1", "k1").assign("a2", "k1").assign("a3", "k2"));
        assertThat(RevenueBound.soft(Relaxation.of(plan), plan, 0)).isZero();
    }

    private static TestDocuments withRevenue(int capacity, long a3Revenue) {
        TestDocuments doc = TestDocuments.document()
                .settings("""
                        {"constraintWeights": {"Balanced revenue": 1}}""")
                .region("R", "Region", 50, 10)
                .sector("S", "Sector", 3, false);
        doc.kam("k1", "KAM 1", "R").experience(10).sectors("S").capacity(capacity);
        doc.kam("k2", "KAM 2", "R").experience(10).sectors("S").capacity(capacity);
        doc.account("a1", "S", "R", "C").remote().workload(40).current("k1").revenue(1_000_000);
        doc.account("a2", "S", "R", "C").remote().workload(40).current("k1").revenue(1_000_000);
        doc.account("a3", "S", "R", "C").remote().workload(40).current("k2").revenue(a3Revenue);
        return doc;
    }
}
