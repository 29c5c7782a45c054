package org.kamplanner.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Exact sentences and numbers on the tiny hand-built plan (src/test/resources/plans/tiny.json) with
 * Solarwerk GmbH and Windkraft AG on Anna Schmidt (München), Beratung Huber and Kanzlei Wolf on
 * Jonas Weber (Wien). Workloads by hand (docs/model.md): Solarwerk 3600 + travel 24·2·30/12 = 120;
 * Windkraft 720 + 12·2·240/12 = 480; Huber 120 + 4·2·30/12 = 20; Wolf 360, remote. Loads: Anna 4920,
 * Jonas 500; balance 4920²/7200 = 3362 and 500²/7200 = 34.
 */
class ExplanationSentenceTest {

    private static final PlanExplainer EXPLAINER = SolvedPlans.explainer(SolvedPlans.solverFactory(1_000));

    private final AssignmentPlan plan = tinyPlan(Map.of("A1", "K1", "A2", "K1", "A3", "K2", "A4", "K2"));

    @Test
    void movingSolarwerkToJonasBreaksTwoHardRulesAndCostsContinuityTravelAndBalance() {
        AccountExplanation explanation = EXPLAINER.explainAccount(plan, account("A1"));

        assertThat(explanation.kamName()).isEqualTo("Anna Schmidt");
        // Its own share: the travel only (Anna is its incumbent, has the expertise and the years).
        assertThat(explanation.score()).isEqualTo("0hard/0medium/-120soft");
        assertThat(explanation.matches()).extracting(m -> m.justification().description())
                .containsExactly("Anna Schmidt travels 2.0 h a month from München to visit Solarwerk GmbH in München");
        // On Jonas: travel 24·2·240/12 = 960 (+840), continuity +2000 (A), balance 1200²/7200 + 5060²/7200
        // = 200 + 3556 against 3362 + 34 (+360), 3 years < 5 and no GreenTech expertise (2 hard).
        assertThat(explanation.alternatives()).singleElement().satisfies(alternative -> {
            assertThat(alternative.kamId()).isEqualTo("K2");
            assertThat(alternative.scoreDiff()).isEqualTo("-2hard/0medium/-3200soft");
            assertThat(alternative.explanation()).isEqualTo("Moving Solarwerk GmbH from Anna Schmidt to Jonas Weber"
                    + " would cost 2 hard and 3,200 soft: +1 hard experience, +1 hard required expertise,"
                    + " +2,000 continuity, +840 travel, +360 balance");
            assertThat(alternative.constraints()).containsExactly(
                    new Recommendation.ConstraintDiff("A-account needs experienced KAM", "-1hard/0medium/0soft"),
                    new Recommendation.ConstraintDiff("Required sector expertise", "-1hard/0medium/0soft"),
                    new Recommendation.ConstraintDiff("Account continuity", "0hard/0medium/-2000soft"),
                    new Recommendation.ConstraintDiff("Travel time", "0hard/0medium/-840soft"),
                    new Recommendation.ConstraintDiff("Balanced workload", "0hard/0medium/-360soft"));
        });
    }

    @Test
    void theAffinityBonusIsPartOfKanzleiWolfsShare() {
        AccountExplanation explanation = EXPLAINER.explainAccount(plan, account("A4"));

        // Remote (no travel), no incumbent, Jonas has Services: only the affinity bonus of 500.
        assertThat(explanation.score()).isEqualTo("0hard/0medium/500soft");
        assertThat(explanation.matches()).extracting(m -> m.justification().description()).containsExactlyInAnyOrder(
                "Kanzlei Wolf with Jonas Weber: affinity bonus 500",
                "Jonas Weber serves Kanzlei Wolf remotely: no travel");
        // To Anna: the bonus is lost (+500), no Services expertise (+300), balance 5280²/7200 + 140²/7200
        // = 3872 + 2 against 3396 (+478).
        assertThat(explanation.alternatives()).singleElement().extracting(Recommendation::explanation)
                .isEqualTo("Moving Kanzlei Wolf from Jonas Weber to Anna Schmidt would cost 1,278 soft:"
                        + " +500 affinity, +478 balance, +300 expertise");
    }

    @Test
    void aNewServicesAccountInWienGoesToJonasFirst() {
        PlanDocument.Account given = new PlanDocument.Account("A5", "Sonnenstrom KG", "SERVICES", "VIE", "C", null,
                null, null, null, null, null, null, null, null, null);
        Account account = PlanFactory.account(given, PlanFactory.Lookups.of(plan));

        List<Recommendation> recommendations = EXPLAINER.recommend(plan, account);

        // Jonas: travel 4·2·30/12 = 20, balance 640²/7200 − 34 = 22; Anna: travel 4·2·240/12 = 160,
        // no Services expertise 300, balance 5200²/7200 − 3362 = 393. Either saves the C-tier penalty of 1.
        assertThat(recommendations).extracting(Recommendation::kamId).containsExactly("K2", "K1");
        assertThat(recommendations).extracting(Recommendation::scoreDiff)
                .containsExactly("0hard/1medium/-42soft", "0hard/1medium/-853soft");
        assertThat(recommendations).extracting(Recommendation::explanation).containsExactly(
                "Assigning Sonnenstrom KG to Jonas Weber would save 1 medium and cost 42 soft:"
                        + " +22 balance, +20 travel, \u22121 medium unassigned",
                "Assigning Sonnenstrom KG to Anna Schmidt would save 1 medium and cost 853 soft:"
                        + " +393 balance, +300 expertise, +160 travel, \u22121 medium unassigned");
        assertThat(plan.getAccounts()).hasSize(4);
    }

    @Test
    void anExistingAccountIsRecommendedForAsIfUnassignedAndThePlanStaysAsItWas() {
        Account huber = account("A3");

        List<Recommendation> recommendations = EXPLAINER.recommend(plan, huber);

        // Anna is forbidden for Beratung Huber (former employer): one hard point.
        assertThat(recommendations).extracting(Recommendation::kamId).containsExactly("K2", "K1");
        assertThat(recommendations.get(1).constraints())
                .contains(new Recommendation.ConstraintDiff("Forbidden pair", "-1hard/0medium/0soft"));
        assertThat(huber.getKam().getId()).isEqualTo("K2");
    }

    private Account account(String id) {
        return plan.getAccounts().stream().filter(a -> a.getId().equals(id)).findFirst().orElseThrow();
    }

    static AssignmentPlan tinyPlan(Map<String, String> assignments) {
        try (InputStream in = ExplanationSentenceTest.class.getResourceAsStream("/plans/tiny.json")) {
            AssignmentPlan plan = PlanFactory.build(new ObjectMapper().readValue(in, PlanDocument.class)).plan();
            for (Account account : plan.getAccounts()) {
                String kamId = assignments.get(account.getId());
                account.setKam(plan.getKams().stream().filter(k -> k.getId().equals(kamId)).findFirst()
                        .orElse((Kam) null));
            }
            return plan;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
