package org.kamplanner.solver.search;

import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.PlanSettings;
import org.springframework.stereotype.Component;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.api.solver.SolverJob;
import ai.timefold.solver.core.api.solver.SolverManager;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.SolverManagerConfig;
import jakarta.annotation.PreDestroy;

/**
 * The SolverManager for each {@link Search}: annual plans up to {@link #LARGE_PLAN_ACCOUNTS} accounts
 * (late acceptance), larger annual plans (tabu search) and rebalances. The annual one is the Spring
 * Boot starter's (it reads solverConfig.xml and the application properties); the others are built
 * here from {@link Search#config()}: a SolverConfigOverride can only change the termination, not the
 * phases, and a second SolverManager bean would switch off the starter's own (it is conditional on a
 * missing bean). They are not beans for the same reason and shut down with this component. These two
 * run one solve at a time; the starter's runs half the cores' worth (its default), so on a 2-core
 * machine at most three solves run at once, one of each kind.
 *
 * <p>A plan with settings.seed or settings.workBudget needs a configuration of its own (the random seed and the
 * phases' counted limits are not part of a SolverConfigOverride), so it gets a manager of its own for its
 * solve, closed when the solve has ended ({@link WorkBudget}); such solves run beside the three.
 */
@Component
public class SolverManagers {

    /**
     * Above this many accounts an annual plan gets tabu search. Measured at 30 s: tabu ends 5.6 % better
     * on dach-large (3,000 accounts) and 4–6 % on dach-medium (500); late acceptance finds the optimum
     * on dach-small (60) and a 100-account cut where tabu is 1.5 % / 0.5 % off; on a 150-account cut
     * they tie.
     */
    public static final int LARGE_PLAN_ACCOUNTS = 300;

    private final SolverManager<AssignmentPlan, String> annual;
    private final SolverManager<AssignmentPlan, String> annualLarge;
    private final SolverManager<AssignmentPlan, String> rebalance;
    /** The managers of plans with a seed or work budget, by plan id, while they solve. */
    private final Map<String, SolverManager<AssignmentPlan, String>> ownManagers = new ConcurrentHashMap<>();
    private final ExecutorService closer = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "own-solver-manager-closer");
        thread.setDaemon(true);
        return thread;
    });

    public SolverManagers(SolverManager<AssignmentPlan, String> annual) {
        this.annual = annual;
        this.annualLarge = oneAtATime(Search.LARGE.config());
        this.rebalance = oneAtATime(Search.REBALANCE.config());
    }

    private static SolverManager<AssignmentPlan, String> oneAtATime(SolverConfig config) {
        // One at a time whatever the cores: what the starter's default gives on a 2-core machine.
        return SolverManager.create(SolverFactory.create(config),
                new SolverManagerConfig().withParallelSolverCount("1"));
    }

    /** The search for a plan of this mode and size. */
    public static Search search(SolveMode mode, int accounts) {
        if (mode == SolveMode.REBALANCE) {
            return Search.REBALANCE;
        }
        return accounts > LARGE_PLAN_ACCOUNTS ? Search.LARGE : Search.ANNUAL;
    }

    /** The rebalance configuration, also for the CLI which solves in-process without a manager. */
    public static SolverConfig rebalanceConfig() {
        return Search.REBALANCE.config();
    }

    /** The solver configuration for a plan of this mode and size, for the CLI which solves in-process. */
    public static SolverConfig config(SolveMode mode, int accounts) {
        return search(mode, accounts).config();
    }

    /**
     * The solver configuration for a plan of this mode and size with its seed and work budget, also for the CLI
     * which solves in-process.
     */
    public static SolverConfig config(SolveMode mode, int accounts, PlanSettings settings) {
        return WorkBudget.apply(search(mode, accounts).config(), settings);
    }

    /**
     * The manager to start this plan's solve on: the shared one for its mode and size, or for a plan with a seed
     * or work budget one of its own, which {@link #closeWhenDone} closes.
     */
    public SolverManager<AssignmentPlan, String> forSolve(String planId, SolveMode mode, AssignmentPlan problem) {
        int accounts = problem.getAccounts().size();
        if (!WorkBudget.reproducible(problem.getSettings())) {
            return forPlan(mode, accounts);
        }
        return ownManagers.computeIfAbsent(planId, id -> oneAtATime(config(mode, accounts, problem.getSettings())));
    }

    /** The manager that solves this plan (or last solved it): its own while it has one. */
    public SolverManager<AssignmentPlan, String> forPlan(String planId, SolveMode mode, int accounts) {
        SolverManager<AssignmentPlan, String> own = ownManagers.get(planId);
        return own != null ? own : forPlan(mode, accounts);
    }

    /** Closes the plan's own manager, if it has one, once this job has ended (its final events handed over). */
    public void closeWhenDone(String planId, SolverJob<AssignmentPlan, String> job) {
        if (!ownManagers.containsKey(planId)) {
            return;
        }
        closer.execute(() -> {
            try {
                job.getFinalBestSolution();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (ExecutionException | CancellationException e) {
                // The solve's exception handler has reported it; the manager is closed all the same.
            } finally {
                SolverManager<AssignmentPlan, String> own = ownManagers.remove(planId);
                if (own != null) {
                    own.close();
                }
            }
        });
    }

    public SolverManager<AssignmentPlan, String> forPlan(SolveMode mode, int accounts) {
        return switch (search(mode, accounts)) {
            case ANNUAL -> annual;
            case LARGE -> annualLarge;
            case REBALANCE -> rebalance;
        };
    }

    @PreDestroy
    void close() {
        annualLarge.close();
        rebalance.close();
        ownManagers.values().forEach(SolverManager::close);
        closer.shutdownNow();
    }
}
