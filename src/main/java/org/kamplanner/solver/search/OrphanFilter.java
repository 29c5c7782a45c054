package org.kamplanner.solver.search;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.impl.heuristic.selector.common.decorator.SelectionFilter;

/**
 * The accounts a rebalance is about: those without a KAM to stay with (their incumbent left, or they
 * had none). Rebalance local search moves these, and swaps them with any other account, instead of
 * re-optimizing the whole plan (see Search.REBALANCE and benchmarks/rebalance/RESULTS.md).
 */
public class OrphanFilter implements SelectionFilter<AssignmentPlan, Account> {

    @Override
    public boolean accept(ScoreDirector<AssignmentPlan> scoreDirector, Account account) {
        return account.getCurrentKam() == null || !account.getCurrentKam().isActive();
    }
}
