package org.kamplanner.solver;

import org.kamplanner.domain.AssignmentPlan;
import org.springframework.stereotype.Component;

import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.api.solver.SolverManager;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.SolverManagerConfig;
import jakarta.annotation.PreDestroy;

/**
 * One SolverManager per {@link SolveMode}. The annual one is the Spring Boot starter's (solverConfig.xml,
 * the application properties). The rebalance one is built here from rebalanceSolverConfig.xml: a
 * SolverConfigOverride can only change the termination, not the phases, and a second SolverManager
 * bean would switch off the starter's own (it is conditional on a missing bean). It is not a bean for
 * the same reason; it shuts down with this component.
 */
@Component
public class SolverManagers {

    private final SolverManager<AssignmentPlan, String> annual;
    private final SolverManager<AssignmentPlan, String> rebalance;

    public SolverManagers(SolverManager<AssignmentPlan, String> annual) {
        this.annual = annual;
        // One solve at a time, like the starter's default on this machine's cores.
        this.rebalance = SolverManager.create(SolverFactory.create(rebalanceConfig()),
                new SolverManagerConfig().withParallelSolverCount("1"));
    }

    /** The rebalance configuration, also for the CLI which solves in-process without a manager. */
    public static SolverConfig rebalanceConfig() {
        return SolverConfig.createFromXmlResource(SolveMode.REBALANCE.solverConfigResource());
    }

    public SolverManager<AssignmentPlan, String> forMode(SolveMode mode) {
        return mode == SolveMode.REBALANCE ? rebalance : annual;
    }

    @PreDestroy
    void close() {
        rebalance.close();
    }
}
