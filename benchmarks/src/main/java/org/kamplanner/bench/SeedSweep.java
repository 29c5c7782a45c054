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
 * SeedSweep [--seconds 30 | --moves N] [--seeds 3] [--config solverConfig.xml|FILE] dataset...
 * </pre>
 */
public final class SeedSweep {

    public static void main(String[] args) {
        long seconds = 30;
        int seeds = 3;
        String config = "solverConfig.xml";
        Long moves = null;
        List<String> datasets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--config" -> config = args[++i];
                case "--moves" -> moves = Long.parseLong(args[++i]);
                default -> datasets.add(args[i]);
            }
        }
        PlanDocumentFileIO io = new PlanDocumentFileIO();
        for (String dataset : datasets) {
            File file = BenchmarkRunner.datasetFile(dataset);
            for (int seed = 0; seed < seeds; seed++) {
                SolverConfig solverConfig = (new File(config).isFile()
                        ? SolverConfig.createFromXmlFile(new File(config))
                        : SolverConfig.createFromXmlResource(config))
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
                System.out.printf(Locale.ROOT, "SWEEP %-22s %-28s seed %d %s  %s  unassigned %s%n", dataset,
                        new File(config).getName(), seed, moves == null ? seconds + " s" : moves + " moves", score,
                        leftOut);
            }
        }
    }
}
