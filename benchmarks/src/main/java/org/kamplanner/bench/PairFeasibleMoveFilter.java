package org.kamplanner.bench;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.Tier;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.move.Move;
import ai.timefold.solver.core.impl.heuristic.selector.common.decorator.SelectionFilter;
import ai.timefold.solver.core.impl.heuristic.selector.move.generic.ChangeMove;
import ai.timefold.solver.core.impl.heuristic.selector.move.generic.SwapMove;

/**
 * The value-range lever of the issue, as a move filter: a change or swap move that would put an
 * account on a KAM it can never have (an A-account on an inexperienced KAM, a required expertise the
 * KAM lacks, a forbidden pair) is not evaluated at all. These three hard constraints depend on the
 * pair alone, so the filter removes no move that could ever be part of a feasible plan; moving an
 * account off such a KAM (a warm start that breaks one) stays allowed.
 */
public class PairFeasibleMoveFilter implements SelectionFilter<AssignmentPlan, Move<AssignmentPlan>> {

    @Override
    public boolean accept(ScoreDirector<AssignmentPlan> scoreDirector, Move<AssignmentPlan> move) {
        if (move instanceof ChangeMove<AssignmentPlan> change) {
            return fits((Account) change.getEntity(), (Kam) change.getToPlanningValue());
        }
        if (move instanceof SwapMove<AssignmentPlan> swap) {
            Account left = (Account) swap.getLeftEntity();
            Account right = (Account) swap.getRightEntity();
            return fits(left, right.getKam()) && fits(right, left.getKam());
        }
        return true;
    }

    static boolean fits(Account account, Kam kam) {
        if (kam == null) {
            return true;
        }
        return !(account.getTier() == Tier.A && kam.getExperienceYears() < account.getRequiredExperienceYears())
                && !(account.getSector().isExpertiseRequired() && !kam.hasExpertise(account.getSector()))
                && !account.isForbiddenWith(kam);
    }
}
