package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/**
 * Admission: one client's burst waits for its own plans (429); only a full queue stops everybody (503).
 * The counts are the database's over all replicas (SolveQueue takes them under a lock); the web tests
 * (ConcurrentClientsTest) submit through the service.
 */
class SolveQueueTest {

    /** Queue of 3, at most 2 per client. */
    private final SolveQueue queue = new SolveQueue(null, 3, 2);

    @Test
    void aClientOverItsQuotaGets429AndOthersAreNotAffected() {
        assertThatThrownBy(() -> queue.check(2, 2, "anna")).isInstanceOfSatisfying(SolveQueueFullException.class,
                e -> {
                    assertThat(e.getStatusCode()).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
                    assertThat(e.getHeaders().getFirst("Retry-After")).isEqualTo("30");
                });
        assertThatCode(() -> queue.check(2, 0, "ben")).doesNotThrowAnyException();
    }

    @Test
    void aFullQueueStopsEverybodyWith503() {
        assertThatThrownBy(() -> queue.check(3, 0, "dora")).isInstanceOfSatisfying(SolveQueueFullException.class,
                e -> assertThat(e.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThatThrownBy(() -> queue.check(3, 0, null)).isInstanceOf(SolveQueueFullException.class);
    }

    @Test
    void anAnonymousClientCountsOnlyAgainstTheQueue() {
        assertThatCode(() -> queue.check(2, 5, null)).doesNotThrowAnyException();
    }
}
