package org.kamplanner.explain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.solver.KamConstraint;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolverFactory;

/**
 * On briefly solved bundled datasets: the constraint scores add up to the plan score, the KAM and
 * account shares add up to it level by level, the summary agrees with the full analysis, and a
 * recommendation or alternative applied and scored from scratch lands exactly on its promised score.
 */
class ExplanationSumsTest {

    private static final SolverFactory<AssignmentPlan> SOLVER = SolvedPlans.solverFactory(5_000);
    private static final PlanExplainer EXPLAINER = SolvedPlans.explainer(SOLVER);

    @ParameterizedTest
    @ValueSource(strings = { "dach-small", "dach-medium", "dach-large" })
    void constraintsAndSharesAddUpToTheScore(String dataset) {
        AssignmentPlan plan = SolvedPlans.solve(SOLVER, SolvedPlans.dataset(dataset));
        HardMediumSoftLongScore score = plan.getScore();

        PlanAnalysis analysis = EXPLAINER.analyze(plan);
        assertThat(analysis.score()).isEqualTo(score.toString());
        assertThat(analysis.constraints()).hasSize(KamConstraint.values().length);
        assertThat(sum(analysis.constraints().stream().map(PlanAnalysis.ConstraintResult::score).toList()))
                .isEqualTo(score);
        for (PlanAnalysis.ConstraintResult constraint : analysis.constraints()) {
            assertThat(constraint.matches()).hasSize(constraint.matchCount());
            assertThat(sum(constraint.matches().stream().map(PlanAnalysis.Match::score).toList()))
                    .as(constraint.name()).isEqualTo(parse(constraint.score()));
        }
        HardMediumSoftLongScore kams = sum(analysis.kams().stream().map(PlanAnalysis.KamShare::score).toList());
        HardMediumSoftLongScore accounts = sum(analysis.accounts().stream().map(PlanAnalysis.AccountShare::score).toList());
        HardMediumSoftLongScore shares = kams.add(accounts);
        assertThat(shares.hardScore()).isEqualTo(score.hardScore());
        assertThat(shares.mediumScore()).isEqualTo(score.mediumScore());
        assertThat(shares.softScore()).isEqualTo(score.softScore());

        PlanAnalysis summary = EXPLAINER.summarize(plan);
        assertThat(summary.score()).isEqualTo(analysis.score());
        assertThat(summary.kams()).isNull();
        assertThat(summary.constraints()).extracting(c -> c.name() + " " + c.weight() + " " + c.score() + " " + c.matchCount())
                .containsExactlyElementsOf(analysis.constraints().stream()
                        .map(c -> c.name() + " " + c.weight() + " " + c.score() + " " + c.matchCount()).toList());

        // An account's explanation states the same share as the whole plan's indictment list.
        Map<String, String> shareById = new HashMap<>();
        analysis.accounts().forEach(a -> shareById.put(a.accountId(), a.score()));
        for (Account account : plan.getAccounts().subList(0, 5)) {
            AccountExplanation explanation = EXPLAINER.explainAccount(plan, account);
            assertThat(explanation.score()).as(account.getId())
                    .isEqualTo(shareById.getOrDefault(account.getId(), HardMediumSoftLongScore.ZERO.toString()));
            assertThat(analysis.sentencesOfAccount(account.getId()))
                    .containsExactlyInAnyOrderElementsOf(explanation.matches().stream()
                            .map(m -> m.justification().description()).toList());
        }
    }

    @Test
    void recommendationsAndAlternativesOnDachLargeLandOnTheirPromisedScore() {
        PlanDocument document = SolvedPlans.dataset("dach-large");
        AssignmentPlan plan = SolvedPlans.solve(SOLVER, document);
        Account account = plan.getAccounts().stream().filter(a -> a.getKam() != null && !a.isPinned())
                .skip(17).findFirst().orElseThrow();

        // Recommendation: against the plan with the account unassigned.
        List<Recommendation> recommendations = EXPLAINER.recommend(plan, account);
        // The best five, and the account's KAM and its incumbent where they are not among them.
        assertThat(recommendations).hasSizeBetween(5, 7).anyMatch(Recommendation::assigned);
        Recommendation top = recommendations.get(0);
        HardMediumSoftLongScore base = rescored(document, plan, account.getId(), null);
        assertThat(rescored(document, plan, account.getId(), top.kamId()))
                .isEqualTo(base.add(parse(top.scoreDiff())));
        assertThat(sum(top.constraints().stream().map(Recommendation.ConstraintDiff::scoreDiff).toList()))
                .isEqualTo(parse(top.scoreDiff()));
        assertThat(parse(recommendations.get(4).scoreDiff())).isLessThanOrEqualTo(parse(top.scoreDiff()));

        // Alternative: against the plan as it is.
        AccountExplanation explanation = EXPLAINER.explainAccount(plan, account);
        assertThat(explanation.alternatives()).hasSizeBetween(5, 6).extracting(Recommendation::kamId)
                .doesNotContain(account.getKam().getId());
        for (Recommendation alternative : explanation.alternatives().subList(0, 2)) {
            assertThat(rescored(document, plan, account.getId(), alternative.kamId()))
                    .isEqualTo(plan.getScore().add(parse(alternative.scoreDiff())));
        }
        assertThat(plan.getAccounts()).contains(account);
        assertThat(account.getKam()).isNotNull();
    }

    /** The document rebuilt with the solved assignments, one account changed, scored from scratch. */
    private static HardMediumSoftLongScore rescored(PlanDocument document, AssignmentPlan solved, String accountId,
            String kamId) {
        AssignmentPlan fresh = PlanFactory.build(document).plan();
        Map<String, Kam> kams = new HashMap<>();
        fresh.getKams().forEach(k -> kams.put(k.getId(), k));
        for (int i = 0; i < fresh.getAccounts().size(); i++) {
            Account account = fresh.getAccounts().get(i);
            Kam solvedKam = solved.getAccounts().get(i).getKam();
            account.setKam(account.getId().equals(accountId) ? kams.get(kamId)
                    : solvedKam == null ? null : kams.get(solvedKam.getId()));
        }
        return SolvedPlans.explainer(SOLVER).score(fresh);
    }

    private static HardMediumSoftLongScore sum(List<String> scores) {
        return scores.stream().map(ExplanationSumsTest::parse).reduce(HardMediumSoftLongScore.ZERO,
                HardMediumSoftLongScore::add);
    }

    private static HardMediumSoftLongScore parse(String score) {
        return HardMediumSoftLongScore.parseScore(score);
    }
}
