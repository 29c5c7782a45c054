package org.kamplanner.bound;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import org.kamplanner.document.Limits;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.document.TestDocuments;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.solver.KamConstraint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.impl.domain.variable.descriptor.VariableDescriptor;
import ai.timefold.solver.core.impl.score.director.ScoreDirectorFactory;
import ai.timefold.solver.core.impl.solver.DefaultSolverFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.LongRange;

/**
 * The bound is never above the truth, checked against brute force: random tiny plans (2–3 KAMs, 4–7
 * accounts; random tiers, sectors with caps and required expertise, regions, tight capacities so that
 * some plans are over-full, maxAccounts, pins, forbidden pairs, affinities of both signs, revenue, random constraint
 * weights including 0 and changed unassigned penalties), every assignment enumerated (each account not
 * pinned: an active KAM or none) and scored by Timefold's constraint streams: incrementally, the way
 * the solver scores its moves (Timefold's internal score director, for speed), and every plan the checks
 * use once more from scratch through SolutionManager.
 *
 * <ul>
 * <li>(a) the medium bound is at most the least medium penalty of the plans with hard score 0;</li>
 * <li>(b) for every plan P with hard 0, the soft bound computed for P (M = P's medium) is at most the least
 * soft penalty of the plans with hard 0 and medium &lt;= M. The bound depends on P only through M (and
 * through P's own penalties, which cap it), so it is computed once per distinct M, for one such P;</li>
 * <li>(c) also for a plan that breaks a hard constraint: whatever it claims holds;</li>
 * <li>(d) when no plan has hard 0 (pins break a hard rule), the bound says UNAVAILABLE.</li>
 * </ul>
 *
 * The checks are on the bounds as computed (before the safety net that lowers a bound above the plan's
 * own penalties) and on the bounds reported; with the default options (CP-SAT's bounds join on plans this
 * small) and with the LP alone.
 */
class BoundNeverAboveOptimumProperties {

    private static final SolutionManager<AssignmentPlan, HardMediumSoftLongScore> SCORING =
            SolutionManager.create(SolverFactory.create(SolverConfig.createFromXmlResource("solverConfig.xml")));
    private static final ScoreDirectorFactory<AssignmentPlan, HardMediumSoftLongScore> SCORE_DIRECTORS =
            ((DefaultSolverFactory<AssignmentPlan>) SolverFactory.<AssignmentPlan>create(
                    SolverConfig.createFromXmlResource("solverConfig.xml"))).getScoreDirectorFactory();
    private static final VariableDescriptor<AssignmentPlan> KAM_VARIABLE = SCORE_DIRECTORS.getSolutionDescriptor()
            .findEntityDescriptorOrFail(Account.class).getGenuineVariableDescriptor("kam");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PlanValidator VALIDATOR = new PlanValidator(new Limits(20000, 2000, 5000, 20971520));
    /** The default options but one CP-SAT worker: on plans this small, threads cost more than they bring. */
    private static final LowerBound LOWER_BOUND = new LowerBound(LowerBound.Options.DEFAULT.withCpSatWorkers(1));
    private static final LowerBound LP_ONLY = new LowerBound(
            LowerBound.Options.DEFAULT.withCpSatLimit(Duration.ZERO).withKnapsackLimit(Duration.ZERO));
    /** The LP and the knapsack Lagrangian of the medium level, without CP-SAT (which would hide what it claims). */
    private static final LowerBound KNAPSACK = new LowerBound(LowerBound.Options.DEFAULT.withCpSatLimit(Duration.ZERO));
    /** The per-KAM Lagrangian that plans too large for the LP get (dach-xl), here on every plan. */
    private static final LowerBound PER_KAM_LAGRANGIAN = new LowerBound(LowerBound.Options.DEFAULT
            .withCpSatLimit(Duration.ZERO).withKnapsackLimit(Duration.ZERO).withLpMaxPairs(0));
    private static final Duration TIME = Duration.ofSeconds(30);

    @Property(tries = 100)
    void boundIsNeverAboveTheBruteForceOptimum(@ForAll @LongRange(min = 0, max = 1_000_000_000L) long seed) {
        TestDocuments.Model model = randomPlan(seed);
        AssignmentPlan plan = model.plan();
        String context = "seed " + seed + ": " + describe(model);

        List<Account> free = plan.getAccounts().stream().filter(a -> !a.isPinned()).toList();
        List<Kam> values = new ArrayList<>();
        values.add(null);
        values.addAll(plan.getActiveKams());
        int[] choice = new int[free.size()];
        // Least soft penalty per medium penalty over plans with hard 0, and one such assignment per medium.
        TreeMap<Long, Long> leastSoftAtMedium = new TreeMap<>();
        TreeMap<Long, int[]> exampleAtMedium = new TreeMap<>();
        TreeMap<Long, HardMediumSoftLongScore> scoreAtMedium = new TreeMap<>();
        int[] infeasibleExample = null;
        HardMediumSoftLongScore infeasibleScore = null;
        apply(free, values, choice);
        // Incrementally, as the solver scores moves: one change per account whose KAM changes.
        try (var director = SCORE_DIRECTORS.buildScoreDirector()) {
            director.setWorkingSolution(plan);
            int[] previous = choice.clone();
            do {
                for (int i = 0; i < free.size(); i++) {
                    if (choice[i] != previous[i]) {
                        director.beforeVariableChanged(KAM_VARIABLE, free.get(i));
                        free.get(i).setKam(values.get(choice[i]));
                        director.afterVariableChanged(KAM_VARIABLE, free.get(i));
                        previous[i] = choice[i];
                    }
                }
                director.triggerVariableListeners();
                HardMediumSoftLongScore score = director.calculateScore().raw();
                if (score.hardScore() == 0) {
                    long medium = -score.mediumScore();
                    long soft = -score.softScore();
                    if (!leastSoftAtMedium.containsKey(medium) || soft < leastSoftAtMedium.get(medium)) {
                        leastSoftAtMedium.put(medium, soft);
                        exampleAtMedium.put(medium, choice.clone());
                        scoreAtMedium.put(medium, score);
                    }
                } else if (infeasibleExample == null || Math.floorMod(score.hashCode(), 7) == 0) {
                    infeasibleExample = choice.clone();
                    infeasibleScore = score;
                }
            } while (next(choice, values.size()));
        }

        Statistics.label("plans").collect(leastSoftAtMedium.isEmpty() ? "no plan with hard 0"
                : leastSoftAtMedium.firstKey() > 0 ? "over-full" : "all fit");
        if (leastSoftAtMedium.isEmpty()) {
            // (d) No plan has hard 0: only pins can cause that, and the bound must see it.
            apply(free, values, infeasibleExample);
            plan.setScore(SCORING.update(plan));
            PlanBound bound = LOWER_BOUND.compute(plan, TIME);
            assertThat(bound.status()).as(context).isEqualTo(PlanBound.Status.UNAVAILABLE);
            assertThat(bound.reason()).as(context).contains("no plan has hard score 0", "pinned");
            return;
        }
        long leastMedium = leastSoftAtMedium.firstKey();
        for (var entry : exampleAtMedium.entrySet()) {
            long medium = entry.getKey();
            apply(free, values, entry.getValue());
            plan.setScore(SCORING.update(plan));
            assertThat(plan.getScore()).as("scored from scratch as incrementally").isEqualTo(scoreAtMedium.get(medium));
            LowerBound.Result result = LOWER_BOUND.computeWithDetails(plan, TIME);
            String at = context + "; plan " + plan.getScore() + "; " + result;
            PlanBound bound = result.bound();
            assertThat(bound.status()).as(at).isEqualTo(PlanBound.Status.PROVEN);
            // (a)
            assertThat(result.computedMedium()).as(at).isLessThanOrEqualTo(leastMedium);
            assertThat(bound.mediumPenalty()).as(at).isLessThanOrEqualTo(leastMedium);
            // (b)
            long leastSoft = leastSoftAtMedium.headMap(medium, true).values().stream().min(Long::compare).orElseThrow();
            assertThat(result.computedSoft()).as(at).isNotNull().isLessThanOrEqualTo(leastSoft);
            assertThat(bound.softPenalty()).as(at).isLessThanOrEqualTo(leastSoft);
            // The LP alone (CP-SAT, on by default for small plans, may hide what the LP claims).
            LowerBound.Result lp = LP_ONLY.computeWithDetails(plan, TIME);
            String lpAt = context + "; plan " + plan.getScore() + "; " + lp;
            assertThat(lp.bound().status()).as(lpAt).isEqualTo(PlanBound.Status.PROVEN);
            assertThat(lp.computedMedium()).as(lpAt).isLessThanOrEqualTo(leastMedium);
            assertThat(lp.computedSoft()).as(lpAt).isNotNull().isLessThanOrEqualTo(leastSoft);
            LowerBound.Result knapsack = KNAPSACK.computeWithDetails(plan, TIME);
            String knapsackAt = context + "; plan " + plan.getScore() + "; " + knapsack;
            assertThat(knapsack.computedMedium()).as(knapsackAt).isLessThanOrEqualTo(leastMedium)
                    .isGreaterThanOrEqualTo(lp.computedMedium());
            LowerBound.Result perKam = PER_KAM_LAGRANGIAN.computeWithDetails(plan, TIME);
            String perKamAt = context + "; plan " + plan.getScore() + "; " + perKam;
            assertThat(perKam.bound().status()).as(perKamAt).isEqualTo(PlanBound.Status.PROVEN);
            assertThat(perKam.computedMedium()).as(perKamAt).isLessThanOrEqualTo(leastMedium);
            assertThat(perKam.computedSoft()).as(perKamAt).isNotNull().isLessThanOrEqualTo(leastSoft);
            if (medium == leastMedium) {
                Statistics.label("medium bound").collect(result.computedMedium() == leastMedium ? "= optimum" : "below");
                Statistics.label("soft bound at the least medium").collect(
                        result.computedSoft() == leastSoft ? "= optimum" : "below");
                Statistics.label("LP alone: medium bound").collect(
                        lp.computedMedium() == leastMedium ? "= optimum" : "below");
                Statistics.label("LP and knapsack Lagrangian: medium bound").collect(
                        knapsack.computedMedium() == leastMedium ? "= optimum" : "below");
                Statistics.label("per-KAM Lagrangian: soft bound at the least medium").collect(
                        perKam.computedSoft() == leastSoft ? "= optimum" : "below");
                Statistics.label("LP alone: soft bound at the least medium").collect(
                        lp.computedSoft() == leastSoft ? "= optimum" : "below");
                Relaxation r = Relaxation.of(plan);
                Statistics.label("Balanced revenue's part of the soft bound").collect(
                        RevenueBound.soft(r, plan, medium - r.constantMedium) > 0 ? "above 0" : "0 (off, or no revenue)");
            }
        }
        if (infeasibleExample != null) {
            // (c) A plan with hard < 0 sets M too; what the bound claims must hold.
            apply(free, values, infeasibleExample);
            plan.setScore(SCORING.update(plan));
            assertThat(plan.getScore()).isEqualTo(infeasibleScore);
            LowerBound.Result result = LOWER_BOUND.computeWithDetails(plan, TIME);
            String at = context + "; plan " + plan.getScore() + "; " + result;
            assertThat(result.bound().status()).as(at).isEqualTo(PlanBound.Status.PROVEN);
            assertThat(result.computedMedium()).as(at).isLessThanOrEqualTo(leastMedium);
            assertThat(KNAPSACK.computeWithDetails(plan, TIME).computedMedium()).as(at).isLessThanOrEqualTo(leastMedium);
            LowerBound.Result perKam = PER_KAM_LAGRANGIAN.computeWithDetails(plan, TIME);
            assertThat(perKam.computedMedium()).as(at + "; " + perKam).isLessThanOrEqualTo(leastMedium);
            long medium = -plan.getScore().mediumScore();
            var reachable = leastSoftAtMedium.headMap(medium, true);
            if (!reachable.isEmpty()) { // else no plan with hard 0 reaches M, and any soft claim holds
                long leastSoft = reachable.values().stream().min(Long::compare).orElseThrow();
                assertThat(result.computedSoft()).as(at).isNotNull().isLessThanOrEqualTo(leastSoft);
            }
            assertThat(result.bound().softGapPercent()).as(at).isNull();
        }
    }

    private static void apply(List<Account> free, List<Kam> values, int[] choice) {
        for (int i = 0; i < free.size(); i++) {
            free.get(i).setKam(values.get(choice[i]));
        }
    }

    /** The next assignment in counting order; false after the last. */
    private static boolean next(int[] choice, int radix) {
        for (int i = 0; i < choice.length; i++) {
            if (++choice[i] < radix) {
                return true;
            }
            choice[i] = 0;
        }
        return false;
    }

    static TestDocuments.Model randomPlan(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        TestDocuments doc = TestDocuments.document();
        int regions = 1 + random.nextInt(3);
        for (int r = 0; r < regions; r++) {
            doc.region("R" + r, null, 46 + random.nextDouble() * 8, 6 + random.nextDouble() * 10);
        }
        int sectors = 1 + random.nextInt(3);
        for (int s = 0; s < sectors; s++) {
            doc.sector("S" + s, null, 1 + random.nextInt(4), random.nextInt(3) == 0);
        }
        int kams = 2 + random.nextInt(2);
        int accounts = 4 + random.nextInt(4);
        boolean lastInactive = kams == 3 && random.nextInt(6) == 0;

        String[] tiers = { "A", "B", "B", "C", "C", "C" };
        String[] complexities = { null, "LOW", "MEDIUM", "HIGH" };
        String[] phases = { null, "ONBOARDING", "ESTABLISHED" };
        long roughTotal = 0;
        for (int a = 0; a < accounts; a++) {
            String tier = tiers[random.nextInt(tiers.length)];
            TestDocuments.AccountSpec account = doc.account("a" + a, "S" + random.nextInt(sectors),
                    "R" + random.nextInt(regions), tier);
            account.complexity(complexities[random.nextInt(complexities.length)])
                    .phase(phases[random.nextInt(phases.length)]);
            if (random.nextInt(5) == 0) {
                account.remote();
            }
            if (random.nextInt(3) > 0) {
                account.revenue(random.nextLong(5_000_000)); // for Balanced revenue, on in some plans
            }
            int base;
            if (random.nextInt(3) == 0) {
                base = 10 + random.nextInt(600);
                account.workload(base);
            } else {
                base = switch (tier) { case "A" -> 2400; case "B" -> 480; default -> 120; };
            }
            roughTotal += base + 60;
            if (random.nextInt(5) < 3) {
                account.current("k" + random.nextInt(kams));
            }
            if (random.nextInt(12) == 0) {
                int lock = random.nextInt(lastInactive ? kams - 1 : kams);
                account.pinned().assigned("k" + lock);
            }
        }
        for (int k = 0; k < kams; k++) {
            // Tight: in all, between 30 % and 130 % of the rough total workload.
            int capacity = (int) Math.max(1, roughTotal * (0.3 + random.nextDouble()) / kams);
            TestDocuments.KamSpec kam = doc.kam("k" + k, null, "R" + random.nextInt(regions))
                    .experience(random.nextInt(10)).capacity(capacity);
            List<String> expertise = new ArrayList<>();
            for (int s = 0; s < sectors; s++) {
                if (random.nextInt(5) < 3) {
                    expertise.add("S" + s);
                }
            }
            kam.sectors(expertise.toArray(String[]::new));
            if (random.nextInt(3) == 0) {
                kam.maxAccounts(1 + random.nextInt(3));
            }
            if (lastInactive && k == kams - 1) {
                kam.inactive();
            }
            for (int a = 0; a < accounts; a++) {
                if (random.nextInt(10) == 0) {
                    doc.forbidden("k" + k, "a" + a, "conflict");
                }
                if (random.nextInt(7) == 0) {
                    doc.affinity("k" + k, "a" + a, random.nextInt(1201) - 600);
                }
            }
        }
        doc.settings(randomSettings(random).toString());
        TestDocuments.Model model = doc.build();
        VALIDATOR.validate(model.document());
        return model;
    }

    private static ObjectNode randomSettings(SplittableRandom random) {
        ObjectNode settings = JSON.createObjectNode();
        ObjectNode weights = settings.putObject("constraintWeights");
        long[] choices = { 1, 2, 3, 10, 50 };
        for (KamConstraint constraint : KamConstraint.values()) {
            int draw = random.nextInt(5);
            if (draw == 0) {
                weights.put(constraint.constraintName(), 0); // off
            } else if (draw > 2) {
                weights.put(constraint.constraintName(), choices[random.nextInt(choices.length)]);
            }
        }
        if (random.nextInt(3) == 0) {
            settings.putObject("unassignedPenalty").put("A", random.nextInt(201)).put("B", random.nextInt(31))
                    .put("C", random.nextInt(6));
        }
        if (random.nextInt(4) == 0) {
            settings.putObject("movePenalty").put("A", random.nextInt(3000)).put("C", random.nextInt(300));
        }
        if (random.nextInt(3) == 0) {
            settings.put("aTierMinExperienceYears", random.nextInt(9));
        }
        return settings;
    }

    private static String describe(TestDocuments.Model model) {
        try {
            return JSON.writeValueAsString(model.document());
        } catch (Exception e) {
            return model.document().toString();
        }
    }
}
