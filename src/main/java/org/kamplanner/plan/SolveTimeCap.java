package org.kamplanner.plan;

import java.time.Duration;

import org.kamplanner.domain.PlanSettings;

import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * The server's cap on one solve (kam-planner.solver.max-solve-time), whatever the document asks: a few
 * plans with a day-long time limit would otherwise hold every solver thread and the queue for everyone else.
 */
record SolveTimeCap(Duration max) {

    /** The plan's warning when its time limit is over the cap; null when within it. */
    String warning(PlanSettings settings) {
        return settings.terminationSeconds() <= max.toSeconds() ? null
                : "settings.terminationSeconds %d is over this service's cap of %d s: solving stops after %d s"
                        .formatted(settings.terminationSeconds(), max.toSeconds(), max.toSeconds());
    }

    /** The solve's termination with its time limit cut to the cap, or set to it when it has none. */
    TerminationConfig applyTo(TerminationConfig termination) {
        Duration spent = termination.getSpentLimit();
        if (spent == null || spent.compareTo(max) > 0) {
            termination.setSpentLimit(max);
        }
        return termination;
    }
}
