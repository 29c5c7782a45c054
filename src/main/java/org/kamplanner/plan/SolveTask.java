package org.kamplanner.plan;

import java.time.Duration;
import java.time.Instant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.TaskDescriptor;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;

/**
 * A plan's solve as a db-scheduler job (docs/deployment.md): one execution per plan (instance = plan id)
 * in the shared database, run by whichever replica picks it (PlanSolving#run). A replica that dies
 * mid-solve stops heart-beating; another revives the execution and resumes from the last saved best plan.
 * A replica shutting down hands its solves on: their executions are due again at once. A plan whose client
 * has its share of the threads solving (FairShare) goes back into the queue for
 * {@code kam-planner.solver.fair-share-retry} instead.
 */
@Configuration
class SolveTask {

    static final TaskDescriptor<Void> SOLVE_PLAN = TaskDescriptor.of("solve-plan");

    static TaskInstance<Void> instance(String planId) {
        return SOLVE_PLAN.instance(planId).build();
    }

    /**
     * A stop answers once the plan is final; the execution of that solve is removed a moment later, when its
     * thread has returned. A resume right after a stop waits for that, a few seconds at most, instead of
     * answering 409 "still finishing" to a user who did nothing wrong (PlanStorageTest stops and resumes).
     */
    static void awaitRemoved(Scheduler scheduler, String planId) {
        Instant deadline = Instant.now().plusSeconds(10);
        while (scheduler.getScheduledExecution(SOLVE_PLAN.instanceId(planId)).isPresent()
                && Instant.now().isBefore(deadline)) {
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * The coordinator is looked up when a job first runs, not injected: db-scheduler's Scheduler is built
     * from the task beans, and PlanSolving queues plans into that Scheduler.
     */
    @Bean
    CustomTask<Void> solvePlanTask(ObjectProvider<PlanSolving> solving,
            @Value("${kam-planner.solver.fair-share-retry:5s}") Duration retry) {
        return Tasks.custom(SOLVE_PLAN)
                .onDeadExecutionRevive()
                // The only failure PlanSolving#run throws: a replica shutting down; another takes it soon.
                .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(1)))
                .execute((instance, context) -> switch (solving.getObject().run(instance.getId())) {
                    case DONE -> new CompletionHandler.OnCompleteRemove<>();
                    case HANDED_ON -> (complete, operations) -> operations.reschedule(complete, Instant.now());
                    // Over its client's share of the threads, or too little heap here (SolveMemory): behind the queue.
                    case OVER_SHARE, NO_ROOM -> (complete, operations) -> operations.reschedule(complete, Instant.now().plus(retry));
                });
    }
}
