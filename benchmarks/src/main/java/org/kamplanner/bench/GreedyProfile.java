package org.kamplanner.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.solver.search.KamLoads;
import org.kamplanner.solver.search.Search;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.phase.PhaseConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;

/**
 * Where the time to a first plan goes on a large plan (issue 25: a covering plan within 3 s at 15,000
 * accounts): reading the document, building the plan, and the large search's first phase (the greedy with
 * its make-room repair) alone, with the accounts it leaves out. A simple timer, run a few times in a row so
 * the JIT has warmed up for the later runs.
 *
 * <pre>
 * GreedyProfile [--runs 3] dataset...
 * </pre>
 */
public final class GreedyProfile {

    public static void main(String[] args) {
        int runs = 3;
        List<String> datasets = new java.util.ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--runs")) {
                runs = Integer.parseInt(args[++i]);
            } else {
                datasets.add(args[i]);
            }
        }
        PlanDocumentFileIO io = new PlanDocumentFileIO();
        for (String dataset : datasets) {
            File file = BenchmarkRunner.datasetFile(dataset);
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                PlanDocument document = io.readDocument(file);
                long read = System.nanoTime();
                long cpuRead = cpu();
                AssignmentPlan plan = PlanFactory.build(document).plan();
                long built = System.nanoTime();
                long cpuBuilt = cpu();
                SolverConfig config = Search.LARGE.config();
                PhaseConfig greedy = config.getPhaseConfigList().get(0);
                config = config.withPhases(greedy);
                AssignmentPlan solved = SolverFactory.<AssignmentPlan>create(config).buildSolver().solve(plan);
                long greedyEnd = System.nanoTime();
                long cpuGreedy = cpu();
                long open = solved.getAccounts().stream().filter(a -> a.getKam() == null).count();
                System.out.printf(Locale.ROOT, "PROFILE %s run %d: read %.2f s, build %.2f s (CPU %.2f s), greedy+repair"
                                + " %.2f s (CPU of the solving thread %.2f s; solver incl. its score director set-up),"
                                + " %d of %d accounts out, score %s%n",
                        dataset, run, (read - start) / 1e9, (built - read) / 1e9, (cpuBuilt - cpuRead) / 1e9,
                        (greedyEnd - built) / 1e9, (cpuGreedy - cpuBuilt) / 1e9, open, solved.getAccounts().size(),
                        solved.getScore());
                KamLoads loads = KamLoads.of(solved);
                solved.getAccounts().stream().filter(a -> a.getKam() == null).limit(5).forEach(a -> {
                    Map<KamLoads.Obstacle, Long> why = solved.getActiveKams().stream().collect(Collectors.groupingBy(
                            k -> loads.obstacle(a, k), () -> new EnumMap<>(KamLoads.Obstacle.class), Collectors.counting()));
                    System.out.printf(Locale.ROOT, "OUT %s tier %s, %d base minutes: %s%n", a.getId(), a.getTier(),
                            a.getBaseMinutes(), why);
                });
            }
        }
    }

    /** This thread's CPU time: the machine is shared, so wall-clock times say as much about the load. */
    private static long cpu() {
        return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    }

    private GreedyProfile() {
    }

}
