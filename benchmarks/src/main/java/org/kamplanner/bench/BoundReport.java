package org.kamplanner.bench;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.kamplanner.bound.LowerBound;
import org.kamplanner.bound.PlanBound;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.solver.search.SolveMode;
import org.kamplanner.solver.search.SolverManagers;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * The quality certificate (org.kamplanner.bound) of each dataset: the service's search solves it for a
 * while (seed 0), then the bound is computed for that plan; one line per dataset with the plan's score,
 * the bounds, the gap and where the time went.
 *
 * <pre>
 * BoundReport [--solve-seconds 30] [--bound-seconds 60] [--lp GLOP|PDLP] [--cpsat-seconds 10] [--cpsat-max-pairs 5000]
 *             [--knapsack-seconds 10] [--all-pairs] [--lp-max-pairs 2000000] [--save-assignment FILE | --assignment FILE]
 *             dataset...
 * </pre>
 *
 * Without datasets: dach-small, the two dach-medium cuts, dach-medium, dach-large and the two smaller
 * over-full plans. {@code --cpsat-seconds 0} leaves out CP-SAT's bounds (tried on plans up to 5,000
 * pairs, for each level where the LP leaves room); {@code --all-pairs} puts every (account, KAM) pair
 * into the LP from the start instead of generating columns (the same bound, slower). {@code --knapsack-seconds 0}
 * leaves out the medium level's knapsack Lagrangian. {@code --lp-max-pairs N}: plans with more pairs get the
 * per-KAM Lagrangian instead of the LP (0: every plan, to compare the two on one plan). {@code --save-assignment FILE} writes the solved plan's
 * assignment (one "account KAM" line each, "-" for none) and {@code --assignment FILE} reads one back instead of
 * solving, so that the bound of one plan can be measured again (before and after a change, or a plan from a
 * long solve) without solving it again; one dataset then.
 */
public final class BoundReport {

    public static void main(String[] args) {
        long solveSeconds = 30;
        long boundSeconds = 60;
        LowerBound.Options options = LowerBound.Options.DEFAULT;
        List<String> datasets = new ArrayList<>();
        File saveAssignment = null;
        File assignment = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--solve-seconds" -> solveSeconds = Long.parseLong(args[++i]);
                case "--bound-seconds" -> boundSeconds = Long.parseLong(args[++i]);
                case "--lp" -> options = options.withLpSolver(args[++i]);
                case "--all-pairs" -> options = options.withColumnGeneration(false);
                case "--cpsat-max-pairs" -> options = options.withCpSatMaxPairs(Integer.parseInt(args[++i]));
                case "--knapsack-seconds" -> options = options.withKnapsackLimit(
                        Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000)));
                case "--cpsat-seconds" -> options = options.withCpSatLimit(
                        Duration.ofMillis((long) (Double.parseDouble(args[++i]) * 1000)));
                case "--lp-max-pairs" -> options = options.withLpMaxPairs(Integer.parseInt(args[++i]));
                case "--save-assignment" -> saveAssignment = new File(args[++i]);
                case "--assignment" -> assignment = new File(args[++i]);
                default -> datasets.add(args[i]);
            }
        }
        if (datasets.isEmpty()) {
            datasets = List.of("dach-small", "dach-medium-10x100", "dach-medium-15x150", "dach-medium",
                    "dach-large", "dach-overfull-small", "dach-overfull-medium");
        }
        PlanDocumentFileIO io = new PlanDocumentFileIO();
        LowerBound lowerBound = new LowerBound(options);
        List<String> lines = new ArrayList<>();
        for (String dataset : datasets) {
            File file = BenchmarkRunner.datasetFile(dataset);
            AssignmentPlan problem = io.read(file);
            SolverConfig config = SolverManagers.config(SolveMode.ANNUAL, problem.getAccounts().size())
                    .withRandomSeed(0L)
                    .withTerminationConfig(new TerminationConfig().withSpentLimit(Duration.ofSeconds(solveSeconds)));
            AssignmentPlan solved;
            if (assignment != null) {
                solved = SavedAssignment.read(problem, assignment, config);
            } else {
                solved = SolverFactory.<AssignmentPlan>create(config).buildSolver().solve(problem);
                if (saveAssignment != null) {
                    SavedAssignment.write(solved, saveAssignment);
                }
            }
            LowerBound.Result result = lowerBound.computeWithDetails(solved, Duration.ofSeconds(boundSeconds));
            PlanBound bound = result.bound();
            String line = String.format(Locale.ROOT,
                    "%-22s plan %ds: %-28s bound %s: medium %s, soft %s, gap %s %%, %.1f s (%s)%s",
                    dataset, solveSeconds, solved.getScore(), bound.status(), bound.mediumPenalty(),
                    bound.softPenalty(), bound.softGapPercent(), bound.seconds(), bound.method(),
                    bound.reason() == null ? "" : "; " + bound.reason());
            String details = "    medium LP: " + result.mediumLp()
                    + (result.mediumKnapsack() == null ? "" : "; " + result.mediumKnapsack())
                    + (result.mediumCpSat() == null ? ""
                    : "; " + result.mediumCpSat()) + "\n    soft LP: " + result.softLp()
                    + (result.softCpSat() == null ? "" : "; " + result.softCpSat());
            System.out.println(line);
            System.out.println(details);
            lines.add(line + "\n" + details);
        }
        System.out.println();
        lines.forEach(System.out::println);
    }
}
