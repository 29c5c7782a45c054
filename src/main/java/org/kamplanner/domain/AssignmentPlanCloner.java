package org.kamplanner.domain;

import java.util.ArrayList;
import java.util.List;

import ai.timefold.solver.core.api.domain.solution.cloner.SolutionCloner;

/**
 * Timefold's planning clone of a plan: new accounts (the only thing the solver changes), everything
 * else shared. Written by hand because the generated (Gizmo) cloner needs public fields, and it is
 * also the cheapest clone there is: one copy per account, facts and cost arrays shared.
 */
public class AssignmentPlanCloner implements SolutionCloner<AssignmentPlan> {

    @Override
    public AssignmentPlan cloneSolution(AssignmentPlan original) {
        List<Account> accounts = new ArrayList<>(original.getAccounts().size());
        for (Account account : original.getAccounts()) {
            accounts.add(account.copy(account.isPinned()));
        }
        AssignmentPlan clone = original.withAccounts(accounts);
        clone.setActiveKams(original.getActiveKams());
        clone.setScore(original.getScore());
        return clone;
    }
}
