package org.kamplanner.explain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.kamplanner.document.TestDocuments;
import org.kamplanner.domain.Account;

/**
 * An account's list of KAMs always holds its KAM in the plan and its incumbent, whatever their rank, and puts
 * every KAM that would break a hard rule last. Eisenwerk AG (an A-account: 2400 minutes, 24 visits a year, so
 * travel 24·2·t/12 = 4t, continuity 2000) is with Lena Junior (2 years: the A-account rule broken) though its
 * incumbent is Otto Fern, 900 minutes away; five KAMs live 40–80 minutes away, Max Mittel 200.
 */
class RecommendationOrderTest {

    private static final PlanExplainer EXPLAINER = SolvedPlans.explainer(SolvedPlans.solverFactory(1_000));

    private final TestDocuments.Model model = plan();

    private static TestDocuments.Model plan() {
        TestDocuments doc = TestDocuments.document().sector("IND", "Industry", 20, false)
                .region("ACC", "Augsburg", 48.37, 10.90);
        String[] names = { "Lena Junior", "Anna Nah", "Ben Nah", "Clara Nah", "David Nah", "Eva Nah", "Max Mittel",
                "Otto Fern" };
        int[] minutes = { 30, 40, 50, 60, 70, 80, 200, 900 };
        for (int i = 0; i < names.length; i++) {
            String kam = "K" + (i + 1);
            String region = i == 0 ? "ACC" : "R" + (i + 1);
            if (i > 0) {
                doc.region(region, "Region " + (i + 1), 48.37 + i, 10.90).travel(region, "ACC", minutes[i]);
            }
            doc.kam(kam, names[i], region).sectors("IND").experience(i == 0 ? 2 : 10);
        }
        doc.account("A1", "IND", "ACC", "A").name("Eisenwerk AG").current("K8").assigned("K1");
        return doc.build();
    }

    @Test
    void theRecommendationsHoldTheBestFiveThenTheIncumbentThenTheKamThatBreaksAHardRule() {
        Account account = model.account("A1");

        // As if unassigned, soft: Anna 160 travel + 2000 continuity + 2560²/7200 = 910; … Eva 320 + 2000 + 1027;
        // Max 800 + 2000 + 1422 (sixth, left out); Otto 3600 + 0 + 6000²/7200 = 5000 (seventh, the incumbent);
        // Lena 120 + 2000 + 882 but 1 hard: the account's KAM in the plan, last.
        List<Recommendation> recommendations = EXPLAINER.recommend(model.plan(), account);

        assertThat(recommendations).extracting(Recommendation::kamName, Recommendation::assigned,
                Recommendation::incumbent, Recommendation::breaksHardRule).containsExactly(
                        tuple("Anna Nah", false, false, false), tuple("Ben Nah", false, false, false),
                        tuple("Clara Nah", false, false, false), tuple("David Nah", false, false, false),
                        tuple("Eva Nah", false, false, false), tuple("Otto Fern", false, true, false),
                        tuple("Lena Junior", true, false, true));
        assertThat(recommendations.get(0).scoreDiff()).isEqualTo("0hard/100medium/-3070soft");
        assertThat(recommendations.get(5).scoreDiff()).isEqualTo("0hard/100medium/-8600soft");
        assertThat(recommendations.get(6).scoreDiff()).isEqualTo("-1hard/100medium/-3002soft");
    }

    @Test
    void theAlternativesToItsKamHoldTheIncumbentWhateverItsRank() {
        AccountExplanation explanation = EXPLAINER.explainAccount(model.plan(), model.account("A1"));

        assertThat(explanation.alternatives()).extracting(Recommendation::kamName, Recommendation::incumbent)
                .containsExactly(tuple("Anna Nah", false), tuple("Ben Nah", false), tuple("Clara Nah", false),
                        tuple("David Nah", false), tuple("Eva Nah", false), tuple("Otto Fern", true));
        // Against Lena: Anna saves the hard point and costs 40 more travel minutes ×4 and 28 balance.
        assertThat(explanation.alternatives().get(0).scoreDiff()).isEqualTo("1hard/0medium/-68soft");
        assertThat(explanation.alternatives()).noneMatch(Recommendation::breaksHardRule);
        // Moved from Otto to Lena (assigned so on input, not pinned): back with Otto, the A-account rule holds
        // again, against 5000 − 882 balance, 3600 − 120 travel and 2000 continuity saved: 5598 soft.
        assertThat(explanation.moveReason()).isEqualTo("chosen: Eisenwerk AG goes from Otto Fern to Lena Junior and"
                + " buys nothing: the plan is as good or better with it back, alone or with the moves beside it;"
                + " moving it back would save 1 hard and cost 5,598 soft: +4,118 balance, +3,480 travel,"
                + " \u22122,000 continuity, \u22121 hard experience");
    }
}
