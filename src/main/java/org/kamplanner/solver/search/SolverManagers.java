package org.kamplanner.solver.search;

import org.kamplanner.domain.AssignmentPlan;
import org.springframework.stereotype.Component;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.api.solver.SolverManager;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.SolverManagerConfig;
import jakarta.annotation.PreDestroy;

/**
 * The SolverManager for each search: annual plans up to {@link #LARGE_PLAN_ACCOUNTS} accounts
 * (solverConfig.xml, late acceptance), larger annual plans (solverConfigLarge.xml, tabu search) and
 * rebalances (rebalanceSolverConfig.xml). The small-annual one is the Spring Boot starter's (it
 * reads solverConfig.xml and the application properties); the others are built here: a
 * SolverConfigOverride can only change the termination, not the phases, and a second SolverManager
 * bean would switch off the starter's own (it is conditional on a missing bean). They are not beans
 * for the same reason and shut down with this component. Each runs one solve at a time, so on this
 * 2-core machine at most three solves run at once, one of each kind.
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

    private static final String LARGE_CONFIG = "solverConfigLarge.xml";

    private final SolverManager<AssignmentPlan, String> annual;
    private final SolverManager<AssignmentPlan, String> annualLarge;
    private final SolverManager<AssignmentPlan, String> rebalance;

    public SolverManagers(SolverManager<AssignmentPlan, String> annual) {
        this.annual = annual;
        this.annualLarge = oneAtATime(SolverConfig.createFromXmlResource(LARGE_CONFIG));
        this.rebalance = oneAtATime(rebalanceConfig());
    }

    private static SolverManager<AssignmentPlan, String> oneAtATime(SolverConfig config) {
        // One solve at a time, like the starter's default on this machine's cores.
        return SolverManager.create(SolverFactory.create(config),
                new SolverManagerConfig().withParallelSolverCount("1"));
    }

    /** The rebalance configuration, also for the CLI which solves in-process without a manager. */
    public static SolverConfig rebalanceConfig() {
        return SolverConfig.createFromXmlResource(SolveMode.REBALANCE.solverConfigResource());
    }

    /** The solver configuration for a plan of this mode and size, for the CLI which solves in-process. */
    public static SolverConfig config(SolveMode mode, int accounts) {
        if (mode == SolveMode.REBALANCE) {
            return rebalanceConfig();
        }
        return SolverConfig.createFromXmlResource(accounts > LARGE_PLAN_ACCOUNTS
                ? LARGE_CONFIG : SolveMode.ANNUAL.solverConfigResource());
    }

    public SolverManager<AssignmentPlan, String> forPlan(SolveMode mode, int accounts) {
        if (mode == SolveMode.REBALANCE) {
            return rebalance;
        }
        return accounts > LARGE_PLAN_ACCOUNTS ? annualLarge : annual;
    }

    @PreDestroy
    void close() {
        annualLarge.close();
        rebalance.close();
    }
}
