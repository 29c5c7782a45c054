package org.kamplanner.plan;

import java.time.Duration;
import java.time.Instant;

/**
 * The current (or last) solve's clock, for the status's elapsed and remaining seconds: when this replica's
 * part of the solve started and ended, when the best score last improved, the solve's limits, and the time
 * the solve used before this replica's part (on a replica that crashed or handed it on). Immutable: a
 * {@link PlanSnapshot} carries it, and each change is a new clock.
 *
 * @param started this replica's part of the solve began; null before it has
 * @param ended it ended; null while it runs
 * @param spentLimit the solve's whole time limit; null when unknown (a plan read back from the database)
 * @param unimprovedLimit the solve ends once the best score has not improved for this long; null for none
 * @param spentBefore what the solve used before this replica's part; zero for a new one
 */
record SolveClock(Instant started, Instant ended, Instant lastImproved, Duration spentLimit, Duration unimprovedLimit,
        Duration spentBefore) {

    /** Before any solve. */
    static final SolveClock NONE = new SolveClock(null, null, null, null, null, Duration.ZERO);

    /** Seconds a solve has run and, while it runs, may still run (at most; sooner after unimprovedSeconds). */
    record SolveTime(Double elapsedSeconds, Double remainingSeconds) {
    }

    /** This replica's part of the solve begins now, with these limits (the unimproved one may be null). */
    SolveClock startedAt(Instant now, Duration spent, Duration unimproved) {
        return new SolveClock(now, null, now, spent, unimproved, spentBefore);
    }

    /** This replica continues a solve that used {@code spent} elsewhere (0: a new one); its clock counts on. */
    SolveClock continuesAfter(Duration spent) {
        return new SolveClock(null, null, lastImproved, spentLimit, unimprovedLimit, spent);
    }

    /** A resume is a new solve: its full time limit again. */
    SolveClock restarted() {
        return continuesAfter(Duration.ZERO);
    }

    SolveClock improvedAt(Instant now) {
        return new SolveClock(started, ended, now, spentLimit, unimprovedLimit, spentBefore);
    }

    /** The solve ended {@code when}, unless it has not started here or ended already. */
    SolveClock endedAt(Instant when) {
        return started != null && ended == null
                ? new SolveClock(started, when, lastImproved, spentLimit, unimprovedLimit, spentBefore) : this;
    }

    /** The time the current (or last) solve has used, over every replica that ran a part of it. */
    Duration spent(Instant now) {
        if (started == null) {
            return spentBefore;
        }
        return spentBefore.plus(Duration.between(started, ended != null ? ended : now));
    }

    /** The elapsed and remaining seconds of a plan in {@code status}. */
    SolveTime solveTime(Instant now, PlanStatus status) {
        if (started == null) {
            // A solve taken over (a crash, a handoff) whose part here has not started yet: the time it used so
            // far, so that a poll never sees the elapsed time go back to nothing (PlanStorageTest).
            return spentBefore.isZero() ? new SolveTime(null, null)
                    : new SolveTime(seconds(spentBefore), status.isFinal() ? 0.0 : null);
        }
        Duration elapsed = spent(now);
        Double remaining = null;
        if (status == PlanStatus.SOLVING && spentLimit != null) {
            Duration left = spentLimit.minus(elapsed);
            if (unimprovedLimit != null) {
                // Timefold ends the solve once the best score has not improved for the unimproved limit.
                Duration unimprovedLeft = unimprovedLimit.minus(Duration.between(lastImproved, now));
                left = left.compareTo(unimprovedLeft) < 0 ? left : unimprovedLeft;
            }
            remaining = seconds(left.isNegative() ? Duration.ZERO : left);
        } else if (status.isFinal()) {
            remaining = 0.0;
        }
        return new SolveTime(seconds(elapsed), remaining);
    }

    private static double seconds(Duration duration) {
        return Math.round(duration.toMillis() / 100.0) / 10.0;
    }
}
