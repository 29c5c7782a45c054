package org.kamplanner.rebalance;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kamplanner.words.Words;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.solver.KamConstraint;
import org.kamplanner.solver.ScoreWords;
import org.springframework.stereotype.Component;

import ai.timefold.solver.core.api.score.analysis.ConstraintAnalysis;
import ai.timefold.solver.core.api.score.analysis.ScoreAnalysis;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.ScoreAnalysisFetchPolicy;
import ai.timefold.solver.core.api.solver.SolutionManager;

/**
 * The last step of a rebalance: every chosen move (an account moved away from an incumbent who is
 * still active) is checked by moving that one account back and scoring both plans with Timefold's
 * SolutionManager. A move that does not make the score strictly better is undone, so each move that
 * stays bought something; for the others the per-constraint difference says what.
 *
 * <p>Each check is a scoring from scratch (a few ms on dach-large, ~0.1 s on dach-xl). A rebalance
 * makes few chosen moves; past {@link #MAX_REVIEWED} they are left as the solver chose them, so that a
 * rebalance of a plan with many changes still ends in seconds.
 */
@Component
public class MoveReview {

    static final int MAX_REVIEWED = 200;

    /** What each kept move bought (by account id), how many moves were undone, and how many went unreviewed. */
    public record Result(Map<String, Gain> gains, int undone, int unreviewed) {
    }

    /**
     * What one kept move bought, as figures: the review runs when the solve ends, outside any request, so
     * the sentence is worded when a plan is read, in that request's language ({@link #words()}).
     * {@code freedMinutes} is the account's workload at the KAM it left; {@code roomFor} the leaver's
     * accounts that now sit there; {@code backCost} and {@code backDiffs} what moving it back would cost.
     */
    public record Gain(String account, long freedMinutes, String from, String to, List<String> roomFor,
            HardMediumSoftLongScore backCost, Map<KamConstraint, HardMediumSoftLongScore> backDiffs) {

        /**
         * E.g. "chosen: moving Solarwerk GmbH frees 6.5 h at Anna Schmidt for Jonas Weber (room made for
         * Kern AG); moving it back would cost 1,234 soft: +1,834 balance, −600 continuity".
         */
        public String words() {
            return Words.text("move.chosen", account, Words.hours(freedMinutes), from, to)
                    + (roomFor.isEmpty() ? "" : Words.text("move.roomFor", String.join(", ", roomFor)))
                    + "; " + ScoreWords.change(Words.text("move.back"), backCost, backDiffs);
        }
    }

    private final SolutionManager<AssignmentPlan, HardMediumSoftLongScore> solutionManager;

    public MoveReview(SolutionManager<AssignmentPlan, HardMediumSoftLongScore> solutionManager) {
        this.solutionManager = solutionManager;
    }

    /** Checks the chosen moves of this plan in place: undoes those that buy nothing, leaves the plan scored. */
    public Result review(AssignmentPlan plan) {
        Map<String, Gain> gains = new LinkedHashMap<>();
        int undone = 0;
        int unreviewed = 0;
        ScoreAnalysis<HardMediumSoftLongScore> current = analyze(plan);
        for (Account account : plan.getAccounts()) {
            if (!isChosenMove(account)) {
                continue;
            }
            if (gains.size() + undone >= MAX_REVIEWED) {
                unreviewed++;
                continue;
            }
            Kam to = account.getKam();
            account.setKam(account.getCurrentKam());
            ScoreAnalysis<HardMediumSoftLongScore> back = analyze(plan);
            if (back.score().compareTo(current.score()) >= 0) {
                undone++; // Staying put is as good: the move bought nothing.
                current = back;
            } else {
                account.setKam(to);
                gains.put(account.getId(), describe(plan, account, current.diff(back)));
            }
        }
        solutionManager.update(plan);
        return new Result(gains, undone, unreviewed);
    }

    /** Moved away from an incumbent who is still there to be moved back to. */
    public static boolean isChosenMove(Account account) {
        return account.isMoved() && account.getCurrentKam().isActive() && !account.isPinned();
    }

    private ScoreAnalysis<HardMediumSoftLongScore> analyze(AssignmentPlan plan) {
        return solutionManager.analyze(plan, ScoreAnalysisFetchPolicy.FETCH_MATCH_COUNT);
    }

    /** {@code gain} is what the move gained: moving back costs it. */
    private static Gain describe(AssignmentPlan plan, Account account, ScoreAnalysis<HardMediumSoftLongScore> gain) {
        Kam from = account.getCurrentKam();
        // The room was made for the accounts of a leaver that now sit with the KAM this one left.
        List<String> roomFor = plan.getAccounts().stream()
                .filter(a -> a.getKam() == from && a.getCurrentKam() != null && !a.getCurrentKam().isActive())
                .map(Account::getName).limit(3).toList();
        Map<KamConstraint, HardMediumSoftLongScore> backDiffs = new EnumMap<>(KamConstraint.class);
        for (ConstraintAnalysis<HardMediumSoftLongScore> constraint : gain.constraintAnalyses()) {
            backDiffs.put(KamConstraint.byName(constraint.constraintName()).orElseThrow(), constraint.score().negate());
        }
        return new Gain(account.getName(), account.workloadMinutesWith(from), from.getName(), account.getKam().getName(),
                roomFor, gain.score().negate(), backDiffs);
    }
}
