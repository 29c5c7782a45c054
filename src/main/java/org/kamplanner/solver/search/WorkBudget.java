package org.kamplanner.solver.search;

import java.util.List;

import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.PlanSettings;

import com.google.ortools.sat.SatParameters;

import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.phase.PhaseConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import ai.timefold.solver.core.impl.score.director.InnerScoreDirector;

/**
 * settings.seed and settings.workBudget: with both, the same document gives the same plan on any machine under
 * any load. Timefold is reproducible for a given random seed as long as nothing it decides depends on the clock,
 * so with a work budget every clock decision in the search becomes a count:
 * <ul>
 * <li>the solve ends after {@code workBudget} evaluated moves: Timefold counts them as score calculations (one
 * per move its construction heuristic and local search evaluate, and one per step), and the CP-SAT phases add
 * their work to that count at {@value #MOVES_PER_DETERMINISTIC_SECOND} per deterministic second
 * ({@link #spend}); terminationSeconds stays as a safety cap (a plan that reaches it is cut where the clock
 * says, and only then can two runs differ); unimprovedSeconds is not used;</li>
 * <li>a phase's own time limit (the first local search's diminished returns and unimproved seconds) becomes
 * {@value #UNIMPROVED_STEPS} steps without a better score;</li>
 * <li>CP-SAT stops by its deterministic time instead of seconds, on one worker (KamSubProblem).</li>
 * </ul>
 * The greedy phase and the construction heuristic decide nothing by the clock. A seed without a budget only
 * changes the random choices: the time limits stay, and with them the load's say in the plan.
 */
public final class WorkBudget {

    /**
     * Evaluated moves that one second of CP-SAT's deterministic time counts for: about what local search
     * evaluates in a second on 2,000–3,000 accounts on the 2-core reference machine (benchmarks/RESULTS.md,
     * "Session 7"), so that a budget buys roughly the same share of either kind of search.
     */
    public static final long MOVES_PER_DETERMINISTIC_SECOND = 200_000;

    /** Steps without a better score that end a local search phase whose own limit is a time. */
    static final int UNIMPROVED_STEPS = 2_000;

    private WorkBudget() {
    }

    /** Whether the plan needs its own solver configuration: a seed or a work budget. */
    public static boolean reproducible(PlanSettings settings) {
        return settings.seed() != null || settings.workBudget() != null;
    }

    /** The configuration with the plan's seed and, under a work budget, every phase's time limit a step count. */
    public static SolverConfig apply(SolverConfig config, PlanSettings settings) {
        if (settings.seed() != null) {
            config.setRandomSeed((long) settings.seed());
        }
        if (settings.workBudget() != null && config.getPhaseConfigList() != null) {
            for (PhaseConfig<?> phase : config.getPhaseConfigList()) {
                if (phase instanceof LocalSearchPhaseConfig || phase instanceof ConstructionHeuristicPhaseConfig) {
                    phase.setTerminationConfig(counted(phase.getTerminationConfig()));
                }
            }
        }
        return config;
    }

    /** The solve's termination: under a work budget the budget, terminationSeconds as the safety cap. */
    public static TerminationConfig termination(TerminationConfig timed, PlanSettings settings) {
        if (settings.workBudget() == null) {
            return timed;
        }
        return new TerminationConfig().withScoreCalculationCountLimit((long) settings.workBudget())
                .withSpentLimit(timed.getSpentLimit());
    }

    /** A phase termination without its clock: any time limit in it replaced by {@link #UNIMPROVED_STEPS}. */
    private static TerminationConfig counted(TerminationConfig termination) {
        if (termination == null) {
            return null;
        }
        TerminationConfig counted = termination.copyConfig();
        boolean timed = counted.getSpentLimit() != null || counted.getUnimprovedSpentLimit() != null
                || counted.getDiminishedReturnsConfig() != null;
        counted.setSpentLimit(null);
        counted.setMillisecondsSpentLimit(null);
        counted.setSecondsSpentLimit(null);
        counted.setMinutesSpentLimit(null);
        counted.setHoursSpentLimit(null);
        counted.setDaysSpentLimit(null);
        counted.setUnimprovedSpentLimit(null);
        counted.setUnimprovedMillisecondsSpentLimit(null);
        counted.setUnimprovedSecondsSpentLimit(null);
        counted.setUnimprovedMinutesSpentLimit(null);
        counted.setUnimprovedHoursSpentLimit(null);
        counted.setUnimprovedDaysSpentLimit(null);
        counted.setUnimprovedScoreDifferenceThreshold(null);
        counted.setDiminishedReturnsConfig(null);
        if (timed && counted.getUnimprovedStepCountLimit() == null) {
            counted.setUnimprovedStepCountLimit(UNIMPROVED_STEPS);
        }
        List<TerminationConfig> children = counted.getTerminationConfigList();
        if (children != null) {
            counted.setTerminationConfigList(children.stream().map(WorkBudget::counted).toList());
        }
        return counted;
    }

    /** Whether this plan's CP-SAT phases count their work: a work budget is set. */
    static boolean counts(AssignmentPlan plan) {
        return plan.getSettings().workBudget() != null;
    }

    /**
     * CP-SAT's limit for one solve: seconds of deterministic time under a work budget (the clock is then the
     * solve's safety cap, which the sub-problem's watcher enforces), else seconds of wall-clock time.
     */
    static void limit(SatParameters.Builder parameters, double seconds, boolean counted) {
        if (counted) {
            parameters.setMaxDeterministicTime(seconds);
        } else {
            parameters.setMaxTimeInSeconds(seconds);
        }
    }

    /**
     * Counts a CP-SAT solve's deterministic seconds against the plan's budget, as score calculations: Timefold's
     * termination reads the score director's count, and the score director's count is what a custom phase can
     * add to (evaluated moves themselves are counted where only Timefold's own phases reach).
     */
    static void spend(InnerScoreDirector<AssignmentPlan, ?> director, double deterministicSeconds) {
        for (long i = Math.round(deterministicSeconds * MOVES_PER_DETERMINISTIC_SECOND); i > 0; i--) {
            director.incrementCalculationCount();
        }
    }
}
