package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.TestDocuments;
import org.kamplanner.domain.AssignmentPlan;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * What a reader of a plan sees (PlanSnapshot): one moment of it in one read, never changed after, whatever
 * transitions come later or meanwhile. Plain JUnit: the solver and the database are not involved.
 */
class PlanSnapshotTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T08:00:00Z");

    private final PlanDocument input = TestDocuments.oneKam("A1");
    private final StoredPlan plan = new StoredPlan("p-1", input, List.of("w1"), solution(-500), CREATED);

    private AssignmentPlan solution(long soft) {
        AssignmentPlan solution = PlanFactory.build(input).plan();
        solution.setScore(HardMediumSoftLongScore.of(0, 0, soft));
        return solution;
    }

    @Test
    void aSnapshotTakenBeforeTransitionsStaysAsItWas() {
        PlanSnapshot waiting = plan.snapshot();

        plan.started(Duration.ofSeconds(30), null);
        plan.improved(solution(-7));
        assertThat(plan.requestStop()).isTrue();
        plan.finished(null);

        assertThat(waiting.status()).isEqualTo(PlanStatus.SCHEDULED);
        assertThat(waiting.score()).isEqualTo(HardMediumSoftLongScore.of(0, 0, -500));
        assertThat(waiting.stopRequested()).isFalse();
        assertThat(waiting.clock()).isEqualTo(SolveClock.NONE);
        assertThat(waiting.solveTime(Instant.now())).isEqualTo(new SolveClock.SolveTime(null, null));
        PlanSnapshot ended = plan.snapshot();
        assertThat(ended.status()).isEqualTo(PlanStatus.TERMINATED);
        assertThat(ended.score()).isEqualTo(HardMediumSoftLongScore.of(0, 0, -7));
        assertThat(ended.clock().ended()).isNotNull();
        assertThat(ended.version()).as("a new best, then the end").isEqualTo(waiting.version() + 2);
    }

    @Test
    void theWarningsOfASnapshotCannotBeChangedThroughIt() {
        List<String> given = new ArrayList<>(List.of("w1"));
        StoredPlan other = new StoredPlan("p-2", input, given, solution(-1), CREATED);
        given.add("added later");

        assertThat(other.snapshot().warnings()).containsExactly("w1");
        assertThat(other.snapshot().warnings()).isUnmodifiable();
    }

    @Test
    void aSaveReadsTheSnapshotWithTheBestPlanItGoesWith() {
        plan.started(null, null);
        AssignmentPlan better = solution(-3);
        plan.improved(better);

        StoredPlan.Loaded loaded = plan.loaded();

        assertThat(loaded.best()).isSameAs(better);
        assertThat(loaded.snapshot().score()).isEqualTo(better.getScore());
        assertThat(loaded.input()).isSameAs(input);
    }

    /**
     * The solver thread hands over new bests while a poller reads: every snapshot the poller gets has the score
     * of its own version (each new best counts one), never one moment's version with another's score.
     */
    @Test
    void aPollerNeverSeesAScoreOfAnotherMomentThanItsVersion() {
        List<AssignmentPlan> bests = new ArrayList<>();
        for (int i = 1; i <= 300; i++) {
            bests.add(solution(-i));
        }
        plan.started(null, null);
        long first = plan.snapshot().version();
        AtomicBoolean solving = new AtomicBoolean(true);
        CompletableFuture<Integer> poller = CompletableFuture.supplyAsync(() -> {
            int reads = 0;
            while (solving.get() || reads == 0) {
                PlanSnapshot now = plan.snapshot();
                long improvements = now.version() - first;
                long expected = improvements == 0 ? -500 : -improvements;
                assertThat(now.score().softScore()).as("version %d", now.version()).isEqualTo(expected);
                reads++;
            }
            return reads;
        });
        for (AssignmentPlan best : bests) {
            plan.improved(best);
        }
        solving.set(false);

        assertThat(poller.join()).isPositive();
        assertThat(plan.snapshot().score().softScore()).isEqualTo(-300);
    }
}
