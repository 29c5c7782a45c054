package org.kamplanner.explain;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.kamplanner.words.Words;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.solver.Justifications;
import org.kamplanner.solver.KamConstraint;
import org.kamplanner.solver.ScoreWords;
import org.springframework.stereotype.Component;

import ai.timefold.solver.core.api.domain.solution.ConstraintWeightOverrides;
import ai.timefold.solver.core.api.score.ScoreExplanation;
import ai.timefold.solver.core.api.score.analysis.ConstraintAnalysis;
import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.score.constraint.ConstraintMatch;
import ai.timefold.solver.core.api.score.constraint.ConstraintMatchTotal;
import ai.timefold.solver.core.api.score.constraint.Indictment;
import ai.timefold.solver.core.api.solver.ScoreAnalysisFetchPolicy;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;

/**
 * All score explanation goes through here, on Timefold's SolutionManager, so that it could be
 * re-based on our own justification records should the solver's analysis API change.
 */
@Component
public class PlanExplainer {

    private static final Comparator<ConstraintMatch<HardMediumSoftLongScore>> WORST_FIRST =
            Comparator.comparing(ConstraintMatch::getScore);

    private final SolutionManager<AssignmentPlan, HardMediumSoftLongScore> solutionManager;

    /**
     * recommendAssignment places the account with the entity placer of the configuration's first
     * phase and refuses any other first phase than a construction heuristic; ours starts with the
     * greedy custom phase, so recommendations use the same configuration with only a construction
     * heuristic (same model, same constraints, same weights: the same scores).
     */
    private final SolutionManager<AssignmentPlan, HardMediumSoftLongScore> recommender =
            SolutionManager.create(SolverFactory.create(SolverConfig.createFromXmlResource("solverConfig.xml")
                    .withPhases(new ConstructionHeuristicPhaseConfig())));

    private final MoveGains moveGains;

    public PlanExplainer(SolutionManager<AssignmentPlan, HardMediumSoftLongScore> solutionManager) {
        this.solutionManager = solutionManager;
        this.moveGains = new MoveGains(solutionManager);
    }

    /** Calculates the plan's score from scratch and stores it on the plan. */
    public HardMediumSoftLongScore score(AssignmentPlan plan) {
        return solutionManager.update(plan);
    }

    /** The plan, scored from scratch. */
    public AssignmentPlan scored(AssignmentPlan plan) {
        score(plan);
        return plan;
    }

    public PlanAnalysis analyze(AssignmentPlan plan) {
        ScoreExplanation<AssignmentPlan, HardMediumSoftLongScore> explanation = solutionManager.explain(plan);
        Map<String, ConstraintMatchTotal<HardMediumSoftLongScore>> totals = explanation.getConstraintMatchTotalMap();
        List<PlanAnalysis.ConstraintResult> constraints = new ArrayList<>();
        for (KamConstraint constraint : KamConstraint.values()) {
            ConstraintMatchTotal<HardMediumSoftLongScore> total = totals.values().stream()
                    .filter(t -> t.getConstraintRef().constraintName().equals(constraint.constraintName()))
                    .findFirst().orElse(null);
            constraints.add(total == null ? withoutMatches(plan, constraint) : result(constraint, total));
        }
        List<PlanAnalysis.KamShare> kams = new ArrayList<>();
        List<PlanAnalysis.AccountShare> accounts = new ArrayList<>();
        explanation.getIndictmentMap().values().stream()
                .sorted(Comparator.comparing(Indictment::getScore))
                .forEach(indictment -> {
                    Object indicted = indictment.getIndictedObject();
                    String score = indictment.getScore().toString();
                    if (indicted instanceof Kam kam) {
                        kams.add(new PlanAnalysis.KamShare(kam.getId(), kam.getName(), score));
                    } else if (indicted instanceof Account account) {
                        accounts.add(new PlanAnalysis.AccountShare(account.getId(), account.getName(), score));
                    }
                });
        HardMediumSoftLongScore score = explanation.getScore();
        return new PlanAnalysis(score.toString(), score.isFeasible(), "all", constraints, kams, accounts,
                UnassignedReasons.of(plan), null);
    }

    /**
     * Weights, scores and match counts of every constraint, without building a single justification
     * (Timefold's FETCH_MATCH_COUNT): the quick look for large plans. No matches, no indictments.
     */
    public PlanAnalysis summarize(AssignmentPlan plan) {
        ScoreAnalysis<HardMediumSoftLongScore> analysis =
                solutionManager.analyze(plan, ScoreAnalysisFetchPolicy.FETCH_MATCH_COUNT);
        Map<KamConstraint, ConstraintAnalysis<HardMediumSoftLongScore>> byConstraint = byConstraint(analysis);
        List<PlanAnalysis.ConstraintResult> constraints = new ArrayList<>();
        for (KamConstraint constraint : KamConstraint.values()) {
            ConstraintAnalysis<HardMediumSoftLongScore> c = byConstraint.get(constraint);
            PlanAnalysis.ConstraintResult none = withoutMatches(plan, constraint);
            constraints.add(c == null
                    ? new PlanAnalysis.ConstraintResult(none.name(), none.level(), none.weight(), none.score(), 0, null)
                    : new PlanAnalysis.ConstraintResult(constraint.constraintName(), constraint.level().label(),
                            weightAtLevel(constraint, c.weight()), c.score().toString(), c.matchCount(), null));
        }
        HardMediumSoftLongScore score = analysis.score();
        return new PlanAnalysis(score.toString(), score.isFeasible(), "summary", constraints, null, null, null, null);
    }

    /**
     * The account's share of the score and its best alternatives. The share is the account's
     * indictment: every per-account constraint looks at the account and its KAM only, and the per-KAM
     * ones are charged to the KAM, so the account's indictment in a plan holding just this account
     * equals its indictment in the whole plan, at the cost of one account instead of thousands.
     * Each alternative is the score difference of moving it from its current KAM (or from
     * unassigned) to another KAM, per constraint, from the same propositions as {@link #recommend}.
     */
    public AccountExplanation explainAccount(AssignmentPlan plan, Account account) {
        Account alone = account.copy(account.isPinned());
        ScoreExplanation<AssignmentPlan, HardMediumSoftLongScore> explanation =
                solutionManager.explain(plan.withAccounts(List.of(alone)));
        Indictment<HardMediumSoftLongScore> indictment = explanation.getIndictmentMap().get(alone);
        HardMediumSoftLongScore share = indictment == null ? HardMediumSoftLongScore.ZERO : indictment.getScore();
        List<AccountExplanation.ChargedMatch> matches = indictment == null ? List.of()
                : indictment.getConstraintMatchSet().stream().sorted(WORST_FIRST)
                        .map(m -> new AccountExplanation.ChargedMatch(m.getConstraintRef().constraintName(),
                                m.getScore().toString(), (Justifications.Described) m.getJustification()))
                        .toList();

        Kam current = account.getKam();
        List<Candidate> candidates = candidates(plan, account);
        Candidate base = current == null ? Candidate.UNASSIGNED : candidates.stream()
                .filter(c -> c.kam() == current).findFirst().orElseThrow();
        String from = current == null ? null : current.getName();
        List<Recommendation> alternatives = listed(candidates.stream().filter(c -> c.kam() != current).toList(), account)
                .stream()
                .map(c -> c.minus(base).recommendation(from == null
                        ? Words.text("recommend.assign", account.getName(), c.kam().getName())
                        : Words.text("recommend.move", account.getName(), from, c.kam().getName()), account,
                        c.breaksHardRule()))
                .toList();
        String moveReason = moveGains.of(plan, account).map(MoveGain::words).orElse(null);
        return new AccountExplanation(account.getId(), account.getName(), current == null ? null : current.getId(),
                current == null ? null : current.getName(), account.isPinned(), share.toString(), matches,
                alternatives, moveReason);
    }

    /**
     * The best KAMs for an account of the plan (or one added to a copy of it), as if it were
     * unassigned: Timefold's recommendAssignment on a copy of the plan in which only this account
     * is replaced, unassigned and unpinned. The plan given is not changed. "Leave it unassigned" is
     * one of Timefold's propositions; it is not a KAM, so it is left out.
     */
    public List<Recommendation> recommend(AssignmentPlan plan, Account account) {
        return listed(candidates(plan, account), account).stream()
                .map(c -> c.recommendation(Words.text("recommend.assign", account.getName(), c.kam().getName()), account,
                        c.breaksHardRule()))
                .toList();
    }

    /**
     * The KAMs an account's list shows: the {@value #ALTERNATIVES} best, and whatever their rank the account's
     * KAM in this plan and its incumbent (currentKamId), when they are among the candidates (active); those
     * that would break a hard rule after all others, each part best first. {@code candidates} are against
     * the account unassigned, so a KAM breaks a hard rule when it costs hard points there.
     */
    private static List<Candidate> listed(List<Candidate> candidates, Account account) {
        List<Candidate> ranked = candidates.stream().filter(c -> c.kam() != null)
                .sorted(Comparator.comparing(Candidate::total).reversed()).toList();
        List<Candidate> listed = new ArrayList<>(ranked.subList(0, Math.min(ALTERNATIVES, ranked.size())));
        ranked.stream().skip(ALTERNATIVES)
                .filter(c -> c.kam() == account.getKam() || c.kam() == account.getCurrentKam())
                .forEach(listed::add);
        listed.sort(Comparator.comparing(Candidate::breaksHardRule)
                .thenComparing(Comparator.comparing(Candidate::total).reversed()));
        return listed;
    }

    private static final int ALTERNATIVES = 5;

    /** The constraints charged to a KAM (indictWith): they depend on all of the KAM's accounts. */
    private static final Set<KamConstraint> PER_KAM = EnumSet.of(KamConstraint.KAM_CAPACITY, KamConstraint.SECTOR_CAP,
            KamConstraint.MAX_ACCOUNTS_PER_KAM, KamConstraint.BALANCED_WORKLOAD);

    /**
     * Every proposition for the account against it unassigned, null (unassigned) included.
     *
     * <p>Why two recommendAssignment calls: Timefold rebuilds the constraint match totals from every
     * match of the plan for each proposition, so on dach-xl (1,000 KAMs, ~30,000 matches) one call
     * spent 90 % of its time in HashSet.add. The constraints split cleanly: the per-account ones
     * depend only on the account and the KAM, so they are evaluated on a plan holding this account
     * alone; the per-KAM ones need the KAM's other accounts, so they are evaluated on the whole plan
     * with the per-account constraints switched off (weight 0), which leaves ~1,000 matches. Each
     * constraint is counted in exactly one of the two, with the plan's own weights, so the sums are
     * the diffs of a single call (ExplanationSumsTest rescores the result from scratch).
     */
    private List<Candidate> candidates(AssignmentPlan plan, Account account) {
        Account unassigned = account.copy(false);
        unassigned.setKam(null);
        List<Account> accounts = new ArrayList<>(plan.getAccounts().size() + 1);
        boolean replaced = false;
        for (Account other : plan.getAccounts()) {
            // Identity first; an account built outside the plan may reuse an id only when it replaces it.
            boolean same = other == account || Objects.equals(other.getId(), account.getId());
            accounts.add(same ? unassigned : other);
            replaced |= same;
        }
        if (!replaced) {
            accounts.add(unassigned);
        }
        AssignmentPlan whole = plan.withAccounts(accounts);
        whole.setConstraintWeightOverrides(keepOnly(plan, PER_KAM));
        Account alone = unassigned.copy(false);
        AssignmentPlan single = plan.withAccounts(List.of(alone));
        single.setConstraintWeightOverrides(keepOnly(plan, EnumSet.complementOf(EnumSet.copyOf(PER_KAM))));

        Map<Kam, Candidate> byKam = new HashMap<>();
        for (Candidate c : propositions(whole, unassigned)) {
            byKam.put(c.kam(), c);
        }
        return propositions(single, alone).stream().map(c -> c.plus(byKam.get(c.kam()))).toList();
    }

    private List<Candidate> propositions(AssignmentPlan plan, Account unassigned) {
        // recommendAssignment clones the solution before it tries anything: the plan's own accounts
        // are shared with the copy but never changed.
        return recommender.recommendAssignment(plan, unassigned, Account::getKam,
                        ScoreAnalysisFetchPolicy.FETCH_MATCH_COUNT).stream()
                .map(r -> new Candidate(r.proposition(), r.scoreAnalysisDiff().score(),
                        byConstraintScore(r.scoreAnalysisDiff())))
                .toList();
    }

    /** The plan's weights for the given constraints, weight 0 (switched off) for the others. */
    static ConstraintWeightOverrides<HardMediumSoftLongScore> keepOnly(AssignmentPlan plan,
            Set<KamConstraint> kept) {
        ConstraintWeightOverrides<HardMediumSoftLongScore> given = plan.getConstraintWeightOverrides();
        Map<String, HardMediumSoftLongScore> weights = new HashMap<>();
        for (KamConstraint constraint : KamConstraint.values()) {
            HardMediumSoftLongScore weight = given == null ? null : given.getConstraintWeight(constraint.constraintName());
            if (!kept.contains(constraint)) {
                weights.put(constraint.constraintName(), HardMediumSoftLongScore.ZERO);
            } else if (weight != null) {
                weights.put(constraint.constraintName(), weight);
            }
        }
        return ConstraintWeightOverrides.of(weights);
    }

    /** A proposition and its score difference, in total and per constraint. */
    private record Candidate(Kam kam, HardMediumSoftLongScore total, Map<KamConstraint, HardMediumSoftLongScore> diffs) {

        static final Candidate UNASSIGNED = new Candidate(null, HardMediumSoftLongScore.ZERO, Map.of());

        /** Against the account unassigned: putting it on this KAM costs hard points. */
        boolean breaksHardRule() {
            return total.hardScore() < 0;
        }

        /** The same proposition's differences from the other constraints. */
        Candidate plus(Candidate other) {
            Map<KamConstraint, HardMediumSoftLongScore> result = new EnumMap<>(KamConstraint.class);
            result.putAll(diffs);
            other.diffs().forEach((constraint, diff) -> result.merge(constraint, diff, HardMediumSoftLongScore::add));
            return new Candidate(kam, total.add(other.total()), result);
        }

        Candidate minus(Candidate base) {
            Map<KamConstraint, HardMediumSoftLongScore> result = new EnumMap<>(KamConstraint.class);
            for (KamConstraint constraint : KamConstraint.values()) {
                HardMediumSoftLongScore diff = diffs.getOrDefault(constraint, HardMediumSoftLongScore.ZERO)
                        .subtract(base.diffs().getOrDefault(constraint, HardMediumSoftLongScore.ZERO));
                result.put(constraint, diff);
            }
            return new Candidate(kam, total.subtract(base.total()), result);
        }

        /** {@code breaks}: of the candidate against the account unassigned (this one may be against its KAM). */
        Recommendation recommendation(String change, Account account, boolean breaks) {
            return new Recommendation(kam.getId(), kam.getName(), total.toString(),
                    ScoreWords.change(change, total, diffs), Recommendation.constraintDiffs(diffs),
                    kam == account.getKam(), kam == account.getCurrentKam(), breaks);
        }
    }

    private static Map<KamConstraint, ConstraintAnalysis<HardMediumSoftLongScore>> byConstraint(
            ScoreAnalysis<HardMediumSoftLongScore> analysis) {
        Map<KamConstraint, ConstraintAnalysis<HardMediumSoftLongScore>> result = new EnumMap<>(KamConstraint.class);
        for (ConstraintAnalysis<HardMediumSoftLongScore> c : analysis.constraintAnalyses()) {
            KamConstraint.byName(c.constraintName()).ifPresent(k -> result.put(k, c));
        }
        return result;
    }

    private static Map<KamConstraint, HardMediumSoftLongScore> byConstraintScore(
            ScoreAnalysis<HardMediumSoftLongScore> analysis) {
        Map<KamConstraint, HardMediumSoftLongScore> result = new EnumMap<>(KamConstraint.class);
        byConstraint(analysis).forEach((k, c) -> result.put(k, c.score()));
        return result;
    }

    private static PlanAnalysis.ConstraintResult result(KamConstraint constraint,
            ConstraintMatchTotal<HardMediumSoftLongScore> total) {
        List<PlanAnalysis.Match> matches = total.getConstraintMatchSet().stream()
                .sorted(WORST_FIRST)
                .map(m -> new PlanAnalysis.Match(m.getScore().toString(), (Justifications.Described) m.getJustification()))
                .toList();
        return new PlanAnalysis.ConstraintResult(constraint.constraintName(), constraint.level().label(),
                weightAtLevel(constraint, total.getConstraintWeight()), total.getScore().toString(), matches.size(),
                matches);
    }

    /** Timefold may report nothing for a constraint without matches, or one switched off by weight 0. */
    private static PlanAnalysis.ConstraintResult withoutMatches(AssignmentPlan plan, KamConstraint constraint) {
        HardMediumSoftLongScore override = plan.getConstraintWeightOverrides() == null ? null
                : plan.getConstraintWeightOverrides().getConstraintWeight(constraint.constraintName());
        long weight = override == null ? 1 : weightAtLevel(constraint, override);
        return new PlanAnalysis.ConstraintResult(constraint.constraintName(), constraint.level().label(), weight,
                HardMediumSoftLongScore.ZERO.toString(), 0, List.of());
    }

    /** The weight as the request gives it: Timefold stores a penalty's weight negated. */
    static long weightAtLevel(KamConstraint constraint, HardMediumSoftLongScore weight) {
        return Math.abs(switch (constraint.level()) {
            case HARD -> weight.hardScore();
            case MEDIUM -> weight.mediumScore();
            case SOFT -> weight.softScore();
        });
    }
}
