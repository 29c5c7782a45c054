package org.kamplanner.bench;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.kamplanner.bound.LowerBound;
import org.kamplanner.bound.PlanBound;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.solver.search.Search;

import ai.timefold.solver.benchmark.api.PlannerBenchmarkFactory;
import ai.timefold.solver.benchmark.config.PlannerBenchmarkConfig;
import ai.timefold.solver.benchmark.config.SolverBenchmarkConfig;
import ai.timefold.solver.benchmark.config.statistic.ProblemStatisticType;
import ai.timefold.solver.benchmark.impl.DefaultPlannerBenchmark;
import ai.timefold.solver.benchmark.impl.result.SingleBenchmarkResult;
import ai.timefold.solver.benchmark.impl.result.SolverBenchmarkResult;
import ai.timefold.solver.benchmark.impl.result.SubSingleBenchmarkResult;
import ai.timefold.solver.benchmark.impl.statistic.SubSingleStatistic;
import ai.timefold.solver.benchmark.impl.statistic.bestscore.BestScoreStatisticPoint;
import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * The entry point of benchmarks/run.sh: loads benchmarks/benchmarkConfig.xml, adds the service's own
 * searches, sets the datasets and the time limit from the command line, runs Timefold's benchmarker
 * (which writes its HTML report) and prints a plain-text table of the results.
 *
 * <pre>
 * BenchmarkRunner [--seconds N] [--moves N] [--only NAME]... [--search annual|large|rebalance]...
 *                 [--config FILE] [--bound-seconds N] [dataset...]
 * </pre>
 *
 * The service's searches are not copied into benchmarkConfig.xml: each is built by {@link Search#config()},
 * as the service builds it, and runs as "Service NAME". Without {@code --only} and {@code --search},
 * every configuration of the file runs, and the service's annual and large searches. With either, only
 * what they name: {@code --only} a configuration of the file, {@code --search} a service search.
 * {@code --config FILE} reads another benchmark configuration instead of benchmarks/benchmarkConfig.xml.
 *
 * A dataset is a file path, or a name looked up as datasets/NAME.json, then benchmarks/data/NAME.json.
 * {@code --moves N} ends every solve after N evaluated moves instead of after a time: the score
 * calculation micro-benchmark, where the move evaluation speed is the figure that matters.
 *
 * The table's "bound" is the plan bound of the dataset (org.kamplanner.bound, docs/bound.md): the least
 * medium penalty of any plan with hard score 0 / the least soft penalty of any such plan with at most the
 * configuration's medium penalty, computed once per dataset and medium penalty reached, within
 * {@code --bound-seconds N} (60; 0 leaves the columns out), with its seconds. "gap to bound": the
 * configuration's medium penalty above the medium bound / its softGapPercent as the API defines it.
 */
public final class BenchmarkRunner {

    static final List<String> DEFAULT_DATASETS = List.of("dach-small", "dach-medium", "dach-large");

    /** The service's searches that run when neither --only nor --search picks any. */
    static final List<Search> DEFAULT_SEARCHES = List.of(Search.ANNUAL, Search.LARGE);

    public static void main(String[] args) throws IOException {
        long seconds = 30;
        Long moves = null;
        List<String> only = new ArrayList<>();
        List<Search> searches = new ArrayList<>();
        long boundSeconds = 60;
        File configFile = new File("benchmarks/benchmarkConfig.xml");
        List<String> datasets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--moves" -> moves = Long.parseLong(args[++i]);
                case "--only" -> only.add(args[++i]);
                case "--search" -> searches.add(Search.named(args[++i]));
                case "--config" -> configFile = new File(args[++i]);
                case "--bound-seconds" -> boundSeconds = Long.parseLong(args[++i]);
                default -> datasets.add(args[i]);
            }
        }
        if (datasets.isEmpty()) {
            datasets.addAll(DEFAULT_DATASETS);
        }

        PlannerBenchmarkConfig config = PlannerBenchmarkConfig.createFromXmlFile(configFile);
        List<File> files = datasets.stream().map(BenchmarkRunner::datasetFile).toList();
        config.getInheritedSolverBenchmarkConfig().getProblemBenchmarksConfig().setInputSolutionFileList(files);
        TerminationConfig termination = moves != null ? new TerminationConfig().withMoveCountLimit(moves)
                : new TerminationConfig().withSpentLimit(Duration.ofSeconds(seconds));
        config.getInheritedSolverBenchmarkConfig().getSolverConfig().setTerminationConfig(termination);
        List<SolverBenchmarkConfig> fromFile = new ArrayList<>();
        if (only.isEmpty() && searches.isEmpty()) {
            searches.addAll(DEFAULT_SEARCHES);
            fromFile.addAll(config.getSolverBenchmarkConfigList());
        }
        String file = configFile.getPath();
        for (String name : only) {
            fromFile.add(config.getSolverBenchmarkConfigList().stream().filter(b -> b.getName().equals(name))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("No solverBenchmark named " + name
                            + " in " + file + "; the service's own searches are --search "
                            + String.join("|", Search.NAMES))));
        }
        List<SolverBenchmarkConfig> benchmarks = new ArrayList<>();
        List<Class<?>> inheritedEntities =
                config.getInheritedSolverBenchmarkConfig().getSolverConfig().getEntityClassList();
        for (Search search : searches.stream().distinct().toList()) {
            benchmarks.add(serviceBenchmark(search, inheritedEntities));
        }
        benchmarks.addAll(fromFile);
        config.setSolverBenchmarkConfigList(benchmarks);

        DefaultPlannerBenchmark benchmark =
                (DefaultPlannerBenchmark) PlannerBenchmarkFactory.create(config).buildPlannerBenchmark();
        benchmark.benchmark();
        File reportDirectory = benchmark.getPlannerBenchmarkResult().getBenchmarkReportDirectory();
        String limit = moves != null ? moves + " moves" : seconds + " s";
        String table = summary(benchmark, limit, Duration.ofSeconds(boundSeconds));
        Path summaryFile = reportDirectory.toPath().resolve("summary.txt");
        Files.writeString(summaryFile, table, StandardCharsets.UTF_8);
        PrintStream out = System.out;
        out.println();
        out.print(table);
        out.println();
        out.println("HTML report: " + new File(reportDirectory, "index.html").getAbsolutePath());
        out.println("This table:  " + summaryFile.toAbsolutePath());
    }

    /**
     * The service's search as a solver benchmark named "Service NAME". The benchmarker lays the inherited
     * solver configuration under it (termination, and the same solution class and constraints); entity
     * classes are merged, not overwritten, so the inherited ones are left out here rather than listed twice.
     */
    static SolverBenchmarkConfig serviceBenchmark(Search search, List<Class<?>> inheritedEntities) {
        SolverConfig solver = search.config();
        if (inheritedEntities != null) {
            solver.setEntityClassList(solver.getEntityClassList().stream()
                    .filter(c -> !inheritedEntities.contains(c)).collect(Collectors.toCollection(ArrayList::new)));
        }
        return new SolverBenchmarkConfig()
                .withName("Service " + search.name().toLowerCase(Locale.ROOT))
                .withSolverConfig(solver);
    }

    static File datasetFile(String name) {
        if (GapInstances.names(name)) {
            return GapInstances.documentFile(name);
        }
        if (FamilyDatasets.names(name)) {
            return FamilyDatasets.documentFile(name);
        }
        for (File candidate : List.of(new File(name), new File("datasets/" + name + ".json"),
                new File("benchmarks/data/" + name + ".json"))) {
            if (candidate.isFile()) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("No dataset file " + name + " (nor datasets/" + name
                + ".json, nor benchmarks/data/" + name + ".json)");
    }

    /** One line per configuration and dataset: best score, speeds, and when the best was first feasible. */
    static String summary(DefaultPlannerBenchmark benchmark, String limit, Duration boundLimit) {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Limit per solve: %s; %d cores; %s%n", limit,
                Runtime.getRuntime().availableProcessors(), java.time.OffsetDateTime.now().withNano(0)));
        String format = "%-28s %-22s %-34s %12s %12s %10s %5s %28s %18s%n";
        text.append(String.format(Locale.ROOT, format, "configuration", "dataset", "best score",
                "score calc/s", "move eval/s", "feasible@", "rank", "bound (medium / soft, s)", "gap to bound"));
        Map<String, PlanBound> bounds = new HashMap<>();
        for (SolverBenchmarkResult solver : benchmark.getPlannerBenchmarkResult().getSolverBenchmarkResultList()) {
            for (SingleBenchmarkResult single : solver.getSingleBenchmarkResultList()) {
                String score = single.hasAnyFailure() ? "FAILED" : String.valueOf(single.getAverageScore());
                String[] bound = boundColumns(single, bounds, boundLimit);
                text.append(String.format(Locale.ROOT, format, solver.getName(),
                        single.getProblemBenchmarkResult().getName(), score,
                        orDash(single.getScoreCalculationSpeed()), orDash(single.getMoveEvaluationSpeed()),
                        firstFeasible(single), single.getRanking() == null ? "-" : single.getRanking(),
                        bound[0], bound[1]));
            }
        }
        return text.toString();
    }

    /**
     * The "bound" and "gap to bound" of one configuration on one dataset. The soft bound depends on the
     * medium penalty M reached (it covers plans with medium at most M), so it is computed once per dataset
     * and M, from the dataset as read and the configuration's score (LowerBound needs no assignment).
     */
    static String[] boundColumns(SingleBenchmarkResult single, Map<String, PlanBound> bounds, Duration limit) {
        if (limit.isZero() || single.hasAnyFailure()
                || !(single.getAverageScore() instanceof HardMediumSoftLongScore score)) {
            return new String[] { "-", "-" };
        }
        var problem = single.getProblemBenchmarkResult();
        long medium = -score.mediumScore();
        PlanBound bound = bounds.computeIfAbsent(problem.getName() + "@" + medium, key -> new LowerBound()
                .computeWithDetails((AssignmentPlan) problem.getProblemProvider().readProblem(), score, limit)
                .bound());
        if (bound.status() != PlanBound.Status.PROVEN) {
            return new String[] { bound.status() + String.format(Locale.ROOT, " (%.1f s)", bound.seconds()), "-" };
        }
        String soft = bound.softPenalty() == null ? "-" : String.format(Locale.ROOT, "%,d", bound.softPenalty());
        Double softGap = score.hardScore() == 0 ? PlanBound.gapPercent(-score.softScore(), bound.softPenalty()) : null;
        return new String[] {
                String.format(Locale.ROOT, "%,d / %s (%.1f s)", bound.mediumPenalty(), soft, bound.seconds()),
                score.hardScore() != 0 ? "hard broken" : String.format(Locale.ROOT, "+%,d / %s",
                        medium - bound.mediumPenalty(), softGap == null ? "-" : softGap + " %") };
    }

    private static String orDash(Long value) {
        return value == null ? "-" : String.format(Locale.ROOT, "%,d", value);
    }

    /** When the best solution first was feasible (hard 0), from the best-score statistic; "never" if not. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    static String firstFeasible(SingleBenchmarkResult single) {
        if (single.getSubSingleBenchmarkResultList().isEmpty()) {
            return "-";
        }
        SubSingleBenchmarkResult sub = single.getSubSingleBenchmarkResultList().get(0);
        SubSingleStatistic statistic = sub.getEffectiveSubSingleStatisticMap().get(ProblemStatisticType.BEST_SCORE);
        if (statistic == null) {
            return "-";
        }
        if (statistic.getPointList() == null) {
            statistic.unhibernatePointList();
        }
        for (BestScoreStatisticPoint point : (List<BestScoreStatisticPoint>) statistic.getPointList()) {
            if (point.isInitialized() && point.getScore().isFeasible()) {
                return String.format(Locale.ROOT, "%.2f s", point.getTimeMillisSpent() / 1000.0);
            }
        }
        return "never";
    }

    private BenchmarkRunner() {
    }
}
