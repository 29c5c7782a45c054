package org.kamplanner.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.explain.MoveGain;
import org.kamplanner.explain.MoveGains;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.ScoreAnalysisFetchPolicy;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * The time to say what every voluntary move of a solved plan buys (MoveGains, on the incremental score
 * director), against the plain way: one SolutionManager.analyze from scratch per undone move.
 * Usage: MoveReasonBenchmark [runs] [solveSeconds] [dataset…] (benchmarks/explain/RESULTS.md).
 */
public final class MoveReasonBenchmark {

    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        long solveSeconds = args.length > 1 ? Long.parseLong(args[1]) : 20;
        List<String> datasets = args.length > 2 ? List.of(args).subList(2, args.length) : List.of("dach-large");
        SolverFactory<AssignmentPlan> factory = SolverFactory.create(SolverConfig.createFromXmlResource("solverConfig.xml")
                .withTerminationConfig(new TerminationConfig().withSpentLimit(Duration.ofSeconds(solveSeconds))));
        SolutionManager<AssignmentPlan, HardMediumSoftLongScore> manager = SolutionManager.create(factory);
        MoveGains gains = new MoveGains(manager);
        for (String dataset : datasets) {
            AssignmentPlan plan = factory.buildSolver().solve(new PlanDocumentFileIO().read(BenchmarkRunner.datasetFile(dataset)));
            List<Account> moves = plan.getAccounts().stream().filter(MoveGains::isVoluntary).toList();
            System.out.printf(Locale.ROOT, "%s: %d KAMs, %d accounts, solved %d s: %s; %d voluntary moves%n", dataset,
                    plan.getKams().size(), plan.getAccounts().size(), solveSeconds, plan.getScore(), moves.size());
            Map<String, MoveGain> result = gains.of(plan);
            Map<String, Integer> kinds = new TreeMap<>();
            result.values().forEach(g -> kinds.merge(kind(g), 1, Integer::sum));
            System.out.println("  what the moves buy: " + kinds);
            Map<String, Integer> shown = new TreeMap<>();
            result.values().forEach(g -> {
                if (shown.merge(kind(g), 1, Integer::sum) <= 2) {
                    System.out.println("    " + kind(g) + ": " + g.words());
                }
            });
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < runs + 2; i++) {
                long start = System.nanoTime();
                gains.of(plan);
                if (i >= 2) {
                    millis.add((System.nanoTime() - start) / 1e6);
                }
            }
            double median = millis.stream().sorted().toList().get(millis.size() / 2);
            System.out.printf(Locale.ROOT, "  MoveGains.of, every move: median %.0f ms of %s, %.2f ms a move%n", median,
                    millis, median / Math.max(1, moves.size()));
            int sample = Math.min(50, moves.size());
            long start = System.nanoTime();
            for (Account account : moves.subList(0, sample)) {
                var kam = account.getKam();
                account.setKam(account.getCurrentKam());
                manager.analyze(plan, ScoreAnalysisFetchPolicy.FETCH_MATCH_COUNT);
                account.setKam(kam);
            }
            double plain = (System.nanoTime() - start) / 1e6 / Math.max(1, sample);
            System.out.printf(Locale.ROOT, "  plain way (analyze from scratch per undone move, %d moves): %.2f ms a move%n",
                    sample, plain);
        }
    }

    /** As MoveGain words it. */
    private static String kind(MoveGain gain) {
        if (gain.chain() != null) {
            return "chain";
        }
        if (!gain.roomFor().isEmpty()) {
            return "room";
        }
        if (gain.overloadMinutes() > 0) {
            return "overload";
        }
        if (gain.backCost().hardScore() < 0) {
            return "hard rule";
        }
        return gain.buysSomething() ? "balance/travel" : "nothing";
    }
}
