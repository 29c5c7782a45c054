package org.kamplanner.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.explain.PlanExplainer;

import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * Times the explanation calls on solved bundled datasets (benchmarks/explain/run.sh).
 * Each figure is the median of the runs after two warm-up runs.
 */
public final class ExplainBenchmark {

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        long solveSeconds = args.length > 1 ? Long.parseLong(args[1]) : 10;
        SolverFactory<AssignmentPlan> factory = SolverFactory.create(SolverConfig.createFromXmlResource("solverConfig.xml")
                .withTerminationConfig(new TerminationConfig().withSpentLimit(Duration.ofSeconds(solveSeconds))));
        PlanExplainer explainer = new PlanExplainer(SolutionManager.create(factory));
        for (String dataset : List.of("dach-large", "dach-xl")) {
            AssignmentPlan plan = factory.buildSolver().solve(
                    new PlanDocumentFileIO().read(BenchmarkRunner.datasetFile(dataset)));
            System.out.printf("%s: %d KAMs, %d accounts, solved %d s: %s%n", dataset, plan.getKams().size(),
                    plan.getAccounts().size(), solveSeconds, plan.getScore());
            time(dataset + " full analysis", runs, () -> explainer.analyze(plan));
            time(dataset + " summary analysis", runs, () -> explainer.summarize(plan));
            Account assigned = plan.getAccounts().stream().filter(a -> a.getKam() != null).findFirst().orElseThrow();
            time(dataset + " recommendation (" + assigned.getId() + ")", runs, () -> explainer.recommend(plan, assigned));
            time(dataset + " account explanation (" + assigned.getId() + ")", runs,
                    () -> explainer.explainAccount(plan, assigned));
        }
    }

    private static void time(String what, int runs, Supplier<?> call) {
        for (int i = 0; i < 2; i++) {
            call.get();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            call.get();
            millis.add((System.nanoTime() - start) / 1e6);
        }
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%-45s median %8.1f ms  (min %.1f, max %.1f, %d runs)%n", what,
                sorted[sorted.length / 2], sorted[0], sorted[sorted.length - 1], runs);
        System.out.println("  all: " + Arrays.toString(sorted));
    }
}
