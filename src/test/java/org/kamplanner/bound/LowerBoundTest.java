package org.kamplanner.bound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.kamplanner.document.TestDocuments;
import org.kamplanner.domain.AssignmentPlan;

import com.fasterxml.jackson.databind.ObjectMapper;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;

/** The worked examples of docs/bound.md, and what the bound answers where it cannot prove anything. */
class LowerBoundTest {

    private static final SolutionManager<AssignmentPlan, HardMediumSoftLongScore> SCORING =
            SolutionManager.create(SolverFactory.create(SolverConfig.createFromXmlResource("solverConfig.xml")));
    private static final Duration TIME = Duration.ofSeconds(30);
    private static final LowerBound LP_ONLY = new LowerBound(
            LowerBound.Options.DEFAULT.withCpSatLimit(Duration.ZERO).withKnapsackLimit(Duration.ZERO));

    /**
     * docs/bound.md's example: two KAMs with 100 minutes, three remote C-accounts of 40 minutes, two of
     * them with k1. The optimum is this plan (soft 64 + 16 = 80); the relaxation's value is
     * (80² - 99) / 100 + (40² - 99) / 100 = 78.02, so the bound is 79.
     */
    @Test
    void workedExample() {
        TestDocuments.Model model = example(100).build()
                .assign("a1", "k1").assign("a2", "k1").assign("a3", "k2");
        AssignmentPlan plan = scored(model);
        assertThat(plan.getScore()).isEqualTo(HardMediumSoftLongScore.of(0, 0, -80));

        LowerBound.Result result = LP_ONLY.computeWithDetails(plan, TIME);
        PlanBound bound = result.bound();

        assertThat(bound.status()).isEqualTo(PlanBound.Status.PROVEN);
        assertThat(bound.mediumPenalty()).isZero();
        assertThat(bound.softPenalty()).isEqualTo(79);
        assertThat(bound.softGapPercent()).isEqualTo(1.27); // (80 - 79) / 79 = 1.2658 %, rounded up
        assertThat(bound.method()).isEqualTo("LP relaxation");
        assertThat(bound.reason()).isNull();
        // Kelley: round 1 with the first tangents (at 48, 60, 72) gives 62.37 + 14.37 = 76.74, round 2 with
        // tangents at the loads 80 and 40 the relaxation's 78.02; the under-estimate is then 0.
        assertThat(result.softLp()).contains("2 rounds", "(LP 78.020)", "under-estimate 0.000");

        // CP-SAT (on by default for small plans) closes the last unit: 80 is the optimum.
        PlanBound exact = new LowerBound().compute(plan, TIME);
        assertThat(exact.softPenalty()).isEqualTo(80);
        assertThat(exact.softGapPercent()).isEqualTo(0.0);
        assertThat(exact.method()).isEqualTo("LP relaxation; CP-SAT bound for the soft level");
    }

    /**
     * The over-full variant: 70 minutes per KAM, so each takes one account and one C-account stays out
     * (medium optimum 1). The LP shares 120 minutes over 140 and proves only 0; CP-SAT proves 1.
     */
    @Test
    void overFullExampleLpIsWeakCpSatIsExact() {
        TestDocuments.Model model = example(70).build().assign("a1", "k1").assign("a3", "k2");
        AssignmentPlan plan = scored(model);
        assertThat(plan.getScore().mediumScore()).isEqualTo(-1);

        LowerBound.Result lpOnly = LP_ONLY.computeWithDetails(plan, TIME);
        assertThat(lpOnly.bound().mediumPenalty()).isZero();
        assertThat(lpOnly.bound().method()).isEqualTo("LP relaxation");

        // Whole accounts: one 40-minute account fits into 70 minutes, so per KAM the knapsack takes one.
        LowerBound.Result withKnapsack = new LowerBound(LowerBound.Options.DEFAULT.withCpSatLimit(Duration.ZERO))
                .computeWithDetails(plan, TIME);
        assertThat(withKnapsack.bound().mediumPenalty()).isEqualTo(1);
        assertThat(withKnapsack.bound().method()).isEqualTo("LP relaxation; knapsack Lagrangian bound for the medium level");

        LowerBound.Result withCpSat = new LowerBound(LowerBound.Options.DEFAULT.withKnapsackLimit(Duration.ZERO))
                .computeWithDetails(plan, TIME);
        assertThat(withCpSat.bound().mediumPenalty()).isEqualTo(1);
        assertThat(withCpSat.bound().method()).startsWith("LP relaxation; CP-SAT bound for the medium level");
        assertThat(withCpSat.mediumCpSat()).contains("optimum 1");
        // With medium <= 1 the best plan keeps the two incumbents: 40² / 70 = 22 each, so 44 soft.
        assertThat(lpOnly.bound().softPenalty()).isEqualTo(44);
        assertThat(withCpSat.bound().softPenalty()).isEqualTo(44);
    }

    /**
     * The knapsack in coarse steps (a large plan's cell budget): still a bound, never below the fractional
     * one. One cell per KAM makes the step 2 × 70 minutes: every account weighs 0 steps, so only the
     * fractional knapsack bounds each KAM and the bound is the LP's 0; 8 cells make it 18 minutes, 70 minutes
     * 3 steps and 40 minutes 2, so again one account per KAM and the optimum 1.
     */
    @Test
    void coarseKnapsackStepsStayABound() {
        AssignmentPlan plan = scored(example(70).build().assign("a1", "k1").assign("a3", "k2"));
        Relaxation r = Relaxation.of(plan);
        long deadline = System.nanoTime() + TIME.toNanos();

        assertThat(Math.ceil(KnapsackBound.medium(r, null, 1, deadline, 1).bound())).isLessThanOrEqualTo(0);
        assertThat(Math.ceil(KnapsackBound.medium(r, null, 1, deadline, 11).bound())).isEqualTo(1);
    }

    /** 20,000 accounts × 2,000 KAMs (the documented maximum) on a 2 GB heap: refused with a reason, not run out of. */
    @Test
    void aPlanWhosePairsCannotFitTheHeapIsRefusedWithAReason() {
        assertThat(LowerBound.memoryProblem(20_000, 2_000, 2L << 30))
                .isEqualTo("the plan is too large for the certificate in this server's memory: 20,000 accounts × "
                        + "2,000 KAMs may need 2,441 MB of heap, and 2,048 MB are left; give the service more heap "
                        + "(-Xmx) for it");
        assertThat(LowerBound.memoryProblem(15_000, 1_000, 2L << 30)).isNull(); // dach-xl: 915 MB
    }

    @Test
    void pinnedAccountOnAForbiddenKamMeansNoPlanHasHardZero() {
        TestDocuments.Model model = example(100).forbidden("k2", "a3", "conflict of interest").build();
        model.account("a3").setKam(null);
        AssignmentPlan plan = PinnedCopy.pin(model, "a3", "k2");

        PlanBound bound = new LowerBound().compute(plan, TIME);

        assertThat(bound.status()).isEqualTo(PlanBound.Status.UNAVAILABLE);
        assertThat(bound.reason()).contains("no plan has hard score 0", "'a3'", "'k2'", "Forbidden pair");
        assertThat(bound.mediumPenalty()).isNull();
        assertThat(bound.softPenalty()).isNull();
    }

    @Test
    void aForbiddenPairOfWeightZeroBindsNothing() {
        TestDocuments.Model model = example(100).forbidden("k2", "a3", "conflict of interest")
                .settings("{\"constraintWeights\": {\"Forbidden pair\": 0}}").build();
        AssignmentPlan plan = PinnedCopy.pin(model, "a3", "k2");

        PlanBound bound = new LowerBound().compute(plan, TIME);

        assertThat(bound.status()).isEqualTo(PlanBound.Status.PROVEN);
        assertThat(bound.softPenalty()).isLessThanOrEqualTo(-plan.getScore().softScore());
    }

    @Test
    void noTimeIsUnavailableWithTheReason() {
        AssignmentPlan plan = scored(example(100).build().assign("a1", "k1").assign("a2", "k1").assign("a3", "k2"));

        PlanBound bound = new LowerBound().compute(plan, Duration.ZERO);

        assertThat(bound.status()).isEqualTo(PlanBound.Status.UNAVAILABLE);
        assertThat(bound.reason()).contains("time limit ran out before the first LP was solved");
    }

    @Test
    void aPlanWithoutScoreIsUnavailable() {
        AssignmentPlan plan = example(100).build().plan();

        PlanBound bound = new LowerBound().compute(plan, TIME);

        assertThat(bound.status()).isEqualTo(PlanBound.Status.UNAVAILABLE);
        assertThat(bound.reason()).contains("no score");
    }

    @Test
    void jsonHasOnlyTheFieldsThatAreSet() throws Exception {
        ObjectMapper json = new ObjectMapper();

        assertThat(json.writeValueAsString(PlanBound.computing())).isEqualTo("{\"status\":\"COMPUTING\"}");
        assertThat(json.writeValueAsString(PlanBound.unavailable("why", 1.234)))
                .isEqualTo("{\"status\":\"UNAVAILABLE\",\"seconds\":1.23,\"reason\":\"why\"}");
        assertThat(json.writeValueAsString(PlanBound.proven(0, 286121L, 291385L, "LP relaxation", 5.2, null)))
                .isEqualTo("{\"status\":\"PROVEN\",\"mediumPenalty\":0,\"softPenalty\":286121,"
                        + "\"softGapPercent\":1.84,\"method\":\"LP relaxation\",\"seconds\":5.2}");
    }

    @Test
    void gapIsRoundedUpNeverDown() {
        assertThat(PlanBound.gapPercent(101L, 99L)).isEqualTo(2.03); // 2.0202 %
        assertThat(PlanBound.gapPercent(100L, 100L)).isEqualTo(0.0);
        assertThat(PlanBound.gapPercent(100_001L, 100_000L)).isEqualTo(0.01); // 0.001 %
        assertThat(PlanBound.gapPercent(100L, 0L)).isNull();
        assertThat(PlanBound.gapPercent(null, 5L)).isNull();
    }

    /** docs/bound.md's example plan: remote C-accounts of 40 minutes, KAMs with the given capacity. */
    static TestDocuments example(int capacity) {
        TestDocuments doc = TestDocuments.document()
                .region("R", "Region", 50, 10)
                .sector("S", "Sector", 3, false);
        doc.kam("k1", "KAM 1", "R").experience(10).sectors("S").capacity(capacity);
        doc.kam("k2", "KAM 2", "R").experience(10).sectors("S").capacity(capacity);
        doc.account("a1", "S", "R", "C").remote().workload(40).current("k1");
        doc.account("a2", "S", "R", "C").remote().workload(40).current("k1");
        doc.account("a3", "S", "R", "C").remote().workload(40).current("k2");
        return doc;
    }

    static AssignmentPlan scored(TestDocuments.Model model) {
        AssignmentPlan plan = model.plan();
        plan.setScore(SCORING.update(plan));
        return plan;
    }

    /** A plan with one account pinned to a KAM, scored. */
    private static final class PinnedCopy {
        static AssignmentPlan pin(TestDocuments.Model model, String accountId, String kamId) {
            AssignmentPlan plan = model.plan();
            plan.getAccounts().replaceAll(a -> {
                if (!a.getId().equals(accountId)) {
                    return a;
                }
                org.kamplanner.domain.Account pinned = a.copy(true);
                pinned.setKam(model.kam(kamId));
                return pinned;
            });
            plan.setScore(SCORING.update(plan));
            return plan;
        }
    }
}
