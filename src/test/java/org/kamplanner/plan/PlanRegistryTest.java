package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Admission: one client's burst waits for its own plans (429); only a full queue stops everybody (503).
 * The counts are the database's over all replicas (PlanAdmission takes them under a lock); the web tests
 * (ConcurrentClientsTest) submit through the service. And which copy of a plan the registry holds.
 */
class PlanRegistryTest {

    /** Queue of 3, at most 2 per client. */
    private final PlanRegistry registry = new PlanRegistry(null, 3, 2, 8);

    @Test
    void aClientOverItsQuotaGets429AndOthersAreNotAffected() {
        assertThatThrownBy(() -> registry.checkQueue(2, 2, "anna")).isInstanceOfSatisfying(SolveQueueFullException.class,
                e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(e.getHeaders().getFirst("Retry-After")).isEqualTo("30");
                });
        assertThatCode(() -> registry.checkQueue(2, 0, "ben")).doesNotThrowAnyException();
    }

    @Test
    void aFullQueueStopsEverybodyWith503() {
        assertThatThrownBy(() -> registry.checkQueue(3, 0, "dora")).isInstanceOfSatisfying(SolveQueueFullException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThatThrownBy(() -> registry.checkQueue(3, 0, null)).isInstanceOf(SolveQueueFullException.class);
    }

    @Test
    void anAnonymousClientCountsOnlyAgainstTheQueue() {
        assertThatCode(() -> registry.checkQueue(2, 5, null)).doesNotThrowAnyException();
    }

    /**
     * The solve task can start before PlanService.submit has put its copy into the registry (db-scheduler
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
        return new StoredPlan(id, "plan " + id, List.of(), null, PlanStatus.SCHEDULED, null, Instant.EPOCH, () -> {
            throw new AssertionError("contents not needed");
        });
    }
}
