package org.kamplanner.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.kamplanner.KamPlannerApplication;
import org.kamplanner.bound.LowerBound;
import org.kamplanner.bound.PlanBound;
import org.kamplanner.data.DatasetGenerator;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanReport;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.explain.PlanAnalysis;
import org.kamplanner.explain.PlanExplainer;
import org.kamplanner.solver.search.SolveMode;
import org.kamplanner.solver.search.SolverManagers;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * The command line of the same jar: {@code solve}, {@code analyze} and {@code generate} run without
 * the web server. solve and analyze start Spring without a web server, so they use exactly the
 * service's solver configuration, validation and JSON settings.
 */
@Command(name = "kam-planner", mixinStandardHelpOptions = true,
        description = "Assigns customer accounts to key account managers.",
        subcommands = { KamPlannerCli.Solve.class, KamPlannerCli.Analyze.class, KamPlannerCli.Generate.class,
                RebalanceCommand.class })
public class KamPlannerCli {

    private static final Set<String> COMMANDS = Set.of("solve", "analyze", "generate", "rebalance", "--help", "-h", "--version", "-V");

    public static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.contains(args[0]);
    }

    public static int run(String[] args) {
        return new CommandLine(new KamPlannerCli()).execute(args);
    }

    static ConfigurableApplicationContext startSpring() {
        return new SpringApplicationBuilder(KamPlannerApplication.class)
                .web(WebApplicationType.NONE)
                .bannerMode(Banner.Mode.OFF)
                .logStartupInfo(false)
                // Timefold's own lines (phases, "Solving ended" with the score calculation speed) stay.
                .properties("logging.level.root=WARN", "logging.level.ai.timefold.solver=INFO",
                        // The command line touches no database: only the beans it asks for are made.
                        "spring.main.lazy-initialization=true",
                        "spring.autoconfigure.exclude=org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration,"
                                + "org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration")
                .run();
    }

    /** Reads and validates a plan document; problems go to stderr, as the API would list them. */
    static PlanDocument read(ConfigurableApplicationContext spring, Path file) throws IOException {
        PlanDocument document = spring.getBean(ObjectMapper.class).readValue(file.toFile(), PlanDocument.class);
        spring.getBean(PlanValidator.class).validate(document);
        return document;
    }

    static int invalid(InvalidPlanException e) {
        System.err.println("Invalid plan:");
        e.problems().forEach(p -> System.err.println("  " + p.path() + ": " + p.message()));
        return 2;
    }

    @Command(name = "solve", mixinStandardHelpOptions = true,
            description = "Solve a plan document and write the solved document.")
    static class Solve implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "the plan document (JSON)")
        Path file;

        @Option(names = "--seconds", description = "solving time; default: the document's settings.terminationSeconds, else 30 s, one second per 100 accounts above 3,000 (at most 300)")
        Long seconds;

        @Option(names = "--output", description = "where to write the solved document; default: FILE with -solved.json")
        Path output;

        @Option(names = "--bound-seconds", description = "time for the quality certificate after solving (0: none); default 60")
        long boundSeconds = 60;

        @Override
        public Integer call() throws IOException {
            try (ConfigurableApplicationContext spring = startSpring()) {
                PlanDocument document = read(spring, file);
                PlanFactory.Built built = PlanFactory.build(document);
                AssignmentPlan problem = built.plan();
                // The search the service would pick: settings.mode, and tabu search for large plans.
                SolveMode mode = SolveMode.of(document.settings() == null ? null : document.settings().mode(),
                        SolveMode.ANNUAL);
                TerminationConfig termination = mode.termination(problem.getSettings());
                if (seconds != null) {
                    termination.setSpentLimit(Duration.ofSeconds(seconds));
                }
                Solver<AssignmentPlan> solver = SolverFactory.<AssignmentPlan>create(
                        SolverManagers.config(mode, problem.getAccounts().size()).withTerminationConfig(termination))
                        .buildSolver();
                long start = System.nanoTime();
                System.out.printf("Solving %s: %d KAMs, %d accounts, %s s%n", file, problem.getKams().size(),
                        problem.getAccounts().size(), termination.getSpentLimit().toSeconds());
                built.warnings().forEach(w -> System.out.println("warning: " + w));
                double[] firstFeasible = { Double.NaN };
                solver.addEventListener(event -> {
                    double at = (System.nanoTime() - start) / 1e9;
                    if (Double.isNaN(firstFeasible[0]) && event.getNewBestScore().isFeasible()) {
                        firstFeasible[0] = at;
                    }
                    System.out.printf(Locale.ROOT, "%7.1f s  %s%n", at, event.getNewBestScore());
                });
                AssignmentPlan solved = solver.solve(problem);
                printKamTable(System.out, solved);
                System.out.printf(Locale.ROOT, "first feasible after %.1f s%n", firstFeasible[0]);
                PlanDocument result = PlanReport.document(document, solved, null, "COMPLETED", built.warnings(), null);
                if (boundSeconds > 0) {
                    PlanBound bound = new LowerBound().compute(solved, Duration.ofSeconds(boundSeconds));
                    System.out.println(boundLine(bound));
                    result = result.withSummary(result.summary().withBound(bound));
                }
                Path target = output != null ? output
                        : file.resolveSibling(file.getFileName().toString().replaceFirst("(\\.json)?$", "-solved.json"));
                spring.getBean(ObjectMapper.class).copy().enable(SerializationFeature.INDENT_OUTPUT)
                        .writeValue(target.toFile(), result);
                System.out.println("Score " + solved.getScore() + "; written to " + target);
                return 0;
            } catch (InvalidPlanException e) {
                return invalid(e);
            }
        }
    }

    /** "bound: within 1.84 % of the best possible plan for this coverage (LP relaxation, 5.2 s)". */
    static String boundLine(PlanBound bound) {
        return switch (bound.status()) {
            case COMPUTING -> "bound: computing";
            case UNAVAILABLE -> "bound: unavailable: " + bound.reason();
            case PROVEN -> String.format(Locale.ROOT, "bound: %s; medium penalty at least %d, soft penalty at least %s "
                    + "(%s, %.1f s)%s", bound.softGapPercent() == null ? "no soft gap"
                            : String.format(Locale.ROOT, "within %.2f %% of the best possible plan for this coverage",
                                    bound.softGapPercent()),
                    bound.mediumPenalty(), bound.softPenalty() == null ? "–" : String.format(Locale.ROOT, "%,d",
                            bound.softPenalty()), bound.method(), bound.seconds(),
                    bound.reason() == null ? "" : "; " + bound.reason());
        };
    }

    static void printKamTable(PrintStream out, AssignmentPlan plan) {
        PlanDocument.Summary summary = PlanReport.summary(plan);
        out.printf("%n%-8s %-28s %8s %9s %7s %9s%n", "KAM", "name", "accounts", "load h", "util", "travel h");
        PlanReport.KamFigures figures = PlanReport.KamFigures.of(plan);
        long[] load = figures.load();
        int[] count = figures.accounts();
        long[] travel = figures.travel();
        for (Kam kam : plan.getKams()) {
            int i = kam.getIndex();
            out.printf(Locale.ROOT, "%-8s %-28s %8d %9.1f %6.1f%% %9.1f%s%n", kam.getId(), abbreviate(kam.getName(), 28),
                    count[i], load[i] / 60.0, 100.0 * load[i] / kam.getCapacityMinutes(), travel[i] / 60.0,
                    kam.isActive() ? "" : "  (inactive)");
        }
        out.printf(Locale.ROOT, "%nassigned %d, unassigned %d, moved %d, travel %.1f h; utilization %.1f%%–%.1f%% (mean %.1f%%)%n",
                summary.assignedAccounts(), summary.unassignedAccounts(), summary.movedAccounts(),
                summary.totalTravelMinutes() / 60.0, 100 * summary.utilizationMin(), 100 * summary.utilizationMax(),
                100 * summary.utilizationMean());
    }

    private static String abbreviate(String text, int width) {
        return text.length() <= width ? text : text.substring(0, width - 1) + "…";
    }

    @Command(name = "analyze", mixinStandardHelpOptions = true,
            description = "Explain the score of a plan document as given (no solving).")
    static class Analyze implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", description = "the plan document (JSON)")
        Path file;

        @Option(names = "--json", description = "print the API's analysis JSON instead of text")
        boolean json;

        @Override
        public Integer call() throws IOException {
            try (ConfigurableApplicationContext spring = startSpring()) {
                PlanDocument document = read(spring, file);
                PlanAnalysis analysis = spring.getBean(PlanExplainer.class).analyze(PlanFactory.build(document).plan());
                if (json) {
                    System.out.println(spring.getBean(ObjectMapper.class).copy()
                            .enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(analysis));
                } else {
                    AnalysisText.print(System.out, analysis);
                }
                return 0;
            } catch (InvalidPlanException e) {
                return invalid(e);
            }
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write a generated DACH dataset (deterministic for a seed).")
    static class Generate implements Callable<Integer> {

        @Option(names = "--kams", required = true)
        int kams;

        @Option(names = "--accounts", required = true)
        int accounts;

        @Option(names = "--seed", defaultValue = "1")
        long seed;

        @Option(names = "--margin", defaultValue = "1.2",
                description = "total capacity / workload of a reference plan (below 1: over-full)")
        double margin;

        @Option(names = "--name", defaultValue = "generated")
        String name;

        @Option(names = "--output", description = "file to write; default: standard output")
        Path output;

        @Override
        public Integer call() throws IOException {
            PlanDocument document = DatasetGenerator.generate(
                    new DatasetGenerator.Spec(name, kams, accounts, seed, margin));
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            if (output == null) {
                System.out.println(mapper.writeValueAsString(document));
            } else {
                Files.createDirectories(output.toAbsolutePath().getParent());
                mapper.writeValue(output.toFile(), document);
                System.err.printf("Wrote %s: %d KAMs, %d accounts%n", output, kams, accounts);
            }
            return 0;
        }
    }

    /** Constraints worst first, each with its first sentences, then the most penalized objects. */
    static final class AnalysisText {

        private AnalysisText() {
        }

        static void print(PrintStream out, PlanAnalysis analysis) {
            out.println("Score " + analysis.score() + (analysis.feasible() ? " (feasible)" : " (NOT feasible)"));
            out.println();
            List<PlanAnalysis.ConstraintResult> byImpact = analysis.constraints().stream()
                    .filter(c -> c.matchCount() > 0)
                    .sorted(Comparator.comparing((PlanAnalysis.ConstraintResult c) -> parse(c.score())))
                    .toList();
            for (PlanAnalysis.ConstraintResult c : byImpact) {
                out.printf("%-34s %-6s weight %-3d %6d matches  %s%n", c.name(), c.level(), c.weight(),
                        c.matchCount(), c.score());
                c.matches().stream().limit(5).forEach(m -> out.println("    " + m.justification().description()));
                if (c.matchCount() > 5) {
                    out.printf("    … and %d more%n", c.matchCount() - 5);
                }
            }
            out.println();
            out.println("Most penalized KAMs:");
            analysis.kams().stream().limit(10).forEach(k -> {
                out.printf("  %-10s %-28s %s%n", k.kamId(), k.name(), k.score());
                analysis.sentencesOfKam(k.kamId()).forEach(sentence -> out.println("      " + sentence));
            });
            out.println("Most penalized accounts:");
            analysis.accounts().stream().limit(10).forEach(a -> {
                out.printf("  %-10s %-28s %s%n", a.accountId(), a.name(), a.score());
                analysis.sentencesOfAccount(a.accountId()).forEach(sentence -> out.println("      " + sentence));
            });
            if (!analysis.unassigned().isEmpty()) {
                out.printf("Unassigned accounts (%d):%n", analysis.unassigned().size());
                analysis.unassigned().stream().limit(10).forEach(u -> out.println("  " + u.reason()));
            }
        }

        private static ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore parse(String s) {
            return ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore.parseScore(s);
        }
    }
}
