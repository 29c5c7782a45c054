package org.kamplanner.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.kamplanner.bound.LowerBound;
import org.kamplanner.bound.PlanBound;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanReport;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.frontier.Frontier;
import org.kamplanner.frontier.FrontierPlans;
import org.kamplanner.frontier.FrontierPoint;
import org.kamplanner.frontier.FrontierStep;
import org.kamplanner.frontier.FrontierSteps;
import org.kamplanner.solver.search.SolveMode;
import org.kamplanner.solver.search.SolverManagers;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code frontier PLAN.json --caps 0,10,25,none}: the REST frontier in-process, one solve per cap after the
 * other, each with its quality certificate, printed as a table and in sentences (what each step buys).
 */
@Command(name = "frontier", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Solve a plan once per cap on hand-overs and print what each further hand-over buys.")
class FrontierCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PLAN", descriptionKey = "plan", description = "a plan document (JSON) whose accounts "
            + "have a currentKamId, e.g. datasets/dach-medium.json")
    Path file;

    @Option(names = "--caps", paramLabel = "CAPS", description = "caps on hand-overs, comma-separated, none for "
            + "no cap, e.g. 0,10,25,none; default: the uncapped plan first, then 5 caps from 0 below its hand-overs")
    String caps;

    @Option(names = "--seconds", paramLabel = "S", description = "solving time of each point; default: the "
            + "document's settings.terminationSeconds, else 30 s")
    Long seconds;

    @Option(names = "--seed", paramLabel = "N", description = "the solver's random seed (0 or more); default: the "
            + "document's settings.seed, else none")
    Integer seed;

    @Option(names = "--work-budget", paramLabel = "MOVES", description = "end each point after this many evaluated "
            + "moves (with --seed: the same frontier on any machine); default: the document's, else none")
    Integer workBudget;

    @Option(names = "--bound-seconds", paramLabel = "S", defaultValue = "30",
            description = "time for each point's quality certificate, 0 for none; default: ${DEFAULT-VALUE}")
    long boundSeconds;

    @Option(names = "--output", paramLabel = "FILE", description = "also write the frontier as JSON (the API's "
            + "GET /frontiers/{id} without ids); default: none")
    Path output;

    @Mixin
    KamPlannerCli.CommonOptions common;

    @Override
    public Integer call() throws IOException {
        PlanDocument source = CliTools.read(file);
        FrontierPlans.checkIncumbents(source);
        List<Integer> first = FrontierPlans.check(parseCaps());
        CliTools.checkReproduction(seed, workBudget);
        // The options over the document's settings, as the REST body's settings are laid over the source's.
        PlanDocument.Settings given = PlanDocument.Settings.DEFAULTS.withTerminationSeconds(seconds)
                .withReproduction(seed, workBudget);
        List<FrontierPoint> points = new ArrayList<>();
        // Without caps the uncapped plan comes first; the spread then makes at most DEFAULT_CAPS more points.
        int planned = caps == null ? 1 + FrontierPlans.DEFAULT_CAPS : first.size();
        for (Integer cap : first) {
            points.add(solve(source, given, cap, points.size() + 1, planned));
        }
        if (caps == null) {
            List<Integer> spread = FrontierPlans.spread(points.get(0).handOvers());
            for (Integer cap : spread) {
                points.add(solve(source, given, cap, points.size() + 1, spread.size() + 1));
            }
        }
        points.sort(Comparator.comparing(FrontierPoint::maxMovedAccounts, Comparator.nullsLast(Comparator.naturalOrder())));
        List<FrontierStep> steps = FrontierSteps.of(points);
        table(System.out, points, steps);
        if (output != null) {
            CliTools.pretty().writeValue(output.toFile(), new Frontier(null, null, "COMPLETED", points, steps));
            System.out.println(PlanText.words("cli.frontier.written", output));
        }
        return KamPlannerCli.OK;
    }

    private List<Integer> parseCaps() {
        if (caps == null) {
            return null;
        }
        List<Integer> parsed = new ArrayList<>();
        for (String cap : caps.split(",", -1)) {
            String text = cap.trim();
            try {
                parsed.add(text.equalsIgnoreCase("none") ? null : Integer.valueOf(text));
            } catch (NumberFormatException e) {
                throw new CliTools.UserMistake(PlanText.words("cli.frontier.caps", caps));
            }
        }
        try {
            return FrontierPlans.check(parsed);
        } catch (InvalidPlanException e) {
            throw new CliTools.UserMistake("--caps: " + e.problems().get(0).message());
        }
    }

    private FrontierPoint solve(PlanDocument source, PlanDocument.Settings given, Integer cap, int number, int of) {
        PlanDocument document = FrontierPlans.point(source, given, cap);
        CliTools.validate(document);
        System.out.println(PlanText.words("cli.frontier.solving", number, of, document.name()));
        PlanFactory.Built built = PlanFactory.build(document);
        AssignmentPlan problem = built.plan();
        SolveMode mode = SolveMode.of(document.settings().mode(), SolveMode.ANNUAL);
        TerminationConfig termination = mode.termination(problem.getSettings());
        AssignmentPlan solved = SolverFactory.<AssignmentPlan>create(
                SolverManagers.config(mode, problem.getAccounts().size(), problem.getSettings())
                        .withTerminationConfig(termination))
                .buildSolver().solve(problem);
        PlanDocument.Summary summary = PlanReport.document(document, solved, null, "COMPLETED", built.warnings(), null)
                .summary();
        PlanBound bound = boundSeconds > 0 ? new LowerBound().compute(solved, Duration.ofSeconds(boundSeconds)) : null;
        return new FrontierPoint(cap, null, "COMPLETED", solved.getScore().toString(), summary.handOvers(),
                summary.utilizationMin(), summary.utilizationMax(), summary.totalTravelMinutes(),
                FrontierPlans.workloadPenalty(CliTools.explainer().summarize(solved)), bound, null);
    }

    private static void table(PrintStream out, List<FrontierPoint> points, List<FrontierStep> steps) {
        String row = "%-10s %10s %15s %18s %14s %-28s %s%n";
        out.println();
        out.printf(row, words("cli.frontier.cap"), words("cli.frontier.handOvers"), words("cli.frontier.spread"),
                words("cli.frontier.workload"), words("cli.frontier.travel"), words("cli.frontier.score"),
                words("cli.frontier.gap"));
        for (FrontierPoint p : points) {
            Double gap = p.bound() == null ? null : p.bound().softGapPercent();
            out.printf(row, p.maxMovedAccounts() == null ? words("cli.frontier.noCap") : p.maxMovedAccounts(),
                    p.handOvers(), p.utilizationMax() == null ? "-"
                            : String.valueOf(Math.round((p.utilizationMax() - p.utilizationMin()) * 100)),
                    p.workloadPenalty() == null ? "-" : String.format(org.kamplanner.words.Words.locale(), "%,d",
                            p.workloadPenalty()),
                    String.format(org.kamplanner.words.Words.locale(), "%,d", p.totalTravelMinutes()), p.score(),
                    gap == null ? "-" : String.format(Locale.ROOT, "%.2f %%", gap));
        }
        out.println();
        steps.forEach(s -> out.println(s.sentence()));
    }

    private static String words(String key) {
        return PlanText.words(key);
    }
}
