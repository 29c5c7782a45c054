package org.kamplanner.plan;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * A plan's solve as a db-scheduler job (docs/deployment.md): one execution per plan (instance = plan id)
 * in the shared database, run by whichever replica picks it. A replica that dies mid-solve stops
 * heart-beating; another revives the execution, and PlanSolving#run resumes from the last saved best plan.
 */
@Configuration
class SolveTask {

    static final TaskDescriptor<Void> SOLVE_PLAN = TaskDescriptor.of("solve-plan");

    @Bean
    OneTimeTask<Void> solvePlanTask(PlanSolving solving) {
        return Tasks.oneTime(SOLVE_PLAN)
                .onDeadExecutionRevive()
                // The only failure PlanSolving#run throws: a replica shutting down; another takes it soon.
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(1)))
                .execute((instance, context) -> solving.run(instance.getId()));
    }
}
