package org.kamplanner.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.solver.search.Search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.EnvironmentMode;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * How a solve gets to its plan, as a watcher of the service sees it: every best-solution event with its time,
 * then the best score at 3, 10 and the last second, when the run's final coverage (medium level) was first
 * reached, and the longest silence (no new best published) before the last improvement. Issue 25: a large plan
 * must show progress every few seconds and cover what it can early. Built only on what every version of the
 * service has (the searches by name, plan documents), so the same file compiled against the previous code's
 * classes runs it side by side.
 *
 * <pre>
 * Trajectory [--seconds 30] [--seeds 1] [--first-seed 0] [--search large] [--events]
 *            [--environment-mode PHASE_ASSERT] dataset...
 * </pre>
 */
public final class Trajectory {

    private record Event(long millis, HardMediumSoftLongScore score) {
    }

    public static void main(String[] args) {
        long seconds = 30;
        int seeds = 1;
        int firstSeed = 0;
        Search search = Search.LARGE;
        boolean events = false;
        EnvironmentMode mode = null;
        List<String> datasets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--seconds" -> seconds = Long.parseLong(args[++i]);
                case "--seeds" -> seeds = Integer.parseInt(args[++i]);
                case "--first-seed" -> firstSeed = Integer.parseInt(args[++i]);
                case "--search" -> search = Search.named(args[++i]);
                case "--events" -> events = true;
                case "--environment-mode" -> mode = EnvironmentMode.valueOf(args[++i]);
                default -> datasets.add(args[i]);
            }
        }
        PlanDocumentFileIO io = new PlanDocumentFileIO();
        for (String dataset : datasets) {
            File file = BenchmarkRunner.datasetFile(dataset);
            for (int seed = firstSeed; seed < firstSeed + seeds; seed++) {
                SolverConfig config = search.config().withRandomSeed((long) seed);
                if (mode != null) {
                    config.setEnvironmentMode(mode);
                }
                config.setTerminationConfig(new TerminationConfig().withSpentLimit(Duration.ofSeconds(seconds)));
                Solver<AssignmentPlan> solver = SolverFactory.<AssignmentPlan>create(config).buildSolver();
                List<Event> seen = new ArrayList<>();
                AssignmentPlan problem = io.read(limited(file, seconds));
                long start = System.nanoTime();
                solver.addEventListener(e -> seen.add(new Event((System.nanoTime() - start) / 1_000_000,
                        e.getNewBestSolution().getScore())));
                AssignmentPlan solved = solver.solve(problem);
                long end = (System.nanoTime() - start) / 1_000_000;
                if (events) {
                    for (Event e : seen) {
                        System.out.printf(Locale.ROOT, "EVENT %s %d %.2f s %s%n", dataset, seed, e.millis() / 1000.0,
                                e.score());
                    }
                }
                System.out.println(line(dataset, seed, seen, solved.getScore(), end));
            }
        }
    }

    /**
     * The document with settings.terminationSeconds set to the run's limit: the service solves for that long,
     * and the exact phases take their share of it on large plans.
     */
    private static File limited(File file, long seconds) {
        try {
            ObjectMapper json = new ObjectMapper();
            ObjectNode document = (ObjectNode) json.readTree(file);
            document.withObject("settings").put("terminationSeconds", seconds);
            File limited = File.createTempFile("trajectory-", ".json");
            limited.deleteOnExit();
            json.writeValue(limited, document);
            return limited;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String line(String dataset, int seed, List<Event> seen, HardMediumSoftLongScore last, long end) {
        long covered = -1;
        long silence = 0;
        long previous = 0;
        // Timefold publishes an event only for a new best, so the gaps between events are the silences.
        for (Event e : seen) {
            if (covered < 0 && e.score().hardScore() == last.hardScore() && e.score().mediumScore() >= last.mediumScore()) {
                covered = e.millis();
            }
            silence = Math.max(silence, e.millis() - previous);
            previous = e.millis();
        }
        return String.format(Locale.ROOT,
                "TRAJ %-34s seed %d  3s %-26s 10s %-26s end %-26s covered@ %6.1f s  longest silence %5.1f s"
                        + "  last improvement %5.1f s  events %d  (%.1f s)",
                dataset, seed, best(seen, 3_000), best(seen, 10_000), last, covered / 1000.0, silence / 1000.0,
                previous / 1000.0, seen.size(), end / 1000.0);
    }

    private static HardMediumSoftLongScore at(List<Event> seen, long millis) {
        HardMediumSoftLongScore score = null;
        for (Event e : seen) {
            if (e.millis() <= millis) {
                score = e.score();
            }
        }
        return score;
    }

    private static String best(List<Event> seen, long millis) {
        HardMediumSoftLongScore score = at(seen, millis);
        return score == null ? "-" : score.toString();
    }
}
