package org.kamplanner.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.concurrent.Callable;

import org.kamplanner.bound.LowerBound;
import org.kamplanner.bound.PlanBound;
import org.kamplanner.data.DatasetGenerator;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanReport;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.explain.PlanAnalysis;
import org.kamplanner.explain.UnassignedReasons;
import org.kamplanner.solver.search.SolveMode;
import org.kamplanner.solver.search.SolverManagers;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import ch.qos.logback.classic.Level;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine;

/**
 * The command line of the same jar: {@code solve}, {@code analyze}, {@code compare}, {@code generate} and
 * {@code rebalance}, on the service's own classes without Spring and without the web server, so a
 * command answers in seconds. Quiet by default (Timefold's log lines with {@code --verbose}); a user's
 * mistake is one line on stderr (a problem of a plan document one line each, as the API words it) and an
 * exit code, never a stack trace. Exit codes: {@link #OK}, {@link #FAILED}, {@link #USAGE},
 * {@link #INVALID_INPUT} (README, "Command line").
 */
@Command(name = "kam-planner", mixinStandardHelpOptions = true,
        description = "Assigns customer accounts to key account managers.",
        subcommands = { KamPlannerCli.Solve.class, KamPlannerCli.Analyze.class, CompareCommand.class,
                KamPlannerCli.Generate.class, RebalanceCommand.class, FrontierCommand.class },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = { "0:done", "1:an unexpected failure (--verbose prints its stack trace)",
                "2:wrong usage: an unknown option, a missing parameter", "3:invalid input: a missing file, not JSON, "
                        + "or not a valid plan document (each problem with its field path)" })
public class KamPlannerCli {

    static final int OK = 0;
    static final int FAILED = 1;
    static final int USAGE = 2;
    static final int INVALID_INPUT = 3;

    private static final Set<String> COMMANDS = Set.of("solve", "analyze", "compare", "generate", "rebalance", "frontier",
            "--help",
            "-h", "--version", "-V");

    /**
     * A command, or one of the command line's own options first ({@code --lang de solve …}: picocli then
     * says where the option belongs), instead of starting the web service with those arguments.
     */
    public static boolean handles(String[] args) {
        return args.length > 0 && (COMMANDS.contains(args[0]) || args[0].startsWith("--lang")
                || args[0].equals("--verbose"));
    }

    public static int run(String[] args) {
        Map<String, Level> before = CommonOptions.quiet();
        Locale locale = Locale.getDefault();
        try {
            CommandLine commandLine = new CommandLine(new KamPlannerCli());
            // The help is printed while the arguments are parsed, before --lang takes effect: read it first.
            CommonOptions.langOf(args).ifPresent(CommonOptions::use);
            commandLine.setResourceBundle(ResourceBundle.getBundle("cli-help", Locale.getDefault(),
                    ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES)));
            commandLine.setExecutionExceptionHandler(KamPlannerCli::onError);
            commandLine.setParameterExceptionHandler(KamPlannerCli::onParseError);
            return commandLine.execute(args);
        } finally {
            // In-process callers (the tests) get their logging and language back.
            before.forEach(CommonOptions::level);
            Locale.setDefault(locale);
        }
    }

    /**
     * A command line picocli cannot read, in the user's language where picocli's own sentence is English
     * (unknown and missing options), then picocli's suggestions or the command's usage, as its default does.
     */
    private static int onParseError(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String problem;
        if (e instanceof CommandLine.UnmatchedArgumentException unmatched) {
            problem = PlanText.words("cli.unknownArguments", String.join(", ", unmatched.getUnmatched()));
        } else if (e instanceof CommandLine.MissingParameterException missing) {
            problem = PlanText.words("cli.missingArguments", String.join(", ", missing.getMissing().stream()
                    .map(arg -> arg instanceof CommandLine.Model.OptionSpec option ? option.longestName() : arg.paramLabel())
                    .toList()));
        } else {
            problem = e.getMessage();
        }
        err.println("kam-planner " + command.getCommandName() + ": " + problem);
        if (!CommandLine.UnmatchedArgumentException.printSuggestions(e, err)) {
            command.usage(err);
        }
        return USAGE;
    }

    /** A user's mistake in words, without a trace; anything else as an unexpected failure. */
    private static int onError(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
        PrintWriter err = command.getErr();
        String name = command.getCommandName();
        if (e instanceof InvalidPlanException invalid) {
            err.println("kam-planner " + name + ": " + PlanText.words("cli.invalidPlan"));
            invalid.problems().forEach(p -> err.println("  " + p.path() + ": " + p.message()));
            return INVALID_INPUT;
        }
        if (e instanceof CliTools.UserMistake mistake) {
            err.println("kam-planner " + name + ": " + mistake.getMessage());
            return INVALID_INPUT;
        }
        err.println("kam-planner " + name + ": " + PlanText.words("cli.failed", e)
                + (CommonOptions.verbose ? "" : PlanText.words("cli.verboseHint")));
        if (CommonOptions.verbose) {
            e.printStackTrace(err);
        }
        return FAILED;
    }

    /** {@code --verbose} and {@code --lang}, on every command. */
    static final class CommonOptions {

        static boolean verbose;

        /** The language of the sentences: the default Locale, which the message bundles follow. */
        enum Lang { de, en }

        private static final List<String> LOGGERS = List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "ai.timefold",
                "org.kamplanner");

        /**
         * Timefold and the service log through Logback; without Spring Boot it would print at DEBUG.
         *
         * @return the levels before, to restore
         */
        static Map<String, Level> quiet() {
            verbose = false;
            Map<String, Level> before = new HashMap<>();
            for (String name : LOGGERS) {
                if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logback) {
                    before.put(name, logback.getLevel());
                }
                level(name, Level.WARN);
            }
            return before;
        }

        @Option(names = "--verbose", description = "print the solver's log lines (phases, score calculation speed) "
                + "and, on a failure, its stack trace; default: off")
        void verbose(boolean on) {
            verbose = on;
            if (on) {
                level("ai.timefold", Level.INFO);
                level("org.kamplanner", Level.INFO);
            }
        }

        @Option(names = "--lang", paramLabel = "de|en", description = "language of the sentences (de or en); "
                + "default: the system's")
        void lang(Lang lang) {
            use(lang);
        }

        static void use(Lang lang) {
            Locale.setDefault(Locale.forLanguageTag(lang.name()));
        }

        /** The {@code --lang} of the arguments ({@code --lang de} or {@code --lang=de}), if given and valid. */
        static Optional<Lang> langOf(String[] args) {
            for (int i = 0; i < args.length; i++) {
                String value = args[i].startsWith("--lang=") ? args[i].substring("--lang=".length())
                        : args[i].equals("--lang") && i + 1 < args.length ? args[i + 1] : null;
                if (value != null) {
                    return Arrays.stream(Lang.values()).filter(l -> l.name().equals(value)).findFirst();
                }
            }
            return Optional.empty();
        }

        private static void level(String logger, Level level) {
            if (LoggerFactory.getLogger(logger) instanceof ch.qos.logback.classic.Logger logback) {
                logback.setLevel(level);
            }
        }
    }

    @Command(name = "solve", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Solve a plan document and write the solved document.")
    static class Solve implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", descriptionKey = "file", description = "the plan document (JSON), e.g. datasets/dach-small.json")
        Path file;

        @Option(names = "--seconds", paramLabel = "S", description = "solving time; default: the document's "
                + "settings.terminationSeconds, else 30 s, one second per 100 accounts above 3,000")
        Long seconds;

        @Option(names = "--unimproved-seconds", paramLabel = "S", description = "stop early once the best score has "
                + "not improved for this long; default: the document's settings.unimprovedSeconds, else never "
                + "(annual plans)")
        Long unimprovedSeconds;

        @Option(names = "--output", paramLabel = "FILE",
                description = "where to write the solved document; default: FILE with -solved.json")
        Path output;

        @Option(names = "--seed", paramLabel = "N", description = "the solver's random seed (0 or more), instead of "
                + "the document's settings.seed; default: the document's, else none")
        Integer seed;

        @Option(names = "--work-budget", paramLabel = "MOVES", description = "end after this many evaluated moves "
                + "(with --seed: the same plan on any machine), instead of the document's settings.workBudget; "
                + "--seconds stays the cap; default: the document's, else none")
        Integer workBudget;

        @Option(names = "--bound-seconds", paramLabel = "S", defaultValue = "60",
                description = "time for the quality certificate after solving, 0 for none; default: ${DEFAULT-VALUE}")
        long boundSeconds;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws IOException {
            PlanDocument document = reproducible(CliTools.read(file));
            PlanFactory.Built built = PlanFactory.build(document);
            AssignmentPlan problem = built.plan();
            // The search the service would pick: settings.mode, and tabu search for large plans.
            SolveMode mode = SolveMode.of(document.settings() == null ? null : document.settings().mode(),
                    SolveMode.ANNUAL);
            TerminationConfig termination = mode.termination(problem.getSettings());
            if (seconds != null) {
                termination.setSpentLimit(Duration.ofSeconds(seconds));
            }
            if (unimprovedSeconds != null) {
                termination.setUnimprovedSpentLimit(Duration.ofSeconds(unimprovedSeconds));
            }
            Solver<AssignmentPlan> solver = SolverFactory.<AssignmentPlan>create(
                    SolverManagers.config(mode, problem.getAccounts().size(), problem.getSettings())
                            .withTerminationConfig(termination))
                    .buildSolver();
            long start = System.nanoTime();
            System.out.println(PlanText.words("cli.solving", file, problem.getKams().size(), problem.getAccounts().size(),
                    termination.getSpentLimit().toSeconds(), termination.getUnimprovedSpentLimit() == null ? ""
                            : PlanText.words("cli.orUnimproved", termination.getUnimprovedSpentLimit().toSeconds())));
            built.warnings().forEach(w -> System.out.println(PlanText.words("cli.warning", w)));
            double[] firstFeasible = { Double.NaN };
            solver.addEventListener(event -> {
                double at = (System.nanoTime() - start) / 1e9;
                if (Double.isNaN(firstFeasible[0]) && event.getNewBestScore().isFeasible()) {
                    firstFeasible[0] = at;
                }
                System.out.printf(Locale.ROOT, "%7.1f s  %s%n", at, event.getNewBestScore());
            });
            AssignmentPlan solved = solver.solve(problem);
            PlanText.kamTable(System.out, solved);
            PlanDocument result = UnassignedReasons.inSummary(
                    PlanReport.document(document, solved, null, "COMPLETED", built.warnings(), null), solved);
            PlanText.uncovered(System.out, result.summary().unassigned());
            System.out.println(PlanText.words("cli.firstFeasible", PlanText.decimal(firstFeasible[0])));
            if (boundSeconds > 0) {
                PlanBound bound = new LowerBound().compute(solved, Duration.ofSeconds(boundSeconds));
                System.out.println(PlanText.boundLine(bound));
                result = result.withSummary(result.summary().withBound(bound));
            }
            Path target = output != null ? output
                    : file.resolveSibling(file.getFileName().toString().replaceFirst("(\\.json)?$", "-solved.json"));
            CliTools.pretty().writeValue(target.toFile(), result);
            System.out.println(PlanText.words("cli.written", solved.getScore(), target));
            return OK;
        }

        /**
         * The document with --seed and --work-budget in its settings where given: the options win over the
         * document, as --seconds does, and the solved document says what made it.
         */
        private PlanDocument reproducible(PlanDocument document) {
            if (seed == null && workBudget == null) {
                return document;
            }
            CliTools.checkReproduction(seed, workBudget);
            PlanDocument.Settings given = document.settings() == null ? PlanDocument.Settings.DEFAULTS
                    : document.settings();
            return document.withSettings(given.withReproduction(seed != null ? seed : given.seed(),
                    workBudget != null ? workBudget : given.workBudget()));
        }
    }

    @Command(name = "analyze", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Explain the score of a plan document as given (no solving).")
    static class Analyze implements Callable<Integer> {

        @Parameters(paramLabel = "FILE", descriptionKey = "file", description = "the plan document (JSON), e.g. datasets/dach-small.json")
        Path file;

        @Option(names = "--json", description = "print the API's analysis JSON instead of text; default: text")
        boolean json;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws IOException {
            PlanDocument document = CliTools.read(file);
            PlanAnalysis analysis = CliTools.explainer().analyze(PlanFactory.build(document).plan());
            if (json) {
                System.out.println(CliTools.pretty().writeValueAsString(analysis));
            } else {
                PlanText.analysis(System.out, analysis);
            }
            return OK;
        }
    }

    @Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Write a generated DACH dataset (deterministic for a seed), like the bundled datasets/.")
    static class Generate implements Callable<Integer> {

        @Option(names = "--kams", required = true, paramLabel = "N", description = "number of KAMs (required)")
        int kams;

        @Option(names = "--accounts", required = true, paramLabel = "N", description = "number of accounts (required)")
        int accounts;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "N",
                description = "random seed: the same seed writes the same file; default: ${DEFAULT-VALUE}")
        long seed;

        @Option(names = "--margin", defaultValue = "1.2", paramLabel = "X",
                description = "total capacity / workload of a reference plan (below 1: over-full); default: ${DEFAULT-VALUE}")
        double margin;

        @Option(names = "--name", defaultValue = "generated", description = "the plan's name; default: ${DEFAULT-VALUE}")
        String name;

        @Option(names = "--output", paramLabel = "FILE", description = "file to write; default: standard output")
        Path output;

        @Mixin
        CommonOptions common;

        @Override
        public Integer call() throws IOException {
            if (kams < 1 || accounts < 0) {
                throw new CliTools.UserMistake(PlanText.words("cli.generateSizes"));
            }
            PlanDocument document;
            try {
                document = DatasetGenerator.generate(new DatasetGenerator.Spec(name, kams, accounts, seed, margin, true));
            } catch (IllegalArgumentException e) {
                throw new CliTools.UserMistake(PlanText.words("cli.generateNoRoom", accounts, kams));
            }
            ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
            if (output == null) {
                System.out.println(mapper.writeValueAsString(document));
            } else {
                Files.createDirectories(output.toAbsolutePath().getParent());
                mapper.writeValue(output.toFile(), document);
                System.err.println(PlanText.words("cli.generated", output, kams, accounts));
            }
            return OK;
        }
    }
}
