package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** The heap share of solves and bounds (SolveMemory): what fits starts, what does not waits its turn. */
class SolveMemoryTest {

    private static final long MB = 1 << 20;

    @Test
    void aSolveStartsWhenItFitsBesideTheOthersAndAloneWhateverItsSize() {
        SolveMemory memory = new SolveMemory(100 * MB);

        assertThat(memory.tryHoldSolve("a", 60 * MB)).isTrue();
        assertThat(memory.tryHoldSolve("b", 40 * MB)).as("60 + 40 is the budget exactly").isTrue();
        assertThat(memory.tryHoldSolve("c", 1)).as("one byte more").isFalse();
        memory.releaseSolve("a");
        memory.releaseSolve("b");
        assertThat(memory.heldBytes()).isZero();
        assertThat(memory.tryHoldSolve("huge", 500 * MB)).as("nothing else held: it starts, never waits for ever").isTrue();
        assertThat(memory.tryHoldSolve("small", 1)).isFalse();
    }

    @Test
    void aBoundWaitsUntilTheSolvesEndAndNewSolvesWaitBehindIt() throws Exception {
        SolveMemory memory = new SolveMemory(100 * MB);
        assertThat(memory.tryHoldSolve("a", 30 * MB)).isTrue();
        assertThat(memory.tryHoldSolve("b", 30 * MB)).isTrue();

        CompletableFuture<Void> bound = CompletableFuture.runAsync(() -> {
            try {
                memory.holdBound("p", 90 * MB);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        // The bound waits: 60 + 90 > 100. A solve that would fit beside the running ones but not beside
        // the waiting bound waits behind it, so a stream of solves cannot starve the certificate.
        await().atMost(Duration.ofSeconds(10)).until(() -> memory.waitingBytes() == 90 * MB);
        assertThat(memory.tryHoldSolve("c", 20 * MB)).isFalse();
        assertThat(bound).isNotDone();
        memory.releaseSolve("a");
        assertThat(bound).as("30 + 90 still over").isNotDone();
        memory.releaseSolve("b");
        bound.get(10, TimeUnit.SECONDS);
        assertThat(memory.heldBytes()).isEqualTo(90 * MB);
        assertThat(memory.tryHoldSolve("d", 10 * MB)).as("90 + 10 fits").isTrue();
        memory.releaseBound("p");
        memory.releaseSolve("d");
        assertThat(memory.heldBytes()).isZero();
    }
}
