package org.kamplanner.solver.search;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.kamplanner.document.TestDocuments;
import org.kamplanner.document.TestDocuments.Model;

/** A hard rule switched off by weight 0 keeps no account off a KAM, as in the constraint streams. */
class KamLoadsTest {

    /** One KAM with capacity 100, one remote C-account of 200 minutes. */
    private static Model plan(String settings) {
        TestDocuments doc = TestDocuments.document().settings(settings)
                .region("MUC", "München", 48.137, 11.575)
                .sector("SERV", "Services", 1, true);
        doc.kam("K1", "Anna", "MUC").experience(1).capacity(100);
        doc.account("A1", "SERV", "MUC", "A").remote().workload(200);
        return doc.build();
    }

    @Test
    void atDefaultWeightsTheFirstBrokenRuleIsNamed() {
        Model m = plan("{}");
        assertThat(KamLoads.of(m.plan()).obstacle(m.account("A1"), m.kam("K1"))).isEqualTo(KamLoads.Obstacle.EXPERTISE);
    }

    @Test
    void rulesWithWeightZeroAreNotObstacles() {
        Model m = plan("""
                {"constraintWeights": {"Required sector expertise": 0, "A-account needs experienced KAM": 0}}""");
        assertThat(KamLoads.of(m.plan()).obstacle(m.account("A1"), m.kam("K1"))).isEqualTo(KamLoads.Obstacle.CAPACITY);
        assertThat(KamLoads.of(m.plan()).qualifies(m.account("A1"), m.kam("K1"))).isTrue();
    }

    @Test
    void withEveryBrokenRuleSwitchedOffTheAccountFits() {
        Model m = plan("""
                {"constraintWeights": {"Required sector expertise": 0, "A-account needs experienced KAM": 0,
                 "KAM capacity": 0}}""");
        assertThat(KamLoads.of(m.plan()).obstacle(m.account("A1"), m.kam("K1"))).isNull();
    }
}
