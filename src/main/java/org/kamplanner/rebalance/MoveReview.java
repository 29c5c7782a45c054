package org.kamplanner.rebalance;

import java.util.Map;

import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.explain.MoveGain;
import org.kamplanner.explain.MoveGains;
import org.springframework.stereotype.Component;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;

/**
 * The last step of a rebalance: every chosen move (an account moved away from an incumbent who is still
 * active) is checked by moving that one account back ({@link MoveGains}, on Timefold's incremental score
 * director). A move that does not make the score strictly better is undone, so a rebalance never hands an
 * account over for nothing; then what each kept move buys is measured on the plan as it ends.
 */
@Component
public class MoveReview {

    /**
     * What each kept move bought (by account id, as figures: the sentence is worded when a plan is read, in
     * that request's language) and how many moves were undone.
     */
    public record Result(Map<String, MoveGain> gains, int undone) {
    }

    private final SolutionManager<AssignmentPlan, HardMediumSoftLongScore> solutionManager;
    private final MoveGains moveGains;

    public MoveReview(SolutionManager<AssignmentPlan, HardMediumSoftLongScore> solutionManager) {
        this.solutionManager = solutionManager;
        this.moveGains = new MoveGains(solutionManager);
    }

    /** Checks the chosen moves of this plan in place: undoes those that buy nothing, leaves the plan scored. */
    public Result review(AssignmentPlan plan) {
        int undone = moveGains.undoUseless(plan);
        Map<String, MoveGain> gains = moveGains.of(plan);
        solutionManager.update(plan);
        return new Result(gains, undone);
    }
}
