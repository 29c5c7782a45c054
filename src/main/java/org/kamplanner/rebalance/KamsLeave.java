package org.kamplanner.rebalance;

import java.util.List;
import java.util.Set;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;

import ai.timefold.solver.core.api.solver.change.ProblemChange;
import ai.timefold.solver.core.api.solver.change.ProblemChangeDirector;

/**
 * KAMs leave a running solve: each becomes inactive, leaves the value range, and its accounts become
 * unassigned, so the solver (which restarts its phases after a problem change) places them again.
 * Accounts pinned on the document to a leaver were refused before (Leavers.check); a pinned account met
 * on a leaver here is one that settings.keepWithIncumbent locked to its incumbent, and that KAM's leaving
 * is exactly what frees it ("unless forced", docs/model.md): it is unpinned and placed again.
 *
 * <p>Timefold does not clone problem fact lists between the working solution and its best-solution
 * clones: the value range list is replaced, never changed in place, or a best solution already handed
 * out would lose the KAM too. The Kam object itself is shared with those clones; flipping its active
 * flag is what docs/model.md says happened to that person, whichever solution one looks at.
 */
public record KamsLeave(List<String> kamIds) implements ProblemChange<AssignmentPlan> {

    @Override
    public void doChange(AssignmentPlan plan, ProblemChangeDirector director) {
        Set<String> leaving = Set.copyOf(kamIds);
        for (Kam kam : plan.getKams()) {
            if (leaving.contains(kam.getId())) {
                director.changeProblemProperty(kam, k -> k.setActive(false));
            }
        }
        // The working solution itself, not a fact to look up; the solver restarts its phases after a
        // problem change, and they read the value range anew.
        plan.setActiveKams(plan.getKams().stream().filter(Kam::isActive).toList());
        for (Account account : plan.getAccounts()) {
            if (account.getKam() != null && leaving.contains(account.getKam().getId())) {
                if (account.isPinned()) {
                    director.changeProblemProperty(account, a -> a.setPinned(false));
                }
                director.changeVariable(account, "kam", a -> a.setKam(null));
            } else if (account.getCurrentKam() != null && leaving.contains(account.getCurrentKam().getId())) {
                // Already with another KAM: no longer a hand-over (its incumbent left), which the score
                // streams learn only when the account itself is announced as changed.
                director.changeProblemProperty(account, a -> { });
            }
        }
    }
}
