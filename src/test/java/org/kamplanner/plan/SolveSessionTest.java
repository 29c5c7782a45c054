package org.kamplanner.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.TestDocuments;
import org.kamplanner.domain.AssignmentPlan;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * A solve saves its progress at most once per save interval, and only when a new best solution has come
 * since the last save (the saver's round catches the last one of a burst). Plain JUnit: the solver and
 * the database are not involved; the solver's best-solution event is what {@link SolveSession#improved}
 * stands for here.
 */
class SolveSessionTest {

    private static final Duration INTERVAL = Duration.ofSeconds(5);

    private final Instant t0 = Instant.parse("2026-03-01T09:00:00Z");
    private final PlanDocument input = TestDocuments.oneKam("A1");
    private final StoredPlan plan = new StoredPlan("p-1", input, List.of(), solution(HardMediumSoftLongScore.of(0, -9, 0)),
            t0);
    private final SolveSession session = new SolveSession(plan,
            new SolveSession.Tools(null, null, null, null, null, INTERVAL));

    private AssignmentPlan solution(HardMediumSoftLongScore score) {
        AssignmentPlan solution = PlanFactory.build(input).plan();
        solution.setScore(score);
        return solution;
    }

    @Test
    void notWithoutAnUnsavedBestSolution() {
        assertThat(session.dueForSave(t0)).isFalse();
        assertThat(session.dueForSave(t0.plus(Duration.ofDays(1)))).isFalse();
    }

    @Test
    void onceForEachNewBestSolution() {
        session.improved(solution(HardMediumSoftLongScore.of(0, -1, 0)));
        assertThat(session.dueForSave(t0)).as("never saved before").isTrue();
        assertThat(session.dueForSave(t0)).as("saved just now").isFalse();
        assertThat(session.dueForSave(t0.plusSeconds(60))).as("nothing new since").isFalse();
        assertThat(plan.snapshot().score()).as("the plan readers see has the new best").isEqualTo(HardMediumSoftLongScore.of(0, -1, 0));
    }

    @Test
    void atMostOncePerInterval() {
        session.improved(solution(HardMediumSoftLongScore.of(0, -3, 0)));
        assertThat(session.dueForSave(t0)).isTrue();

        session.improved(solution(HardMediumSoftLongScore.of(0, -2, 0)));
        assertThat(session.dueForSave(t0.plusMillis(4_999))).as("4.999 s after the last save").isFalse();
        assertThat(session.dueForSave(t0.plusSeconds(5))).as("exactly an interval later").isTrue();

        session.improved(solution(HardMediumSoftLongScore.of(0, -1, 0)));
        // The interval counts from the last save (t0 + 5 s), not from the first.
        assertThat(session.dueForSave(t0.plusSeconds(9))).isFalse();
        assertThat(session.dueForSave(t0.plusSeconds(10))).isTrue();
        assertThat(session.dueForSave(t0.plusSeconds(20))).isFalse();
    }
}
