package org.kamplanner.explain;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.WeakHashMap;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.AssignmentPlanCloner;
import org.kamplanner.domain.Kam;
import org.kamplanner.solver.KamConstraint;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.impl.score.constraint.ConstraintMatchPolicy;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;
import ai.timefold.solver.core.impl.score.director.ScoreDirectorFactory;
import ai.timefold.solver.core.impl.solver.DefaultSolutionManager;

/**
 * What each voluntary move of a plan buys, by an exact what-if: the plan's score with the move undone (the
 * account back with its incumbent), per constraint. A move whose undoing costs nothing is part of a chain:
 * the other move that, undone with it, costs more than undone alone is named with it.
 *
 * <p>Why Timefold's score director and not {@link SolutionManager#analyze}: analyze scores the whole plan from
 * scratch, a few ms on dach-large for each of hundreds of moves; the score director the solver itself uses
 * recalculates only what an account's change touches (benchmarks/explain/RESULTS.md has the rates). It is
 * Timefold's internal API, as in solver.search; SolutionManager.create always gives a DefaultSolutionManager.
 */
public final class MoveGains {

    /** The constraints about one KAM's whole portfolio: the hard ones an account can make room in. */
    private static final Set<KamConstraint> ROOM = Set.of(KamConstraint.KAM_CAPACITY, KamConstraint.SECTOR_CAP,
            KamConstraint.MAX_ACCOUNTS_PER_KAM);
    /** Partners tried for a move that buys nothing alone: the moves into and out of its two KAMs. */
    private static final int MAX_PARTNERS = 40;
    private static final int MAX_ROOM_NAMED = 3;

    private final ScoreDirectorFactory<AssignmentPlan, HardMediumSoftLongScore> factory;

    public MoveGains(SolutionManager<AssignmentPlan, HardMediumSoftLongScore> manager) {
        this.factory = ((DefaultSolutionManager<AssignmentPlan, HardMediumSoftLongScore>) manager).getScoreDirectorFactory();
    }

    /** For reads outside Spring's beans (MoveReport): the service's constraints from solverConfig.xml, built once. */
    public static MoveGains standard() {
        return Standard.INSTANCE;
    }

    private static final class Standard {
        static final MoveGains INSTANCE = new MoveGains(SolutionManager.create(
                SolverFactory.<AssignmentPlan>create(SolverConfig.createFromXmlResource("solverConfig.xml"))));
    }

    /** Moved away from an incumbent who is still there to be moved back to, and not by the planner's hand. */
    public static boolean isVoluntary(Account account) {
        Kam incumbent = account.getCurrentKam();
        return incumbent != null && incumbent.isActive() && account.getKam() != incumbent && !account.isPinned();
    }

    /**
     * What the voluntary moves of the plans measured lately buy, by plan object (held weakly: a plan no longer
     * held drops its figures), valid while the plan's assignment is the one measured. The page, the exports,
     * the hand-over sheet and account explanations read one stored plan again and again, and measuring
     * dach-xl's 3,000 moves takes seconds. Shared by every instance: they all score with the service's
     * constraints, so a plan's figures are the same whichever measured them.
     */
    private static final Map<AssignmentPlan, Measured> MEASURED = Collections.synchronizedMap(new WeakHashMap<>());

    private record Measured(Kam[] assignment, Map<String, MoveGain> gains) {
    }

    /** What every voluntary move of the plan buys, by account id, in the plan's order; the plan is not changed. */
    public Map<String, MoveGain> of(AssignmentPlan plan) {
        if (plan.getAccounts().stream().noneMatch(MoveGains::isVoluntary)) {
            return Map.of();
        }
        Kam[] assignment = plan.getAccounts().stream().map(Account::getKam).toArray(Kam[]::new);
        Measured known = MEASURED.get(plan);
        if (known != null && Arrays.equals(known.assignment(), assignment)) {
            return known.gains();
        }
        Map<String, MoveGain> gains;
        try (WhatIf whatIf = new WhatIf(factory, plan)) {
            gains = Collections.unmodifiableMap(
                    whatIf.gains(whatIf.plan.getAccounts().stream().filter(MoveGains::isVoluntary).toList()));
        }
        MEASURED.put(plan, new Measured(assignment, gains));
        return gains;
    }

    /**
     * What this account's move buys, if it is a voluntary move of the plan; the plan is not changed. Measured
     * with all the plan's moves (the chain partners are among them), and so kept for the next account.
     */
    public Optional<MoveGain> of(AssignmentPlan plan, Account account) {
        return isVoluntary(account) ? Optional.ofNullable(of(plan).get(account.getId())) : Optional.empty();
    }

    /**
     * Undoes, in place and one after another, each voluntary move whose undoing does not make the score
     * worse (a rebalance keeps only moves that buy something); how many it undid.
     */
    public int undoUseless(AssignmentPlan plan) {
        int undone = 0;
        try (WhatIf whatIf = new WhatIf(factory, plan, false)) {
            for (Account account : plan.getAccounts()) {
                if (isVoluntary(account) && whatIf.back(List.of(account)).score().compareTo(HardMediumSoftLongScore.ZERO) >= 0) {
                    whatIf.keep(account, account.getCurrentKam());
                    undone++;
                }
            }
        }
        return undone;
    }

    /** The score difference of an undo (the plan with it minus the plan as it is), in total and per constraint. */
    record Diff(HardMediumSoftLongScore score, Map<KamConstraint, HardMediumSoftLongScore> byConstraint) {

        HardMediumSoftLongScore of(KamConstraint constraint) {
            return byConstraint.getOrDefault(constraint, HardMediumSoftLongScore.ZERO);
        }
    }

    /**
     * Score directors on the plan (or a copy of it), all on the same accounts, each with a few constraints
     * switched on: at most one per score level, so that each level of a director's score is one constraint's.
     * Per-constraint differences without Timefold's constraint match totals, which it rebuilds from every
     * match of the plan on each read (~1.5 ms on dach-large, against ~2 µs for an undo); setting a working
     * solution costs the most (~0.3 s on dach-xl under load), hence as few directors as levels allow.
     */
    private static final class WhatIf implements AutoCloseable {

        final AssignmentPlan plan;
        private final List<InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore>> directors = new ArrayList<>();
        /** Per director, its constraint at each level (hard, medium, soft), or null. */
        private final List<KamConstraint[]> groups = new ArrayList<>();
        private HardMediumSoftLongScore[] now;
        private HardMediumSoftLongScore score;
        private long[] load;
        private Map<Kam, List<Account>> newcomers;

        WhatIf(ScoreDirectorFactory<AssignmentPlan, HardMediumSoftLongScore> factory, AssignmentPlan plan) {
            this(factory, plan, true);
        }

        /** {@code clone}: work on a copy, because readers share the stored plan. */
        WhatIf(ScoreDirectorFactory<AssignmentPlan, HardMediumSoftLongScore> factory, AssignmentPlan plan, boolean clone) {
            this.plan = clone ? new AssignmentPlanCloner().cloneSolution(plan) : plan;
            Map<KamConstraint.Level, List<KamConstraint>> byLevel = new EnumMap<>(KamConstraint.Level.class);
            for (KamConstraint.Level level : KamConstraint.Level.values()) {
                byLevel.put(level, new ArrayList<>());
            }
            for (KamConstraint constraint : KamConstraint.values()) {
                byLevel.get(constraint.level()).add(constraint);
            }
            int count = byLevel.values().stream().mapToInt(List::size).max().orElse(0);
            for (int i = 0; i < count; i++) {
                KamConstraint[] group = new KamConstraint[3];
                for (KamConstraint.Level level : KamConstraint.Level.values()) {
                    List<KamConstraint> atLevel = byLevel.get(level);
                    group[level.ordinal()] = i < atLevel.size() ? atLevel.get(i) : null;
                }
                AssignmentPlan some = this.plan.withAccounts(this.plan.getAccounts());
                some.setActiveKams(this.plan.getActiveKams());
                EnumSet<KamConstraint> kept = EnumSet.noneOf(KamConstraint.class);
                for (KamConstraint c : group) {
                    if (c != null) {
                        kept.add(c);
                    }
                }
                some.setConstraintWeightOverrides(PlanExplainer.keepOnly(this.plan, kept));
                InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director = factory.createScoreDirectorBuilder()
                        .withConstraintMatchPolicy(ConstraintMatchPolicy.DISABLED).build();
                director.setWorkingSolution(some);
                directors.add(director);
                groups.add(group);
            }
            settle();
        }

        private HardMediumSoftLongScore[] calculate() {
            HardMediumSoftLongScore[] scores = new HardMediumSoftLongScore[directors.size()];
            for (int i = 0; i < scores.length; i++) {
                scores[i] = directors.get(i).calculateScore().raw();
            }
            return scores;
        }

        private void settle() {
            now = calculate();
            score = sum(now);
        }

        private static HardMediumSoftLongScore sum(HardMediumSoftLongScore[] scores) {
            HardMediumSoftLongScore total = HardMediumSoftLongScore.ZERO;
            for (HardMediumSoftLongScore s : scores) {
                total = total.add(s);
            }
            return total;
        }

        /** The undo of these moves measured, and taken back: the plan stands as before. */
        Diff back(List<Account> accounts) {
            Kam[] planned = new Kam[accounts.size()];
            for (int i = 0; i < planned.length; i++) {
                planned[i] = accounts.get(i).getKam();
                set(accounts.get(i), accounts.get(i).getCurrentKam());
            }
            HardMediumSoftLongScore[] undone = calculate();
            for (int i = 0; i < planned.length; i++) {
                set(accounts.get(i), planned[i]);
            }
            // The next calculation settles the restore with whatever it changes next: one pass, not two.
            Map<KamConstraint, HardMediumSoftLongScore> diffs = new EnumMap<>(KamConstraint.class);
            for (int i = 0; i < directors.size(); i++) {
                HardMediumSoftLongScore diff = undone[i].subtract(now[i]);
                KamConstraint[] group = groups.get(i);
                put(diffs, group[0], HardMediumSoftLongScore.ofHard(diff.hardScore()));
                put(diffs, group[1], HardMediumSoftLongScore.ofMedium(diff.mediumScore()));
                put(diffs, group[2], HardMediumSoftLongScore.ofSoft(diff.softScore()));
            }
            return new Diff(sum(undone).subtract(score), diffs);
        }

        private static void put(Map<KamConstraint, HardMediumSoftLongScore> diffs, KamConstraint constraint,
                HardMediumSoftLongScore diff) {
            if (constraint != null && !diff.isZero()) {
                diffs.put(constraint, diff);
            }
        }

        /** Changes the plan for good. */
        void keep(Account account, Kam kam) {
            set(account, kam);
            settle();
        }

        Map<String, MoveGain> gains(List<Account> voluntary) {
            Map<Account, Diff> alone = new LinkedHashMap<>();
            voluntary.forEach(a -> alone.put(a, back(List.of(a))));
            Map<String, MoveGain> gains = new LinkedHashMap<>();
            alone.forEach((a, diff) -> gains.put(a.getId(), gain(a, diff, voluntary, alone)));
            return gains;
        }

        /** {@code alone}: the undo of each voluntary move by itself, where known. */
        MoveGain gain(Account account, Diff back, List<Account> voluntary, Map<Account, Diff> alone) {
            Kam from = account.getCurrentKam();
            Kam to = account.getKam();
            long[] loads = loads();
            MoveGain.Loads figures = new MoveGain.Loads(loads[from.getIndex()] + account.workloadMinutesWith(from),
                    loads[from.getIndex()], from.getCapacityMinutes(),
                    to == null ? 0 : loads[to.getIndex()] - account.getWorkloadMinutes(), to == null ? 0 : loads[to.getIndex()],
                    to == null ? 1 : to.getCapacityMinutes());
            long travelSaved = to == null ? 0
                    : account.getTravelMinutesFrom(from.getHomeRegion()) - account.getTravelMinutes();
            long overload = back.of(KamConstraint.KAM_CAPACITY).hardScore() < 0
                    ? Math.max(0, figures.fromBack() - figures.fromCapacity()) - Math.max(0, figures.fromNow() - figures.fromCapacity())
                    : 0;
            List<MoveGain.Room> room = ROOM.stream().anyMatch(c -> back.of(c).hardScore() < 0)
                    ? room(account, from, back) : List.of();
            MoveGain.Chain chain = null;
            Diff shown = back;
            if (back.score().compareTo(HardMediumSoftLongScore.ZERO) >= 0) {
                Optional<Map.Entry<Account, Diff>> partner = partner(account, back, voluntary, alone);
                if (partner.isPresent()) {
                    Account other = partner.get().getKey();
                    chain = new MoveGain.Chain(other.getName(), other.getCurrentKam().getName(),
                            other.getKam() == null ? null : other.getKam().getName());
                    shown = partner.get().getValue();
                }
            }
            return new MoveGain(account.getName(), from.getName(), to == null ? null : to.getName(), figures, travelSaved,
                    overload, room, chain, shown.score(), shown.byConstraint());
        }

        /**
         * The accounts that took this one's place at the KAM it left, those that had no KAM to go back to first
         * (no incumbent, or one who left), then by tier and revenue. Only the sector's newcomers when its cap
         * is the only rule moving back would break.
         */
        private List<MoveGain.Room> room(Account account, Kam from, Diff back) {
            boolean sectorOnly = back.of(KamConstraint.KAM_CAPACITY).hardScore() >= 0
                    && back.of(KamConstraint.MAX_ACCOUNTS_PER_KAM).hardScore() >= 0;
            if (newcomers == null) {
                newcomers = new HashMap<>();
                for (Account a : plan.getAccounts()) {
                    if (a.getKam() != null && a.getCurrentKam() != a.getKam()) {
                        newcomers.computeIfAbsent(a.getKam(), k -> new ArrayList<>()).add(a);
                    }
                }
            }
            return newcomers.getOrDefault(from, List.of()).stream()
                    .filter(a -> !sectorOnly || a.getSector() == account.getSector())
                    .sorted(Comparator.comparing((Account a) -> a.getCurrentKam() != null && a.getCurrentKam().isActive())
                            .thenComparing(Account::getTier)
                            .thenComparing(MoveGains::revenue, Comparator.reverseOrder()))
                    .limit(MAX_ROOM_NAMED)
                    .map(a -> new MoveGain.Room(a.getName(), a.getTier().name(), revenue(a),
                            a.getCurrentKam() == null ? null : a.getCurrentKam().getName(),
                            a.getCurrentKam() != null && !a.getCurrentKam().isActive()))
                    .toList();
        }

        /**
         * The move that, undone together with this one, costs most beyond its own undo: among the voluntary
         * moves into or out of this move's two KAMs; none when no pair costs more than its parts.
         */
        private Optional<Map.Entry<Account, Diff>> partner(Account account, Diff back, List<Account> voluntary,
                Map<Account, Diff> alone) {
            Kam from = account.getCurrentKam();
            Kam to = account.getKam();
            List<Account> near = voluntary.stream().filter(m -> m != account)
                    .filter(m -> m.getKam() == from || (to != null && m.getCurrentKam() == to)
                            || m.getCurrentKam() == from || (to != null && m.getKam() == to))
                    .limit(MAX_PARTNERS).toList();
            Map.Entry<Account, Diff> best = null;
            HardMediumSoftLongScore bestSynergy = HardMediumSoftLongScore.ZERO;
            for (Account other : near) {
                Diff pair = back(List.of(account, other));
                Diff single = alone.containsKey(other) ? alone.get(other) : back(List.of(other));
                // Worse together than the two undone apart: the pair is one rearrangement.
                HardMediumSoftLongScore synergy = single.score().add(back.score()).subtract(pair.score());
                if (pair.score().compareTo(HardMediumSoftLongScore.ZERO) < 0 && synergy.compareTo(bestSynergy) > 0) {
                    best = Map.entry(other, pair);
                    bestSynergy = synergy;
                }
            }
            return Optional.ofNullable(best);
        }

        private long[] loads() {
            if (load == null) {
                load = new long[plan.getKams().size()];
                for (Account a : plan.getAccounts()) {
                    if (a.getKam() != null) {
                        load[a.getKam().getIndex()] += a.getWorkloadMinutes();
                    }
                }
            }
            return load;
        }

        private void set(Account account, Kam kam) {
            for (InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director : directors) {
                director.beforeVariableChanged(account, "kam");
            }
            account.setKam(kam);
            for (InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director : directors) {
                director.afterVariableChanged(account, "kam");
            }
        }

        @Override
        public void close() {
            directors.forEach(InnerScoreDirector::close);
        }
    }

    private static long revenue(Account account) {
        BigDecimal revenue = account.getAnnualRevenue();
        return revenue == null ? 0 : revenue.longValue();
    }
}
