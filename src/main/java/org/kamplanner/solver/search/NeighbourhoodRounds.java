package org.kamplanner.solver.search;

import java.util.List;
import java.util.Random;
import java.util.function.BooleanSupplier;

import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;

/**
 * The rounds of one {@link KamNeighbourhoods} phase on one working plan, kept between the phase's steps:
 * which KAMs come next, how many per round, the rounds without improvement, and the score so far.
 */
final class NeighbourhoodRounds {

    private static final Logger LOG = LoggerFactory.getLogger(NeighbourhoodRounds.class);

    private static final int MIN_KAMS = 2;
    private static final int MAX_KAMS = 6;

    private final KamNeighbourhoods phase;
    private final AssignmentPlan plan;
    private final RelatedKams search;
    private final List<Kam> active;
    private final int stallLimit;
    private final boolean wholePlan;
    /** Under a work budget: CP-SAT's work counts against it, and no clock ends the phase's share. */
    private final boolean counted;
    /** When the phase's share of the solve ends (System.nanoTime), on a large plan. */
    private final long deadline;
    /** Whether the plan's base minutes exceed its capacity ({@link GreedyAssignment#overfull}), once. */
    private final boolean overfull;
    /** CP-SAT's deterministic seconds of this phase's rounds so far (the coverage gate counts them). */
    private double spentSeconds;
    private HardMediumSoftLongScore score;
    private int kams = 3;
    private int stall;
    private int rounds;
    private int improvements;
    private boolean whole;
    private int keptSinceWhole;
    /** A solve under way across steps (a whole-plan solve handing over what it finds), or null. */
    private KamSubProblem pending;
    private SubProblemSolve pendingSolve;
    private boolean pendingWhole;
    private boolean keptInPending;

    /**
     * Holds the plan, not its score director: {@link KamNeighbourhoods} keeps the rounds by their score
     * director in a weak map, which a strong reference back would never let go of.
     */
    NeighbourhoodRounds(KamNeighbourhoods phase, AssignmentPlan plan, HardMediumSoftLongScore score, double seconds) {
        this.phase = phase;
        this.plan = plan;
        this.score = score;
        // settings.seed varies the choice of KAMs as it varies Timefold's moves; without one, as before.
        Integer seed = plan.getSettings().seed();
        this.search = new RelatedKams(plan,
                new Random(seed == null ? plan.getAccounts().size() : 31L * seed + plan.getAccounts().size()));
        this.counted = WorkBudget.counts(plan);
        this.active = plan.getActiveKams();
        this.stallLimit = Math.min(200, phase.stallRounds() * active.size());
        this.wholePlan = phase.solvedWhole(plan.getAccounts().size(), active.size());
        this.whole = wholePlan;
        this.overfull = GreedyAssignment.overfull(plan);
        long nanos = counted || seconds >= Long.MAX_VALUE / 1e9 ? Long.MAX_VALUE / 2 : (long) (seconds * 1e9);
        this.deadline = System.nanoTime() + nanos;
    }

    /**
     * Rounds until the phase ends (then false) or, with {@code untilKept}, until one changed the plan (then
     * true: the step may end, and Timefold publishes the better plan).
     */
    boolean run(InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director, BooleanSupplier isPhaseTerminated,
            boolean untilKept) {
        boolean coverageOnly = phase.coverageOnly();
        // The share is checked with the phase's own termination, so a sub-problem also stops at the deadline.
        BooleanSupplier stop = () -> isPhaseTerminated.getAsBoolean() || System.nanoTime() - deadline > 0;
        while (pending != null
                || !stop.getAsBoolean() && rounds < phase.maxRounds() && !(coverageOnly && score.mediumScore() == 0)) {
            if (pending == null && stall >= stallLimit) {
                if (!wholePlan || phase.wholePlanSeconds() <= 0 || keptSinceWhole == 0) {
                    break;
                }
                whole = true; // the rounds changed the plan since the last whole-plan solve: one more from here
                stall = 0;
            }
            if (round(director, stop, untilKept) && untilKept) {
                return true;
            }
        }
        LOG.debug("CP-SAT neighbourhoods{}: {} rounds, {} kept, ended at {} KAMs per round, score {}",
                coverageOnly ? " (coverage)" : "", rounds, improvements, kams, score);
        return false;
    }

    /**
     * One sub-problem solved and kept when the plan's score is better; whether it was. With {@code untilKept} a
     * whole-plan solve hands over each better plan CP-SAT finds on the way, and the round returns true with the
     * first one kept (the step ends and Timefold publishes it); the next call goes on with the same solve.
     */
    private boolean round(InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director, BooleanSupplier stop,
            boolean untilKept) {
        if (pending == null) {
            List<Kam> chosen = whole ? active : search.related(Math.min(kams, active.size()), phase.coverageOnly());
            pending = new KamSubProblem(plan, chosen, search.costs, search.loads)
                    .softSeconds(phase.softSeconds(plan.getAccounts().size(), overfull, spentSeconds,
                            score.mediumScore()));
            double wholeCap = phase.wholePlanSeconds() > 0 ? phase.wholePlanSeconds() : Double.MAX_VALUE;
            pendingSolve = pending.start(whole ? wholeCap : phase.subSolveSeconds(), phase.linearizationLevel(), stop,
                    counted, whole && untilKept);
            pendingWhole = whole;
            keptInPending = false;
            whole = false;
        }
        KamSubProblem sub = pending;
        KamSubProblem.Outcome outcome = pendingSolve.next();
        while (!outcome.last()) {
            if (keep(director, sub, outcome)) {
                keptInPending = true;
                improvements++;
                return true;
            }
            outcome = pendingSolve.next();
        }
        pending = null;
        pendingSolve = null;
        if (counted) {
            WorkBudget.spend(director, sub.deterministicSeconds());
        }
        spentSeconds += sub.deterministicSeconds();
        boolean wasWhole = pendingWhole;
        boolean keptLast = keep(director, sub, outcome);
        boolean kept = keptLast || keptInPending;
        stall = kept ? 0 : stall + 1;
        rounds++;
        improvements += keptLast ? 1 : 0;
        LOG.debug("round {}: {} KAMs, {}, {} deterministic s ({} in all), score {}", rounds, kams,
                kept ? "kept" : "not kept", sub.deterministicSeconds(), spentSeconds, score);
        keptSinceWhole = wasWhole ? 0 : keptSinceWhole + (kept ? 1 : 0);
        if (wasWhole) {
            LOG.debug("CP-SAT whole plan after {} rounds: {}", rounds, kept ? score : "not better");
        } else if (outcome.proven() && kams < MAX_KAMS) {
            kams++;
        } else if (!outcome.proven() && kams > MIN_KAMS) {
            kams--;
        }
        return keptLast;
    }

    /** Applies a better assignment found and keeps it when the plan's score is better; whether it did. */
    private boolean keep(InnerScoreDirector<AssignmentPlan, HardMediumSoftLongScore> director, KamSubProblem sub,
            KamSubProblem.Outcome outcome) {
        if (!outcome.better()) {
            return false;
        }
        sub.apply(director, outcome.assignment());
        HardMediumSoftLongScore after = director.calculateScore().raw();
        if (after.compareTo(score) > 0) {
            score = after;
            sub.kept(outcome.assignment());
            return true;
        }
        sub.revert(director);
        return false;
    }
}
