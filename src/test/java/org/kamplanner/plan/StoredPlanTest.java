package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.TestDocuments;
import org.kamplanner.domain.AssignmentPlan;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * The life cycle of a stored plan (StoredPlan, PlanStatus): SCHEDULED → SOLVING → COMPLETED, or
 * TERMINATED when a stop was requested, or FAILED; restart from a final state only (when progress is due
 * for a save is the solve's: SolveSessionTest). Plain JUnit: the solver and the database are not involved.
 */
class StoredPlanTest {

    private static final Instant CREATED = Instant.parse("2026-03-01T08:00:00Z");
    private static final HardMediumSoftLongScore INITIAL = HardMediumSoftLongScore.of(0, -111, -500);

    private final PlanDocument input = TestDocuments.oneKam("A1");
    private final AssignmentPlan initial = plan(input, INITIAL);
    private static final Instant FAILED_AT = Instant.parse("2026-11-28T10:15:00Z");

    private final StoredPlan plan = new StoredPlan("p-1", input, List.of("w1"), initial, CREATED);

    private static AssignmentPlan plan(PlanDocument document, HardMediumSoftLongScore score) {
        AssignmentPlan plan = PlanFactory.build(document).plan();
        plan.setScore(score);
        return plan;
    }

    private AssignmentPlan solution(HardMediumSoftLongScore score) {
        return plan(input, score);
    }

    /** Brings the plan into a final state by the given route. */
    private void makeFinal(PlanStatus status) {
        plan.started(null, null);
        switch (status) {
            case COMPLETED -> plan.finished(solution(HardMediumSoftLongScore.of(0, 0, -1)));
            case TERMINATED -> {
                assertThat(plan.requestStop()).isTrue();
                plan.finished(solution(HardMediumSoftLongScore.of(0, 0, -2)));
            }
            case FAILED -> plan.failed(FAILED_AT);
            default -> throw new IllegalArgumentException(status.name());
        }
        assertThat(plan.snapshot().status()).isEqualTo(status);
    }

    @Test
    void aNewPlanIsScheduledWithItsInitialPlan() {
        assertThat(plan.snapshot().status()).isEqualTo(PlanStatus.SCHEDULED);
        assertThat(plan.best()).isSameAs(initial);
        assertThat(plan.snapshot().score()).isEqualTo(INITIAL);
        assertThat(plan.input()).isSameAs(input);
        assertThat(plan.snapshot().error()).isNull();
        assertThat(plan.snapshot().warnings()).containsExactly("w1");
        assertThat(plan.createdAt).isEqualTo(CREATED);
    }

    @Test
    void finalStatesAreExactlyCompletedTerminatedFailed() {
        assertThat(PlanStatus.values()).filteredOn(PlanStatus::isFinal)
                .containsExactlyInAnyOrder(PlanStatus.COMPLETED, PlanStatus.TERMINATED, PlanStatus.FAILED);
    }

    // ************************************************************************
    // Solving
    // ************************************************************************

    @Nested
    class Solving {

        @Test
        void startedMovesScheduledToSolvingOnce() {
            plan.started(null, null);
            assertThat(plan.snapshot().status()).isEqualTo(PlanStatus.SOLVING);
            plan.started(null, null);
            assertThat(plan.snapshot().status()).isEqualTo(PlanStatus.SOLVING);
        }

        @Test
        void finishedWithoutAStopRequestIsCompletedWithTheFinalPlan() {
            plan.started(null, null);
            AssignmentPlan last = solution(HardMediumSoftLongScore.of(0, 0, -42));
            plan.finished(last);
            assertThat(plan.snapshot().status()).isEqualTo(PlanStatus.COMPLETED);
            assertThat(plan.best()).isSameAs(last);
            assertThat(plan.snapshot().score()).isEqualTo(HardMediumSoftLongScore.of(0, 0, -42));
            assertThat(plan.snapshot().error()).isNull();
        }

        @Test
        void finishedWithoutAPlanKeepsTheBestSoFar() {
            plan.started(null, null);
            AssignmentPlan better = solution(HardMediumSoftLongScore.of(0, -10, -300));
            plan.improved(better);
            plan.finished(null);
            assertThat(plan.snapshot().status()).isEqualTo(PlanStatus.COMPLETED);
            assertThat(plan.best()).isSameAs(better);
            assertThat(plan.snapshot().score()).isEqualTo(HardMediumSoftLongScore.of(0, -10, -300));
        }

        @Test
        void stopRequestedWhileSolvingEndsTerminated() {
            plan.started(null, null);
            assertThat(plan.requestStop()).isTrue();
            assertThat(plan.snapshot().status()).as("a request alone changes nothing").isEqualTo(PlanStatus.SOLVING);
            plan.finished(solution(HardMediumSoftLongScore.of(0, 0, -7)));
            assertThat(plan.snapshot().status()).isEqualTo(PlanStatus.TERMINATED);
            assertThat(plan.snapshot().score()).isEqualTo(HardMediumSoftLongScore.of(0, 0, -7));
        }

        @Test
        void stopRequestedBeforeSolvingStartedEndsTerminated() {
            assertThat(plan.requestStop()).isTrue();
            plan.started(null, null);
            plan.finished(null);
            assertThat(plan.snapshot().status()).isEqualTo(PlanStatus.TERMINATED);
        }

        @Test
        void failedIsFailedWithWhenAndWhatNextButNoInternals() {
            plan.started(null, null);
            plan.failed(FAILED_AT);
            assertThat(plan.snapshot().status()).isEqualTo(PlanStatus.FAILED);
            assertThat(plan.snapshot().error()).isEqualTo("Solving failed unexpectedly at 2026-11-28T10:15:00Z; the best plan "
                    + "found before stays. The error is logged on the server; POST /plans/p-1/solve tries again.");
        }

        @ParameterizedTest
        @EnumSource(value = PlanStatus.class, names = { "COMPLETED", "TERMINATED", "FAILED" })
        void requestStopOnAFinalPlanIsFalse(PlanStatus status) {
            makeFinal(status);
            assertThat(plan.requestStop()).isFalse();
            assertThat(plan.snapshot().status()).isEqualTo(status);
        }

        @ParameterizedTest
        @EnumSource(value = PlanStatus.class, names = { "COMPLETED", "TERMINATED", "FAILED" })
        void aFinalStateIsNotLeftByStartedOrFinished(PlanStatus status) {
            makeFinal(status);
            plan.started(null, null);
            assertThat(plan.snapshot().status()).isEqualTo(status);
            plan.finished(null);
            assertThat(plan.snapshot().status()).isEqualTo(status);
        }
    }

    // ************************************************************************
    // Restart
    // ************************************************************************

    @Nested
    class Restart {

        @Test
        void notWhileScheduledOrSolving() {
            assertThat(plan.restart()).isFalse();
            assertThat(plan.snapshot().status()).isEqualTo(PlanStatus.SCHEDULED);
            plan.started(null, null);
            assertThat(plan.restart()).isFalse();
            assertThat(plan.snapshot().status()).isEqualTo(PlanStatus.SOLVING);
        }

        @ParameterizedTest
        @EnumSource(value = PlanStatus.class, names = { "COMPLETED", "TERMINATED", "FAILED" })
        void fromAFinalStateBackToScheduledFromTheBestPlan(PlanStatus status) {
            makeFinal(status);
            AssignmentPlan best = plan.best();
            assertThat(plan.restart()).isTrue();
            assertThat(plan.snapshot().status()).isEqualTo(PlanStatus.SCHEDULED);
            assertThat(plan.snapshot().error()).isNull();
            assertThat(plan.best()).isSameAs(best);
        }

        @Test
        void aWarningThatSaidHowToResumeGoesWithTheResumeOthersStay() {
            StoredPlan interrupted = new StoredPlan("p-1", input, List.of("w1",
                    "Solving was stopped by a shutdown of the service; POST /plans/p-1/solve resumes it."), initial, CREATED);
            interrupted.started(null, null);
            interrupted.finished(null);
            assertThat(interrupted.restart()).isTrue();
            assertThat(interrupted.snapshot().warnings()).containsExactly("w1");
        }

        @Test
        void aStopRequestDoesNotOutliveTheRestart() {
            makeFinal(PlanStatus.TERMINATED);
            assertThat(plan.restart()).isTrue();
            plan.started(null, null);
            plan.finished(null);
            assertThat(plan.snapshot().status()).isEqualTo(PlanStatus.COMPLETED);
        }

        @Test
        void aFailedPlanRestartsWithoutItsError() {
            makeFinal(PlanStatus.FAILED);
            assertThat(plan.snapshot().error()).startsWith("Solving failed unexpectedly");
            assertThat(plan.restart()).isTrue();
            assertThat(plan.snapshot().error()).isNull();
            plan.started(null, null);
            assertThat(plan.snapshot().status()).isEqualTo(PlanStatus.SOLVING);
        }
    }

    // ************************************************************************
    // Changes to a stored plan
    // ************************************************************************

    @Test
    void accountAddedReplacesInputAndBestPlan() {
        plan.started(null, null);
        plan.finished(solution(HardMediumSoftLongScore.of(0, 0, -9)));
        PlanDocument bigger = TestDocuments.oneKam("A1", "A2");
        AssignmentPlan biggerPlan = plan(bigger, HardMediumSoftLongScore.of(0, -10, -9));

        plan.accountAdded(bigger, biggerPlan);

        assertThat(plan.input()).isSameAs(bigger);
        assertThat(plan.input().accounts()).extracting(PlanDocument.Account::id).containsExactly("A1", "A2");
        assertThat(plan.best()).isSameAs(biggerPlan);
        assertThat(plan.snapshot().score()).isEqualTo(HardMediumSoftLongScore.of(0, -10, -9));
        assertThat(plan.snapshot().status()).isEqualTo(PlanStatus.COMPLETED);
    }

    @Test
    void updateInputAppliesTheChange() {
        PlanDocument other = TestDocuments.oneKam("A9");
        plan.updateInput(old -> {
            assertThat(old).isSameAs(input);
            return other;
        });
        assertThat(plan.input()).isSameAs(other);
    }

    @Test
    void aRestoredPlanReadsItsContentsOnFirstUseOnly() {
        AtomicInteger loads = new AtomicInteger();
        AssignmentPlan loaded = plan(input, HardMediumSoftLongScore.of(0, 0, -5));
        StoredPlan restored = new StoredPlan("p-2", "restored", CREATED, PlanSnapshot.stored(PlanStatus.FAILED,
                "Solving failed: disk full", HardMediumSoftLongScore.of(0, 0, -5), null, List.of(), Duration.ZERO,
                CREATED, Lineage.UNKNOWN, Approval.DRAFT), () -> {
                    loads.incrementAndGet();
                    return new StoredPlan.Contents(input, loaded);
                });

        assertThat(restored.snapshot().status()).isEqualTo(PlanStatus.FAILED);
        assertThat(restored.snapshot().error()).isEqualTo("Solving failed: disk full");
        assertThat(restored.snapshot().score()).isEqualTo(HardMediumSoftLongScore.of(0, 0, -5));
        assertThat(restored.name).isEqualTo("restored");
        assertThat(restored.isLoaded()).isFalse();
        assertThat(loads).hasValue(0);
        assertThat(restored.best()).isSameAs(loaded);
        assertThat(restored.input()).isSameAs(input);
        assertThat(loads).hasValue(1);
        assertThat(restored.restart()).isTrue();
        assertThat(restored.snapshot().status()).isEqualTo(PlanStatus.SCHEDULED);
    }

    @Nested
    class Unload {

        private final AtomicInteger loads = new AtomicInteger();

        private void storeIt() {
            plan.storedIn(() -> {
                loads.incrementAndGet();
                return new StoredPlan.Contents(input, initial);
            });
        }

        @Test
        void aFinishedSavedPlanGivesItsContentsBackAndReadsThemAgain() {
            storeIt();
            plan.started(null, null);
            plan.finished(null);
            plan.saved(plan.snapshot().version());
            assertThat(plan.unload()).isTrue();
            assertThat(plan.isLoaded()).isFalse();
            assertThat(plan.best()).isSameAs(initial);
            assertThat(loads).hasValue(1);
        }

        @Test
        void aPlanBeingSolvedKeepsItsContents() {
            storeIt();
            plan.started(null, null);
            plan.saved(plan.snapshot().version());
            assertThat(plan.unload()).isFalse();
            assertThat(plan.isLoaded()).isTrue();
        }

        @Test
        void aChangeTheDatabaseHasNotSeenKeepsTheContents() {
            storeIt();
            plan.started(null, null);
            long written = plan.snapshot().version();
            plan.finished(solution(HardMediumSoftLongScore.of(0, 0, -1)));
            plan.saved(written); // the save read the plan before it finished
            assertThat(plan.unload()).isFalse();
            plan.saved(plan.snapshot().version());
            assertThat(plan.unload()).isTrue();
        }

        @Test
        void aPlanNotYetStoredCannotBeReadBackSoKeepsItsContents() {
            plan.started(null, null);
            plan.finished(null);
            plan.saved(plan.snapshot().version());
            assertThat(plan.unload()).isFalse();
        }
    }
}
