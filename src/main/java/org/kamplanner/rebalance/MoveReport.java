package org.kamplanner.rebalance;

import java.util.ArrayList;
import java.util.List;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.solver.ScoreWords;

/**
 * The {@code moves} of a plan document: every account whose KAM is not its currentKamId, with why.
 * Forced: its incumbent left (it is placed elsewhere, or left unassigned when nobody could take it).
 * Chosen: the solver moved it away from an incumbent who is still there; after a rebalance's review
 * the reason says what the move bought.
 */
public final class MoveReport {

    private MoveReport() {
    }

    public static PlanDocument withMoves(PlanDocument d, AssignmentPlan plan, MoveReview.Result review) {
        return d.withMoves(moves(plan, review));
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
                reason = to == null ? ScoreWords.text("move.forcedUnassigned", from.getName(), account.getName())
                        : ScoreWords.text("move.forced", from.getName(), account.getName(), to.getName());
            } else if (to == null) {
                reason = ScoreWords.text("move.unassigned", account.getName());
            } else if (review != null && review.gains().containsKey(account.getId())) {
                reason = review.gains().get(account.getId());
            } else {
                reason = ScoreWords.text("move.solver", account.getName(), from.getName(), to.getName());
            }
            moves.add(new PlanDocument.Move(account.getId(), from.getId(), to == null ? null : to.getId(), reason));
        }
        return moves;
    }
}
