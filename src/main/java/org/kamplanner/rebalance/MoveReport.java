package org.kamplanner.rebalance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.kamplanner.words.Words;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.explain.MoveGain;
import org.kamplanner.explain.MoveGains;

/**
 * The {@code moves} of a plan document: every account whose KAM is not its currentKamId, with why.
 * Forced: its incumbent left (it is placed elsewhere, or left unassigned when nobody could take it).
 * Pinned: the planner put it elsewhere by hand. Chosen: the solver moved it away from an incumbent who is
 * still there, and the reason says what the move bought ({@link MoveGain}). Worded when the document is built, so in the language of the
 * request that reads it (or the command line's).
 */
public final class MoveReport {

    private MoveReport() {
    }

    public static PlanDocument withMoves(PlanDocument d, AssignmentPlan plan, MoveReview.Result review) {
        boolean rebalance = plan.getKams().stream().anyMatch(k -> !k.isActive());
        return d.withMoves(moves(plan, review)).withKamChanges(rebalance ? kamChanges(plan) : null);
    }

    /**
     * Every KAM before (the accounts whose currentKamId it is, at their workload with it) and after (the
     * accounts the plan gives it): the leavers drop to nothing, the others show what they took on.
     */
    public static List<PlanDocument.KamChange> kamChanges(AssignmentPlan plan) {
        int n = plan.getKams().size();
        int[] before = new int[n];
        int[] after = new int[n];
        long[] loadBefore = new long[n];
        long[] loadAfter = new long[n];
        for (Account account : plan.getAccounts()) {
            Kam current = account.getCurrentKam();
            if (current != null) {
                before[current.getIndex()]++;
                loadBefore[current.getIndex()] += account.workloadMinutesWith(current);
            }
            Kam kam = account.getKam();
            if (kam != null) {
                after[kam.getIndex()]++;
                loadAfter[kam.getIndex()] += account.getWorkloadMinutes();
            }
        }
        List<PlanDocument.KamChange> changes = new ArrayList<>();
        for (Kam kam : plan.getKams()) {
            int i = kam.getIndex();
            double capacity = kam.getCapacityMinutes();
            changes.add(new PlanDocument.KamChange(kam.getId(), kam.getName(), kam.isActive(), before[i], after[i],
                    loadBefore[i], loadAfter[i], loadBefore[i] / capacity, loadAfter[i] / capacity));
        }
        return changes;
    }

    /**
     * Every move with its reason: the review's figures after a rebalance, else (an annual plan, or a rebalance
     * read again after a restart, whose review was held in memory) measured on a copy of the plan, once while
     * the plan is held.
     */
    public static List<PlanDocument.Move> moves(AssignmentPlan plan, MoveReview.Result review) {
        Map<String, MoveGain> gains = review != null ? review.gains() : MoveGains.standard().of(plan);
        List<PlanDocument.Move> moves = new ArrayList<>();
        for (Account account : plan.getAccounts()) {
            Kam from = account.getCurrentKam();
            Kam to = account.getKam();
            if (from == null || from == to) {
                continue;
            }
            String reason;
            if (!from.isActive()) {
                reason = to == null ? Words.text("move.forcedUnassigned", from.getName(), account.getName())
                        : Words.text("move.forced", from.getName(), account.getName(), to.getName());
            } else if (account.isPinned()) {
                reason = Words.text("move.pinned", account.getName(), from.getName(),
                        to == null ? Words.text("move.nobody") : to.getName());
            } else {
                // A review's figures are of the plan it reviewed; a move made since (by hand) is measured now.
                MoveGain gain = gains.containsKey(account.getId()) ? gains.get(account.getId())
                        : MoveGains.standard().of(plan, account).orElseThrow();
                reason = gain.words();
            }
            moves.add(new PlanDocument.Move(account.getId(), from.getId(), to == null ? null : to.getId(), reason));
        }
        return moves;
    }
}
