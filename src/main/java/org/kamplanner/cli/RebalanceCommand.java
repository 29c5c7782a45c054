package org.kamplanner.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;

import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanReport;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.explain.UnassignedReasons;
import org.kamplanner.rebalance.MoveReport;
import org.kamplanner.rebalance.MoveReview;
import org.kamplanner.rebalance.RebalanceRequest;
import org.kamplanner.rebalance.Rebalancer;
import org.kamplanner.solver.search.SolveMode;
import org.kamplanner.solver.search.SolverManagers;

import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code rebalance PLAN.json --leaving K002,K004 [--new-kams FILE] --output NEW.json}: the REST rebalance
 * in-process, with the REBALANCE solver configuration, printing the moves.
 */
@Command(name = "rebalance", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Rebalance a solved plan when KAMs leave (or join), moving as few accounts as possible.")
class RebalanceCommand implements Callable<Integer> {

    @Parameters(paramLabel = "PLAN", descriptionKey = "plan", description = "a solved plan document (JSON): its assignments are kept where possible")
    Path file;

    @Option(names = "--leaving", split = ",", paramLabel = "IDS",
            description = "ids of the KAMs who leave, e.g. K002,K004 in datasets/dach-small.json; default: none")
    List<String> leaving;

    @Option(names = "--new-kams", paramLabel = "FILE", description = "a JSON array of KAMs who join "
            + "(the plan document's KAM fields); default: none")
    Path newKams;

    @Option(names = "--unimproved-seconds", paramLabel = "S", description = "stop once the best score has not "
            + "improved for this long; default: the rebalance search's own (docs/model.md)")
    Long unimprovedSeconds;

    @Option(names = "--output", required = true, paramLabel = "FILE", description = "where to write the rebalanced document (required)")
    Path output;

    @Mixin
    KamPlannerCli.CommonOptions common;

    @Override
    public Integer call() throws IOException {
        PlanDocument source = CliTools.read(file);
        List<PlanDocument.Kam> joining = newKams == null ? null
                : Arrays.asList(CliTools.readJson(newKams, PlanDocument.Kam[].class));
        Rebalancer.Rebalance rebalance = Rebalancer.rebalance(source, new RebalanceRequest(leaving, joining, null));
        PlanDocument document = rebalance.document();
        try {
            CliTools.validate(document);
        } catch (InvalidPlanException e) {
            throw Rebalancer.onRequest(e, source.kams().size());
        }
        PlanFactory.Built built = PlanFactory.build(document);
        AssignmentPlan problem = built.plan();
        TerminationConfig termination = SolveMode.REBALANCE.termination(problem.getSettings());
        if (unimprovedSeconds != null) {
            termination.setUnimprovedSpentLimit(Duration.ofSeconds(unimprovedSeconds));
        }
        SolverConfig config = SolverManagers.rebalanceConfig().withTerminationConfig(termination);
        Solver<AssignmentPlan> solver = SolverFactory.<AssignmentPlan>create(config).buildSolver();
        rebalance.notes().forEach(n -> System.out.println(n));
        long start = System.nanoTime();
        AssignmentPlan solved = solver.solve(problem);
        MoveReview.Result review = CliTools.moveReview().review(solved);
        double seconds = (System.nanoTime() - start) / 1e9;

        List<PlanDocument.Move> moves = MoveReport.moves(solved, review);
        System.out.printf("%n%-10s %-8s %-8s %s%n", PlanText.words("cli.column.account"), PlanText.words("cli.column.from"),
                PlanText.words("cli.column.to"), PlanText.words("cli.column.reason"));
        for (PlanDocument.Move m : moves) {
            System.out.printf("%-10s %-8s %-8s %s%n", m.accountId(), m.fromKamId(),
                    m.toKamId() == null ? "-" : m.toKamId(), m.reason());
        }
        List<String> warnings = new java.util.ArrayList<>(rebalance.notes());
        warnings.addAll(built.warnings());
        PlanDocument result = MoveReport.withMoves(UnassignedReasons.inSummary(
                PlanReport.document(document, solved, null, "COMPLETED", warnings, null), solved), solved, review);
        PlanText.uncovered(System.out, result.summary().unassigned());
        CliTools.pretty().writeValue(output.toFile(), result);
        System.out.println();
        System.out.println(PlanText.words("cli.rebalanced", moves.size(), review.undone(), solved.getScore(),
                PlanText.decimal(seconds), output));
        return KamPlannerCli.OK;
    }
}
