package org.kamplanner.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.solver.KamConstraintProvider;
import org.kamplanner.solver.search.Search;

import ai.timefold.solver.core.api.domain.common.DomainAccessType;
import ai.timefold.solver.core.api.score.stream.ConstraintProvider;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.localsearch.LocalSearchPhaseConfig;
import ai.timefold.solver.core.config.phase.custom.CustomPhaseConfig;
import ai.timefold.solver.core.config.score.director.ScoreDirectorFactoryConfig;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;
import ai.timefold.solver.core.impl.localsearch.scope.LocalSearchPhaseScope;
import ai.timefold.solver.core.impl.phase.event.PhaseLifecycleListenerAdapter;
import ai.timefold.solver.core.impl.phase.scope.AbstractPhaseScope;
import ai.timefold.solver.core.impl.solver.DefaultSolver;

/**
 * The score-calculation micro-benchmark: the greedy phase, then a fixed number of local search moves
 * (Timefold's default late acceptance over change and swap moves), timed for the local search phase
 * alone. Prints moves per wall-clock second (Timefold's "move evaluation speed") and per second of
 * the solving thread's CPU time: the second figure stays comparable when other processes share the
 * cores. Each provider runs in the rounds A B C … A B C …, so drift shows as a spread.
 *
 * <pre>
 * ScoreSpeed [--moves N] [--rounds R] [--only LABEL]... [dataset...]
 * </pre>
 *
 * The providers: the service's constraints, and the same with one group of constraints left out
 * (ConstraintCostProbe): the difference in speed is what that group costs.
 */
public final class ScoreSpeed {

    static final List<Class<? extends ConstraintProvider>> PROVIDERS = List.of(
            KamConstraintProvider.class,
            ConstraintCostProbe.WithoutSectorCap.class,
            ConstraintCostProbe.WithoutKamLoad.class,
            ConstraintCostProbe.WithoutMaxAccounts.class,
            ConstraintCostProbe.WithoutPerAccountSoft.class);

    /** One measured solver: constraints and how Timefold reads the planning variable and the pin. */
    record Variant(String label, Class<? extends ConstraintProvider> provider, DomainAccessType access) {
    }

    /**
     * The service's constraints and the probes, with the service's domain access type; and the
     * service's constraints once more with reflection access, so the accessor's share shows.
     */
    static List<Variant> variants() {
        DomainAccessType service = Search.ANNUAL.config().getDomainAccessType();
        List<Variant> variants = new ArrayList<>();
        for (Class<? extends ConstraintProvider> provider : PROVIDERS) {
            variants.add(new Variant(provider.getSimpleName(), provider, service));
        }
        if (service != DomainAccessType.REFLECTION) {
            variants.add(new Variant("KamConstraintProvider REFL", KamConstraintProvider.class,
                    DomainAccessType.REFLECTION));
        }
        return variants;
    }

    public static void main(String[] args) {
        long moves = 1_000_000;
        int rounds = 2;
        List<String> datasets = new ArrayList<>();
        List<String> only = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--moves" -> moves = Long.parseLong(args[++i]);
                case "--rounds" -> rounds = Integer.parseInt(args[++i]);
                case "--only" -> only.add(args[++i]);
                default -> datasets.add(args[i]);
            }
        }
        if (datasets.isEmpty()) {
            datasets = List.of("dach-large");
        }
        PlanDocumentFileIO io = new PlanDocumentFileIO();
        System.out.printf(Locale.ROOT, "%-22s %-26s %5s %12s %14s %14s%n", "dataset", "constraints", "round",
                "LS moves", "moves/s wall", "moves/s CPU");
        for (String dataset : datasets) {
            java.io.File file = BenchmarkRunner.datasetFile(dataset);
            for (int round = 1; round <= rounds; round++) {
                for (Variant variant : variants()) {
                    if (!only.isEmpty() && !only.contains(variant.label())) {
                        continue; // one variant per JVM keeps the JIT's call-site profiles its own
                    }
                    Measurement m = measure(io.read(file), variant.provider(), variant.access(), moves);
                    System.out.printf(Locale.ROOT, "%-22s %-26s %5d %,12d %,14.0f %,14.0f%n", dataset,
                            variant.label(), round, m.moves, m.moves / m.wallSeconds, m.moves / m.cpuSeconds);
                }
            }
        }
    }

    record Measurement(long moves, double wallSeconds, double cpuSeconds) {
    }

    static Measurement measure(AssignmentPlan problem, Class<? extends ConstraintProvider> provider,
            DomainAccessType access, long moves) {
        SolverConfig config = new SolverConfig()
                .withDomainAccessType(access)
                .withSolutionClass(AssignmentPlan.class)
                .withEntityClasses(org.kamplanner.domain.Account.class)
                .withScoreDirectorFactory(new ScoreDirectorFactoryConfig().withConstraintProviderClass(provider))
                .withPhases(new CustomPhaseConfig().withCustomPhaseCommandClassList(
                                List.of(org.kamplanner.solver.search.GreedyAssignment.class)),
                        new LocalSearchPhaseConfig())
                .withTerminationConfig(new TerminationConfig().withMoveCountLimit(moves));
        DefaultSolver<AssignmentPlan> solver =
                (DefaultSolver<AssignmentPlan>) SolverFactory.<AssignmentPlan>create(config).buildSolver();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] cpu = new long[2];
        long[] wall = new long[2];
        long[] count = new long[1];
        solver.addPhaseLifecycleListener(new PhaseLifecycleListenerAdapter<>() {
            @Override
            public void phaseStarted(AbstractPhaseScope<AssignmentPlan> phaseScope) {
                if (phaseScope instanceof LocalSearchPhaseScope) {
                    cpu[0] = threads.getCurrentThreadCpuTime();
                    wall[0] = System.nanoTime();
                }
            }

            @Override
            public void phaseEnded(AbstractPhaseScope<AssignmentPlan> phaseScope) {
                if (phaseScope instanceof LocalSearchPhaseScope) {
                    cpu[1] = threads.getCurrentThreadCpuTime();
                    wall[1] = System.nanoTime();
                    count[0] = phaseScope.getPhaseMoveEvaluationCount();
                }
            }
        });
        solver.solve(problem);
        return new Measurement(count[0], (wall[1] - wall[0]) / 1e9, (cpu[1] - cpu[0]) / 1e9);
    }

    private ScoreSpeed() {
    }
}
