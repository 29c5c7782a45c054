package org.kamplanner.rebalance;

import java.util.ArrayList;
import java.util.List;

import org.kamplanner.words.Words;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

/**
 * The {@code moves} of a plan document: every account whose KAM is not its currentKamId, with why.
 * Forced: its incumbent left (it is placed elsewhere, or left unassigned when nobody could take it).
 * Chosen: the solver moved it away from an incumbent who is still there; after a rebalance's review
 * the reason says what the move bought. Worded when the document is built, so in the language of the
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

    public static List<PlanDocument.Move> moves(AssignmentPlan plan, MoveReview.Result review) {
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
            } else if (to == null) {
                reason = Words.text("move.unassigned", account.getName());
            } else if (review != null && review.gains().containsKey(account.getId())) {
                reason = review.gains().get(account.getId()).words();
            } else {
                reason = Words.text("move.solver", account.getName(), from.getName(), to.getName());
            }
            moves.add(new PlanDocument.Move(account.getId(), from.getId(), to == null ? null : to.getId(), reason));
        }
        return moves;
    }
}
