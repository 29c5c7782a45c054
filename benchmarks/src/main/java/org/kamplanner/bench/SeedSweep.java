package org.kamplanner.bench;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Tier;
import org.kamplanner.solver.search.Search;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * One solver configuration, several random seeds: the benchmarker runs each configuration with one
 * seed, and on over-full plans one seed can land in a deep local optimum or just miss it, so a
 * variant is judged by its spread over seeds.
 *
 * <pre>
 * SeedSweep [--seconds 30 | --moves N] [--seeds 3] [--search annual|large|rebalance | --config FILE] dataset...
 * </pre>
 *
 * {@code --search} names one of the service's searches, built by {@link Search#config()} as the service
 * builds it (default: annual); {@code --config} reads any solver configuration XML, a file or else a
 * class-path resource.
 */
public final class SeedSweep {

    public static void main(String[] args) {
        long seconds = 30;
        int seeds = 3;
        Search search = null;
        String config = null;
        Long moves = null;
        List<String> datasets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--search" -> search = Search.named(args[++i]);
                case "--config" -> config = args[++i];
                case "--moves" -> moves = Long.parseLong(args[++i]);
                default -> datasets.add(args[i]);
            }
        }
        if (search != null && config != null) {
            throw new IllegalArgumentException("--search and --config exclude each other");
        }
        if (search == null && config == null) {
            search = Search.ANNUAL;
        }
        String label = search != null ? search.name().toLowerCase(Locale.ROOT) : new File(config).getName();
        PlanDocumentFileIO io = new PlanDocumentFileIO();
        for (String dataset : datasets) {
            File file = BenchmarkRunner.datasetFile(dataset);
            for (int seed = 0; seed < seeds; seed++) {
                SolverConfig solverConfig = (search != null ? search.config() : fromXml(config))
                        .withRandomSeed((long) seed);
                // A move count instead of a time makes a run repeatable on any machine and under load.
                solverConfig.setTerminationConfig(moves == null
                        ? new TerminationConfig().withSpentLimit(Duration.ofSeconds(seconds))
                        : new TerminationConfig().withMoveCountLimit(moves));
                AssignmentPlan solved = SolverFactory.<AssignmentPlan>create(solverConfig).buildSolver()
                        .solve(io.read(file));
                HardMediumSoftLongScore score = solved.getScore();
                Map<Tier, Long> leftOut = solved.getAccounts().stream().filter(a -> a.getKam() == null)
                        .collect(Collectors.groupingBy(Account::getTier, () -> new EnumMap<>(Tier.class),
                                Collectors.counting()));
                System.out.printf(Locale.ROOT, "SWEEP %-22s %-28s seed %d %s  %s  unassigned %s%s%n", dataset,
                        label, seed, moves == null ? seconds + " s" : moves + " moves", score,
                        leftOut, gapToBestKnown(dataset, score));
            }
        }
    }

    /** For a GAP instance with a best-known cost: how far the plan's cost is above it (every job placed). */
    static String gapToBestKnown(String dataset, HardMediumSoftLongScore score) {
        Long best = GapInstances.bestKnown(dataset);
        if (best == null) {
            return "";
        }
        if (score.hardScore() != 0 || score.mediumScore() != 0) {
            return "  (not a GAP solution: some job unplaced or over capacity)";
        }
        return String.format(Locale.ROOT, "  cost %d, best known %d, gap %.2f %%", -score.softScore(), best,
                100.0 * (-score.softScore() - best) / best);
    }

    /** A solver configuration XML: a file, or else a class-path resource. */
    static SolverConfig fromXml(String config) {
        if (new File(config).isFile()) {
            return SolverConfig.createFromXmlFile(new File(config));
        }
        if (SeedSweep.class.getClassLoader().getResource(config) == null) {
            throw new IllegalArgumentException("No solver configuration file or resource " + config
                    + "; the service's searches are --search " + String.join("|", Search.NAMES));
        }
        return SolverConfig.createFromXmlResource(config);
    }
}
