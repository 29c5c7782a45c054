package org.kamplanner.solver.search;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.kamplanner.domain.PlanSettings;

import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * Which search a plan gets (settings.mode). An annual plan is built from scratch; a rebalance starts
 * from a solved plan, places the orphaned accounts of leavers and then looks for the few moves worth
 * their continuity penalty, so it gets its own solver configuration and stops after a few seconds
 * without improvement instead of running the full terminationSeconds. {@link SolverManagers#search}
 * turns a mode and a plan size into the {@link Search}.
 */
public enum SolveMode {

    ANNUAL(null),
    REBALANCE(3L);

    public static final List<String> NAMES = Arrays.stream(values()).map(Enum::name).toList();

    private final Long defaultUnimprovedSeconds;

    SolveMode(Long defaultUnimprovedSeconds) {
        this.defaultUnimprovedSeconds = defaultUnimprovedSeconds;
    }

    /** The mode a document names, or the endpoint's default when it names none (validated before). */
    public static SolveMode of(String name, SolveMode endpointDefault) {
        return name == null ? endpointDefault : valueOf(name);
    }

    /**
     * The plan's termination; terminationSeconds stays the upper bound in every mode. Under a work budget the
     * budget instead of any unimproved time (see {@link WorkBudget}).
     */
    public TerminationConfig termination(PlanSettings settings) {
        TerminationConfig config = settings.termination();
        if (settings.unimprovedSeconds() == null && defaultUnimprovedSeconds != null) {
            config.setUnimprovedSpentLimit(Duration.ofSeconds(defaultUnimprovedSeconds));
        }
        return WorkBudget.termination(config, settings);
    }
}
