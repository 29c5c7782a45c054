package org.kamplanner.frontier;

import java.util.ArrayList;
import java.util.List;

import org.kamplanner.words.Words;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * What each step along the frontier buys, in the reader's language: between neighbouring points whose plans
 * completed (by cap, no cap last; a plan still solving would speak of its best so far), the hand-overs it adds and how the utilization spread (highest − lowest
 * utilization, in percentage points) and the workload penalty change.
 */
public final class FrontierSteps {

    private FrontierSteps() {
    }

    public static List<FrontierStep> of(List<FrontierPoint> pointsByCap) {
        List<FrontierPoint> solved = pointsByCap.stream().filter(p -> "COMPLETED".equals(p.status())
                && p.handOvers() != null && p.spreadPoints() != null).toList();
        List<FrontierStep> steps = new ArrayList<>();
        for (int i = 1; i < solved.size(); i++) {
            FrontierPoint from = solved.get(i - 1);
            FrontierPoint to = solved.get(i);
            steps.add(new FrontierStep(from.maxMovedAccounts(), to.maxMovedAccounts(), sentence(from, to)));
        }
        return steps;
    }

    static String sentence(FrontierPoint from, FrontierPoint to) {
        int more = to.handOvers() - from.handOvers();
        String handOvers = more > 0 ? Words.text("frontier.step.more", more)
                : more < 0 ? Words.text("frontier.step.fewer", -more) : Words.text("frontier.step.same");
        String sentence = Words.text("frontier.step.spread", handOvers, from.spreadPoints(), to.spreadPoints());
        if (from.workloadPenalty() != null && to.workloadPenalty() != null) {
            sentence = Words.text("frontier.step.workload", sentence, from.workloadPenalty(), to.workloadPenalty());
        }
        // A tight cap can leave no plan within every hard rule (the incumbents alone may break one): said, as
        // the figures of such a plan are not a price of the cap alone.
        for (FrontierPoint p : List.of(from, to)) {
            if (p.score() != null && HardMediumSoftLongScore.parseScore(p.score()).hardScore() < 0) {
                sentence = Words.text("frontier.step.infeasible", sentence, p.maxMovedAccounts() == null
                        ? Words.text("frontier.step.noCap") : p.maxMovedAccounts(), p.score());
            }
        }
        return sentence;
    }
}
