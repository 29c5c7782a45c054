package org.kamplanner.solver.search;

import org.kamplanner.domain.AssignmentPlan;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

import ai.timefold.solver.core.config.solver.SolverConfig;

/**
 * The Spring Boot starter builds the annual search from solverConfig.xml and the application properties; its
 * CP-SAT neighbourhood phases are changed here into steps as in {@link Search#ANNUAL}, which a file cannot say
 * (the steps share one command instance). Without it the whole-plan solve of a plan up to 300 accounts would
 * publish nothing for up to 14 s (issue 25). Everything else of the starter's configuration stays.
 */
@Component
class AnnualSearchInSteps implements BeanPostProcessor {

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof SolverConfig config && config.getSolutionClass() == AssignmentPlan.class) {
            return Search.neighbourhoodsInSteps(config);
        }
        return bean;
    }
}
