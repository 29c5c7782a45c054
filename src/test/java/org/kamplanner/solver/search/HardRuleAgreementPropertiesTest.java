package org.kamplanner.solver.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.kamplanner.document.Limits;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.document.TestDocuments;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AccountDifficulty;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.solver.KamConstraint;

import ai.timefold.solver.core.api.score.analysis.ConstraintAnalysis;
import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.ScoreAnalysisFetchPolicy;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * The hard rules and the soft cost exist twice: once as constraint streams (KamConstraintProvider,
 * the score everyone sees) and once as array arithmetic (KamLoads for the hard rules, used by the
 * greedy phase, the make-room moves and the unassigned reasons; GreedyAssignment.softCost for the
 * soft cost). These properties check, on random small plans, that the copies agree with the streams
 * at default weights.
 *
 * <p>The plans: one to four KAMs (one may be inactive) in two regions, one to three sectors (caps 1 to
 * 3, expertise required or not), A-accounts among B and C, workload overrides and remote accounts,
 * capacities from 300 to 4,000 minutes (so capacity often decides), maxAccounts 0 to 4, forbidden
 * pairs, affinities (bonuses and penalties), incumbents, and settings that move the cost terms and
 * the experience rule (aTierMinExperienceYears, intra-region travel, move and unassigned penalties;
 * never constraint weights). Some accounts are assigned first, each one
 * kept only when the streams still score hard 0, so the starting plan is hard-feasible by the
 * streams' own judgement (and that is asserted).
 *
 * <p>Named ...Test so that surefire's default includes run it (a class named ...Properties is not
 * picked up by {@code mvn test}).
 */
class HardRuleAgreementPropertiesTest {

    private static final PlanValidator VALIDATOR = new PlanValidator(new Limits(20_000, 2_000, 5_000, 20_971_520));

    /** The streams' hard constraint behind each obstacle, in KamLoads' reporting order. */
    private static final Map<KamLoads.Obstacle, KamConstraint> CONSTRAINT_OF = new EnumMap<>(Map.of(
            KamLoads.Obstacle.FORBIDDEN, KamConstraint.FORBIDDEN_PAIR,
            KamLoads.Obstacle.EXPERTISE, KamConstraint.REQUIRED_SECTOR_EXPERTISE,
            KamLoads.Obstacle.EXPERIENCE, KamConstraint.A_ACCOUNT_NEEDS_EXPERIENCED_KAM,
            KamLoads.Obstacle.SECTOR_CAP, KamConstraint.SECTOR_CAP,
            KamLoads.Obstacle.MAX_ACCOUNTS, KamConstraint.MAX_ACCOUNTS_PER_KAM,
            KamLoads.Obstacle.CAPACITY, KamConstraint.KAM_CAPACITY));

    // ************************************************************************
    // Properties
    // ************************************************************************

    /**
     * For every unassigned account and active KAM: KamLoads finds no obstacle exactly when the
     * streams still score hard 0 after the assignment, and when it finds one, it is the first (in
     * KamLoads' order) of the hard constraints the streams see broken.
     */
    @Property(tries = 200)
    void obstacleIsNullExactlyWhenTheStreamsKeepHardZero(@ForAll("scenarios") Scenario scenario) {
        AssignmentPlan plan = scenario.feasiblePlan();
        KamLoads loads = KamLoads.of(plan);
        int pairs = 0;
        for (Account account : open(plan)) {
            for (Kam kam : plan.getActiveKams()) {
                KamLoads.Obstacle obstacle = loads.obstacle(account, kam);
                account.setKam(kam);
                ScoreAnalysis<HardMediumSoftLongScore> analysis =
                        Scoring.SOLUTION_MANAGER.analyze(plan, ScoreAnalysisFetchPolicy.FETCH_SHALLOW);
                account.setKam(null);

                List<KamConstraint> broken = brokenHardConstraints(analysis);
                String pair = account + " on " + kam + ": obstacle " + obstacle + ", streams "
                        + analysis.score() + " broken " + broken;
                assertThat(obstacle == null).as(pair).isEqualTo(analysis.score().hardScore() == 0);
                assertThat(obstacle == null ? null : CONSTRAINT_OF.get(obstacle)).as(pair)
                        .isEqualTo(broken.isEmpty() ? null : broken.get(0));
                pairs++;
                Statistics.label("obstacle").collect(obstacle == null ? "none" : obstacle.name());
            }
        }
        // The loads were read once; the plan must be the one they describe after all the trials.
        assertThat(Scoring.SOLUTION_MANAGER.update(plan).hardScore()).isZero();
        assertThat(pairs).isEqualTo(open(plan).size() * plan.getActiveKams().size());
        // The generator must keep producing every outcome, or the property checks less than it says.
        Statistics.label("obstacle").coverage(coverage -> {
            coverage.check("none").count(n -> n > 0);
            for (KamLoads.Obstacle kind : KamLoads.Obstacle.values()) {
                coverage.check(kind.name()).count(n -> n > 0);
            }
        });
    }

    /**
     * GreedyAssignment's javadoc: "The soft cost below is the exact score change of docs/model.md's soft
     * constraints at the plan's weights". So for every unassigned account and every active KAM (the cost
     * does not depend on the hard rules, so hard-infeasible KAMs are checked too), softCost with the
     * greedy's own arguments equals soft(before) − soft(after) as the streams score it, to the unit.
     */
    @Property(tries = 150)
    void greedySoftCostIsTheExactSoftScoreChange(@ForAll("scenarios") Scenario scenario) {
        AssignmentPlan plan = scenario.feasiblePlan();
        KamLoads loads = KamLoads.of(plan);
        HardMediumSoftLongScore before = Scoring.SOLUTION_MANAGER.update(plan);
        for (Account account : open(plan)) {
            for (Kam kam : plan.getActiveKams()) {
                long cost = GreedyAssignment.softCost(SoftCosts.of(plan.getSettings()), account, kam, loads.load(kam),
                        account.workloadMinutesWith(kam));
                account.setKam(kam);
                HardMediumSoftLongScore after = Scoring.SOLUTION_MANAGER.update(plan);
                account.setKam(null);

                assertThat(cost).as("%s on %s: before %s, after %s", account, kam, before, after)
                        .isEqualTo(before.softScore() - after.softScore());
                // And coverage: the medium score gains exactly the account's unassigned penalty.
                assertThat(after.mediumScore() - before.mediumScore()).isEqualTo(account.getUnassignedPenalty());
            }
        }
    }

    /**
     * The greedy phase itself, run by Timefold's score director, stopped after its first account
     * (the hardest open one): it puts that account on the first active KAM with the best soft score
     * among those the streams keep at hard 0, or leaves it unassigned when there is none.
     */
    @Property(tries = 100)
    void greedyPlacesItsFirstAccountWhereTheStreamsScoreBest(@ForAll("scenarios") Scenario scenario) {
        AssignmentPlan plan = scenario.feasiblePlan();
        List<Account> open = open(plan);
        if (open.isEmpty()) {
            return;
        }
        Account first = open.stream().max(new AccountDifficulty()).orElseThrow();

        Kam expected = null;
        HardMediumSoftLongScore expectedScore = Scoring.SOLUTION_MANAGER.update(plan);
        for (Kam kam : plan.getActiveKams()) {
            first.setKam(kam);
            HardMediumSoftLongScore score = Scoring.SOLUTION_MANAGER.update(plan);
            first.setKam(null);
            if (score.hardScore() == 0 && (expected == null || score.softScore() > expectedScore.softScore())) {
                expected = kam;
                expectedScore = score;
            }
        }

        AtomicInteger checks = new AtomicInteger();
        try (InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director = Scoring.scoreDirector(plan)) {
            new GreedyAssignment().changeWorkingSolution(director, () -> checks.getAndIncrement() > 0);
        }

        assertThat(first.getKam()).as("KAM of %s", first).isEqualTo(expected);
        assertThat(open).filteredOn(a -> a != first).allSatisfy(a -> assertThat(a.getKam()).isNull());
        assertThat(Scoring.SOLUTION_MANAGER.update(plan)).isEqualTo(expectedScore);
    }

    // ************************************************************************
    // Helpers
    // ************************************************************************

    private static List<Account> open(AssignmentPlan plan) {
        return plan.getAccounts().stream().filter(a -> a.getKam() == null && !a.isPinned()).toList();
    }

    private static List<KamConstraint> brokenHardConstraints(ScoreAnalysis<HardMediumSoftLongScore> analysis) {
        List<KamConstraint> broken = new ArrayList<>();
        for (KamLoads.Obstacle obstacle : KamLoads.Obstacle.values()) {
            KamConstraint constraint = CONSTRAINT_OF.get(obstacle);
            ConstraintAnalysis<HardMediumSoftLongScore> c = analysis.getConstraintAnalysis(constraint.constraintName());
            if (c != null && c.score().hardScore() < 0) {
                broken.add(constraint);
            }
        }
        return broken;
    }

    // ************************************************************************
    // Random plans
    // ************************************************************************

    record SectorSpec(int cap, boolean expertiseRequired) {
    }

    record KamSpec(int region, int experience, int expertiseMask, int capacity, Integer maxAccounts, boolean active) {
    }

    record AccountSpec(int sector, int region, String tier, String complexity, boolean onboarding, boolean remote,
            Integer workloadOverride, Integer currentKam, Integer assignTo) {
    }

    record PairSpec(int kam, int account, long penalty) {
    }

    /** Settings that change cost terms and the experience rule (never weights: the claims are at default weights). */
    record SettingsSpec(int aTierMinExperienceYears, int intraRegionTravelMinutes, int movePenaltyB, int unassignedPenaltyC) {

        String json() {
            return """
                    {"aTierMinExperienceYears": %d, "intraRegionTravelMinutes": %d,
                     "movePenalty": {"B": %d}, "unassignedPenalty": {"C": %d}}
                    """.formatted(aTierMinExperienceYears, intraRegionTravelMinutes, movePenaltyB, unassignedPenaltyC);
        }
    }

    record Scenario(SettingsSpec settings, int travelMinutes, List<SectorSpec> sectors, List<KamSpec> kams, List<AccountSpec> accounts,
            List<PairSpec> forbidden, List<PairSpec> affinities) {

        /**
         * The plan through PlanValidator and PlanFactory (so the cost terms are the service's), then the
         * requested assignments in order, each kept only when the streams still score hard 0.
         */
        AssignmentPlan feasiblePlan() {
            TestDocuments doc = TestDocuments.document().settings(settings.json())
                    .region("R0", "Munich", 48.137, 11.575)
                    .region("R1", "Berlin", 52.520, 13.405)
                    .travel("R0", "R1", travelMinutes);
            for (int s = 0; s < sectors.size(); s++) {
                doc.sector("S" + s, "Sector " + s, sectors.get(s).cap(), sectors.get(s).expertiseRequired());
            }
            for (int k = 0; k < kams.size(); k++) {
                KamSpec spec = kams.get(k);
                List<String> expertise = new ArrayList<>();
                for (int s = 0; s < sectors.size(); s++) {
                    if ((spec.expertiseMask() & (1 << s)) != 0) {
                        expertise.add("S" + s);
                    }
                }
                TestDocuments.KamSpec kam = doc.kam("K" + k, "Kam " + k, "R" + spec.region())
                        .experience(spec.experience()).sectors(expertise.toArray(String[]::new))
                        .capacity(spec.capacity());
                if (spec.maxAccounts() != null) {
                    kam.maxAccounts(spec.maxAccounts());
                }
                if (!spec.active() && k > 0) { // K0 stays active: a plan needs one
                    kam.inactive();
                }
            }
            for (int a = 0; a < accounts.size(); a++) {
                AccountSpec spec = accounts.get(a);
                TestDocuments.AccountSpec account = doc.account("A" + a, "S" + (spec.sector() % sectors.size()),
                        "R" + spec.region(), spec.tier()).complexity(spec.complexity());
                if (spec.onboarding()) {
                    account.phase("ONBOARDING");
                }
                if (spec.remote()) {
                    account.remote();
                }
                if (spec.workloadOverride() != null) {
                    account.workload(spec.workloadOverride());
                }
                if (spec.currentKam() != null) {
                    account.current("K" + (spec.currentKam() % kams.size()));
                }
            }
            Set<String> seen = new HashSet<>();
            for (PairSpec pair : forbidden) {
                String kam = "K" + (pair.kam() % kams.size());
                String account = "A" + (pair.account() % accounts.size());
                if (seen.add(kam + "/" + account)) {
                    doc.forbidden(kam, account, "test");
                }
            }
            seen.clear();
            for (PairSpec pair : affinities) {
                String kam = "K" + (pair.kam() % kams.size());
                String account = "A" + (pair.account() % accounts.size());
                if (seen.add(kam + "/" + account)) {
                    doc.affinity(kam, account, pair.penalty());
                }
            }
            VALIDATOR.validate(doc.toDocument()); // a generator bug, not a finding, if this throws
            AssignmentPlan plan = doc.build().plan();

            List<Kam> active = plan.getActiveKams();
            for (int a = 0; a < accounts.size(); a++) {
                Integer assignTo = accounts.get(a).assignTo();
                if (assignTo == null) {
                    continue;
                }
                Account account = plan.getAccounts().get(a);
                account.setKam(active.get(assignTo % active.size()));
                if (Scoring.SOLUTION_MANAGER.update(plan).hardScore() < 0) {
                    account.setKam(null);
                }
            }
            assertThat(Scoring.SOLUTION_MANAGER.update(plan).hardScore()).as("the starting plan").isZero();
            return plan;
        }
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<SectorSpec> sector = Combinators.combine(
                Arbitraries.integers().between(1, 3),
                Arbitraries.frequency(Tuple.of(2, false), Tuple.of(1, true)))
                .as(SectorSpec::new);
        Arbitrary<KamSpec> kam = Combinators.combine(
                Arbitraries.integers().between(0, 1),
                Arbitraries.of(0, 2, 4, 5, 6, 10),
                Arbitraries.integers().between(0, 7),
                Arbitraries.integers().between(300, 4000),
                Arbitraries.integers().between(0, 4).injectNull(0.5),
                Arbitraries.frequency(Tuple.of(6, true), Tuple.of(1, false)))
                .as(KamSpec::new);
        Arbitrary<AccountSpec> account = Combinators.combine(
                Arbitraries.integers().between(0, 2),
                Arbitraries.integers().between(0, 1),
                Arbitraries.frequency(Tuple.of(1, "A"), Tuple.of(2, "B"), Tuple.of(3, "C")),
                Arbitraries.of("LOW", "MEDIUM", "HIGH"),
                Arbitraries.of(false, true),
                Arbitraries.of(false, true),
                Arbitraries.integers().between(0, 1500).injectNull(0.4),
                Combinators.combine(Arbitraries.integers().between(0, 3).injectNull(0.5),
                        Arbitraries.integers().between(0, 3).injectNull(0.4)).as((c, t) -> Arrays.asList(c, t)))
                .as((s, r, tier, complexity, onboarding, remote, override, kams) -> new AccountSpec(s, r, tier,
                        complexity, onboarding, remote, override, kams.get(0), kams.get(1)));
        Arbitrary<PairSpec> forbidden = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 8)).as((k, a) -> new PairSpec(k, a, 0));
        Arbitrary<PairSpec> affinity = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 8), Arbitraries.longs().between(-600, 600)).as(PairSpec::new);
        Arbitrary<SettingsSpec> settings = Combinators.combine(
                Arbitraries.of(0, 3, 5, 8),
                Arbitraries.of(0, 30, 90),
                Arbitraries.of(0, 600, 1500),
                Arbitraries.of(1, 25))
                .as(SettingsSpec::new);
        return Combinators.combine(
                settings,
                Arbitraries.integers().between(0, 240),
                sector.list().ofMinSize(1).ofMaxSize(3),
                kam.list().ofMinSize(1).ofMaxSize(4),
                account.list().ofMinSize(1).ofMaxSize(9),
                forbidden.list().ofMaxSize(4),
                affinity.list().ofMaxSize(4))
                .as(Scenario::new);
    }
}
