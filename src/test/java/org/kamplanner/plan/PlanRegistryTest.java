package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which copy of a plan the registry holds: never one that replaces the copy this replica solves. */
class PlanRegistryTest {

    private final PlanRegistry registry = new PlanRegistry(null, 8);

    /**
     * The solve task can start before PlanSolving#submit has put its copy into the registry (db-scheduler
     * picks the job as soon as its row is committed), and a reader can put a copy read from the database
     * while the solve starts. Either late copy replaced the one being solved: the plan then read SOLVING
     * from the database on every request but was not "solved here", and a leave was refused with 409
     * (RebalanceRestTest failed a CI run so). This is that order of events, forced.
     */
    @Test
    void aCopyPutLateNeverReplacesTheCopyThisReplicaSolves() {
        StoredPlan solving = readFromDatabase("p-1");
        solving.epoch(1); // PlanSolving#run claimed it and solves this copy
        registry.put(solving);

        registry.put(readFromDatabase("p-1")); // the submitter's (or a reader's) copy, put after the task started

        assertThat(registry.local("p-1")).isSameAs(solving);
        assertThat(registry.find("p-1")).isSameAs(solving);
    }

    @Test
    void aCopyOfAPlanNotSolvedHereIsReplacedByANewerOne() {
        StoredPlan older = readFromDatabase("p-2");
        registry.put(older);
        StoredPlan newer = readFromDatabase("p-2");

        registry.put(newer);

        assertThat(registry.local("p-2")).isSameAs(newer);
    }

    private static StoredPlan readFromDatabase(String id) {
        PlanSnapshot stored = PlanSnapshot.stored(PlanStatus.SCHEDULED, null, null, null, List.of(), Duration.ZERO,
                Instant.EPOCH, Lineage.UNKNOWN, Approval.DRAFT);
        return new StoredPlan(id, "plan " + id, Instant.EPOCH, stored, () -> {
            throw new AssertionError("contents not needed");
        });
    }
}
