package org.kamplanner.document;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * Every level of the score must fit 64 bits whatever the solver tries. Each value is within its own
 * cap here; only many accounts together at the largest weights could overflow. Limit: a quarter of
 * Long.MAX_VALUE, about 2.3e18.
 */
class ScoreRangeTest {

    /** 3,000 C-accounts in one region, one KAM; settings as given. */
    private static TestDocuments plan(String settings, long affinityPenalty) {
        TestDocuments doc = TestDocuments.document().settings(settings)
                .region("MUC", "München", 48.137, 11.575)
                .sector("SERV", "Services", 100, false);
        doc.kam("K1", "Anna", "MUC").experience(10).sectors("SERV");
        for (int i = 0; i < 3000; i++) {
            doc.account("A" + i, "SERV", "MUC", "C");
            if (affinityPenalty != 0) {
                doc.affinity("K1", "A" + i, affinityPenalty);
            }
        }
        return doc;
    }

    @Test
    void unassignedPenaltiesAtTheirCapsOverflowTheMediumLevel() {
        // 3,000 × 1e9 × 1e6 = 3e18 > 2.3e18.
        TestDocuments doc = plan("""
                {"unassignedPenalty": {"C": 1000000000}, "constraintWeights": {"Unassigned account": 1000000}}""", 0);
        assertThatThrownBy(doc::build).isInstanceOfSatisfying(InvalidPlanException.class, e ->
                assertThat(e.problems()).singleElement().satisfies(p -> {
                    assertThat(p.path()).isEqualTo("settings");
                    assertThat(p.message()).startsWith("the medium score of this plan could reach 3.00e+18");
                }));
    }

    @Test
    void affinitiesAtTheirCapsOverflowTheSoftLevel() {
        // 3,000 × |−1e9| × 1e6 = 3e18 > 2.3e18: a bonus counts as much as a penalty.
        TestDocuments doc = plan("""
                {"constraintWeights": {"Account affinity": 1000000}}""", -1_000_000_000L);
        assertThatThrownBy(doc::build).isInstanceOf(InvalidPlanException.class)
                .hasMessage("1 problem in the plan document");
    }

    @Test
    void theSameAtAFifthOfTheWeightFits() {
        assertThatCode(plan("""
                {"unassignedPenalty": {"C": 1000000000}, "constraintWeights": {"Unassigned account": 200000}}""", 0)::build)
                .doesNotThrowAnyException();
    }

    /** 100 accounts of €20 bn each: revenueK 2e9 in all, 4e18 squared on one KAM > 2.3e18. */
    private static TestDocuments billionaires(String settings) {
        TestDocuments doc = TestDocuments.document().settings(settings)
                .region("MUC", "München", 48.137, 11.575)
                .sector("SERV", "Services", 100, false);
        doc.kam("K1", "Anna", "MUC").experience(10).sectors("SERV");
        for (int i = 0; i < 100; i++) {
            doc.account("A" + i, "SERV", "MUC", "C").revenue("20000000000");
        }
        return doc;
    }

    @Test
    void balancedRevenueIsCheckedOnlyWhenItIsOn() {
        assertThatCode(billionaires("{}")::build).doesNotThrowAnyException(); // weight 0 by default
        assertThatThrownBy(billionaires("""
                {"constraintWeights": {"Balanced revenue": 1}}""")::build)
                .isInstanceOfSatisfying(InvalidPlanException.class, e ->
                        assertThat(e.problems()).singleElement().satisfies(p -> {
                            assertThat(p.path()).isEqualTo("settings.constraintWeights.Balanced revenue");
                            assertThat(p.message()).startsWith("the accounts' revenue, 2000000000 thousand a year");
                        }));
    }
}
