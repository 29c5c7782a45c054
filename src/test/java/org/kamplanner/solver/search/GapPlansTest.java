package org.kamplanner.solver.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kamplanner.data.GapPlans;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The GAP mapping of {@link GapPlans} is exact: workload(a, k) is the resource of the pair, and a plan
 * scores minus the GAP cost, or a hard penalty of the capacity excess.
 */
class GapPlansTest {

    private static final int[][] COST = {{4, 7, 3}, {6, 2, 9}};
    private static final int[][] RESOURCE = {{5, 11, 8}, {13, 6, 7}};
    private static final int[] CAPACITY = {13, 12};

    @Test
    void workloadIsTheResourceOfThePair() {
        AssignmentPlan plan = PlanFactory.build(GapPlans.document("tiny", COST, RESOURCE, CAPACITY)).plan();
        for (int i = 0; i < 2; i++) {
            Kam kam = plan.getKams().get(i);
            assertThat(kam.getCapacityMinutes()).isEqualTo(CAPACITY[i]);
            for (int j = 0; j < 3; j++) {
                assertThat(plan.getAccounts().get(j).workloadMinutesWith(kam)).isEqualTo(RESOURCE[i][j]);
            }
        }
    }

    @Test
    void scoreIsMinusTheCostOrTheCapacityExcess() {
        assertThat(score(0, 1, 0)).isEqualTo(HardMediumSoftLongScore.of(0, 0, -(4 + 2 + 3)));
        // agent 0 carries 5 + 8 = 13 (fits), agent 1 carries 6; swap job 2 to agent 1: 6 + 7 = 13 > 12
        assertThat(score(0, 1, 1)).isEqualTo(HardMediumSoftLongScore.of(-1, 0, -(4 + 2 + 9)));
    }

    private static HardMediumSoftLongScore score(int... agentOfJob) {
        AssignmentPlan plan = PlanFactory.build(GapPlans.document("tiny", COST, RESOURCE, CAPACITY)).plan();
        for (int j = 0; j < agentOfJob.length; j++) {
            Account account = plan.getAccounts().get(j);
            account.setKam(plan.getKams().get(agentOfJob[j]));
        }
        return Scoring.SOLUTION_MANAGER.update(plan);
    }
}
