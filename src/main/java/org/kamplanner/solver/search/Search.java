package org.kamplanner.solver.search;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.config.constructionheuristic.ConstructionHeuristicPhaseConfig;
import ai.timefold.solver.core.config.heuristic.selector.entity.EntitySelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.composite.UnionMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.ChangeMoveSelectorConfig;
import ai.timefold.solver.core.config.heuristic.selector.move.generic.SwapMoveSelectorConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.localsearch.LocalSearchType;
import ai.timefold.solver.core.config.phase.PhaseConfig;
import ai.timefold.solver.core.config.phase.custom.CustomPhaseConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import ai.timefold.solver.core.config.util.ConfigUtils;

/**
 * The service's three searches. {@value #BASE_RESOURCE} is the one place for what they share: the
 * solution and entity classes, generated accessors, the constraints, the greedy phase, the
 * construction heuristic, the local search moves (change, swap and make-room) and the CP-SAT
 * neighbourhoods between two local search phases ({@link KamNeighbourhoods}). The annual search
 * is that file with its CP-SAT phases in steps (the Spring Boot starter reads it by this name, and
 * {@link AnnualSearchInSteps} makes the same change to the starter's copy); the other two are built
 * from it here, changing only what differs. Each {@link #config()} reads the file afresh, so callers
 * may change the returned configuration (termination, seed, environment mode) freely.
 *
 * <p>{@link SolverManagers#search} picks one for a plan; the benchmarks pick one by {@link #named name}.
 */
public enum Search {

    /**
     * Annual plans up to {@link SolverManagers#LARGE_PLAN_ACCOUNTS} accounts: late acceptance 400, the CP-SAT
     * neighbourhoods in steps (so a whole-plan solve publishes what it finds as it goes).
     */
    ANNUAL,

    /**
     * Annual plans above {@link SolverManagers#LARGE_PLAN_ACCOUNTS} accounts: the same phases and moves
     * without the construction heuristic, the CP-SAT neighbourhoods in steps, and tabu search with Timefold's defaults for it (entity tabu; the forager picks the best of 1,000
     * accepted moves per step) instead of late acceptance. On dach-large it ends 5.6 % better at 30 s;
     * on small plans it misses the optimum that late acceptance finds (benchmarks/RESULTS.md).
     */
    LARGE,

    /**
     * settings.mode REBALANCE (see {@link SolveMode}): the warm start is a solved plan whose accounts
     * carry their KAM as currentKamId, so every move pays Account continuity. The greedy phase places
     * only the orphaned accounts of leavers (everything else is assigned), the construction heuristic
     * whatever the greedy could not place; then the annual local search until no account is left out
     * for want of room, and local search among the orphans for the few moves that pay for themselves.
     */
    REBALANCE;

    /** The solver configuration every search starts from. */
    public static final String BASE_RESOURCE = "solverConfig.xml";

    /** The names {@link #named} accepts, in lower case: annual, large, rebalance. */
    public static final List<String> NAMES =
            Arrays.stream(values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList();

    /**
     * The rebalance placing phase stops at this best score: no hard penalty and every account placed
     * (medium 0), whatever the soft score.
     */
    static final String PLACED = HardMediumSoftLongScore.of(0, 0, Long.MIN_VALUE).toString();

    /**
     * Steps of a neighbourhood phase in the large search at most: more kept changes than any solve of up to an
     * hour makes on a large plan (a step ends with a kept change; rounds take 0.05–1 s).
     */
    static final int NEIGHBOURHOOD_STEPS = 5_000;

    /** A new solver configuration for this search, without termination (each plan brings its own). */
    public SolverConfig config() {
        SolverConfig config = SolverConfig.createFromXmlResource(BASE_RESOURCE);
        List<PhaseConfig> phases = config.getPhaseConfigList();
        if (phases == null || phases.size() != 6 || !(phases.get(0) instanceof CustomPhaseConfig)
                || !(phases.get(1) instanceof ConstructionHeuristicPhaseConfig)
                || !(phases.get(2) instanceof CustomPhaseConfig)
                || !(phases.get(3) instanceof LocalSearchPhaseConfig)
                || !(phases.get(4) instanceof CustomPhaseConfig)
                || !(phases.get(5) instanceof LocalSearchPhaseConfig)) {
            throw new IllegalStateException(BASE_RESOURCE + " must have a custom phase (greedy), a construction"
                    + " heuristic, a custom phase (CP-SAT neighbourhoods for coverage), a local search phase, a custom"
                    + " phase (CP-SAT neighbourhoods) and a local search phase, in this order, for the searches built"
                    + " from it; it has "
                    + (phases == null ? "none" : phases.stream().map(p -> p.getClass().getSimpleName()).toList()));
        }
        LocalSearchPhaseConfig lateAcceptance = (LocalSearchPhaseConfig) phases.get(3);
        return switch (this) {
            case ANNUAL -> neighbourhoodsInSteps(config);
            // No construction heuristic: after the greedy phase it places nothing (the greedy leaves an account
            // out only when every KAM has a hard obstacle, and unassigned then scores better), yet on 1,500 ×
            // 14,000 it took 1.6–8 s to find that (benchmarks/RESULTS.md, "Session 7").
            case LARGE -> config.withPhases(withCoverageRepair((CustomPhaseConfig) phases.get(0)), inSteps((CustomPhaseConfig) phases.get(2)),
                    tabu(lateAcceptance), inSteps((CustomPhaseConfig) phases.get(4)),
                    tabu((LocalSearchPhaseConfig) phases.get(5)));
            // No neighbourhoods: re-solving whole KAMs would move accounts that a rebalance keeps.
            case REBALANCE -> config.withPhases(phases.get(0), phases.get(1), placing(lateAcceptance), amongOrphans());
        };
    }

    /** The search of this name, in any case: annual, large or rebalance. */
    public static Search named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("No search named " + name + "; the searches are " + NAMES, e);
        }
    }

    /**
     * The annual search's phases as the file has them but for its two CP-SAT neighbourhood phases, which run in
     * steps ({@link #inSteps}); for {@link #config()} and for the Spring Boot starter's configuration of the same
     * file ({@link AnnualSearchInSteps}), whose other settings stay as they are.
     */
    static SolverConfig neighbourhoodsInSteps(SolverConfig config) {
        List<PhaseConfig> phases = new ArrayList<>(config.getPhaseConfigList());
        phases.set(2, inSteps((CustomPhaseConfig) phases.get(2)));
        phases.set(4, inSteps((CustomPhaseConfig) phases.get(4)));
        config.setPhaseConfigList(phases);
        return config;
    }

    /**
     * A CP-SAT neighbourhood phase as {@value #NEIGHBOURHOOD_STEPS} steps that each end with a kept change, so
     * every improvement is published as it is found ({@link KamNeighbourhoods#steps}). The steps are built once
     * per configuration and shared by the solves of a SolverFactory; each solve's rounds are kept apart.
     */
    private static CustomPhaseConfig inSteps(CustomPhaseConfig phase) {
        KamNeighbourhoods neighbourhoods = ConfigUtils.newInstance(phase, "customPhaseCommandClass",
                KamNeighbourhoods.class);
        ConfigUtils.applyCustomProperties(neighbourhoods, "customPhaseCommandClass", phase.getCustomProperties(),
                "customProperties");
        // Timefold has no termination for a custom phase that its command could trigger (an unimproved step
        // count is refused there): the steps after the rounds have ended are empty, 10,000 took 0.4 s on 2,200
        // accounts.
        return new CustomPhaseConfig().withCustomPhaseCommandList(neighbourhoods.steps(NEIGHBOURHOOD_STEPS))
                .withTerminationConfig(phase.getTerminationConfig());
    }

    /**
     * The greedy phase, then on plans above {@link KamNeighbourhoods#LARGE_PLAN_ACCOUNTS} accounts make-room
     * chains for what it left out ({@link GreedyAssignment#setCoverageRepairAbove}).
     */
    private static CustomPhaseConfig withCoverageRepair(CustomPhaseConfig greedy) {
        Map<String, String> properties = new HashMap<>();
        if (greedy.getCustomProperties() != null) {
            properties.putAll(greedy.getCustomProperties());
        }
        properties.put("coverageRepairAbove", String.valueOf(KamNeighbourhoods.LARGE_PLAN_ACCOUNTS));
        CustomPhaseConfig repairing = greedy.copyConfig();
        repairing.setCustomProperties(properties);
        return repairing;
    }

    /** A late acceptance phase with tabu search instead: its moves and termination kept. */
    private static LocalSearchPhaseConfig tabu(LocalSearchPhaseConfig lateAcceptance) {
        LocalSearchPhaseConfig tabu = lateAcceptance.copyConfig();
        // Timefold takes its tabu acceptor and forager from the type only when neither is configured.
        tabu.setAcceptorConfig(null);
        tabu.setForagerConfig(null);
        return tabu.withLocalSearchType(LocalSearchType.TABU_SEARCH);
    }

    /**
     * Only when the orphans did not all fit (or the plan is infeasible): the annual local search, change
     * + swap over all accounts and make-room moves (an unassigned account comes in, whoever is in the
     * way moves on), until every account is placed without a hard penalty. On a plan where the orphans
     * fit it ends at once.
     */
    private static LocalSearchPhaseConfig placing(LocalSearchPhaseConfig lateAcceptance) {
        return lateAcceptance.copyConfig().withTerminationConfig(new TerminationConfig().withBestScoreLimit(PLACED));
    }

    /**
     * Moves among the orphans only: an orphan changes KAM, or two orphans swap; Timefold's default
     * acceptor and forager. Measured on dach-large with one leaver (benchmarks/rebalance/RESULTS.md):
     * the default change + swap over all accounts re-optimized the whole source plan (7 to 26 chosen
     * moves besides 31 forced ones), and swaps of an orphan with any account still made up to 21
     * chosen moves besides 36 forced ones; the soft score those bought was under 0.1 %.
     */
    private static LocalSearchPhaseConfig amongOrphans() {
        return new LocalSearchPhaseConfig().withMoveSelectorConfig(new UnionMoveSelectorConfig().withMoveSelectors(
                new ChangeMoveSelectorConfig().withEntitySelectorConfig(orphans()),
                new SwapMoveSelectorConfig().withEntitySelectorConfig(orphans())
                        .withSecondaryEntitySelectorConfig(orphans())));
    }

    private static EntitySelectorConfig orphans() {
        return new EntitySelectorConfig().withFilterClass(OrphanFilter.class);
    }
}
