package org.kamplanner.solver.search;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

import org.kamplanner.domain.Kam;

import com.google.ortools.sat.CpSolver;

/**
 * One CP-SAT solve of a {@link KamSubProblem} under way on a thread of its own, so that the solver thread can
 * take each better assignment CP-SAT finds (its solution callback) while the search goes on, end a Timefold
 * step with it (which publishes it) and come back for the next: a whole-plan solve runs for up to 14 s and
 * would otherwise publish nothing until it ends. CP-SAT's search is not interrupted by that, so the solve ends
 * where one blocking call would have. The working plan is only ever changed by the solver thread.
 *
 * <p>CP-SAT cannot ask Timefold whether the solve should end (its time, or a stop from the service); a watcher
 * asks every 50 ms and stops the search, also while the solver thread is between two steps. The watcher is told
 * to end by a flag, never by an interrupt: Timefold's termination, asked on an interrupted thread, takes the
 * interrupt for a thread pool shutting down and ends the whole solve for good ("The solver thread got
 * interrupted"). An interrupt that landed while the watcher was asking ended solves early at random under load,
 * and a seed with a work budget no longer gave the same plan (benchmarks/RESULTS.md, "Session 12").
 */
final class SubProblemSolve {

    private final BlockingQueue<KamSubProblem.Outcome> found = new LinkedBlockingQueue<>();
    private final CpSolver solver;
    private final Thread solving;
    private final Thread watcher;
    private volatile RuntimeException failure;
    private volatile boolean ended;

    /**
     * @param solve the two-level solve; given a consumer, it hands it every better assignment found on the way
     * @param handOver whether intermediate assignments are handed over ({@link #next} returns them)
     */
    SubProblemSolve(CpSolver solver, Function<Consumer<Kam[]>, KamSubProblem.Outcome> solve, BooleanSupplier stop,
            boolean handOver) {
        this.solver = solver;
        Consumer<Kam[]> better = handOver ? a -> found.add(new KamSubProblem.Outcome(true, false, a, false)) : null;
        this.watcher = new Thread(() -> {
            while (!ended) {
                if (stop.getAsBoolean()) {
                    solver.stopSearch(); // again at every poll: the second level's search is a new one
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50)); // unparked when the solve ends
            }
        }, "cp-sat-watcher");
        this.solving = new Thread(() -> {
            KamSubProblem.Outcome outcome = KamSubProblem.Outcome.NONE;
            try {
                outcome = solve.apply(better);
            } catch (RuntimeException e) {
                failure = e;
            } finally {
                ended = true;
                LockSupport.unpark(watcher);
                found.add(outcome);
            }
        }, "cp-sat-solve");
        watcher.setDaemon(true);
        solving.setDaemon(true);
        watcher.start();
        solving.start();
    }

    /**
     * The next better assignment found (not {@code last}), or the solve's outcome once it has ended ({@code last});
     * blocks until one of them is there.
     */
    KamSubProblem.Outcome next() {
        KamSubProblem.Outcome outcome;
        boolean interrupted = false;
        while (true) {
            try {
                outcome = found.take();
                break;
            } catch (InterruptedException e) {
                interrupted = true; // the solve is stopped and its outcome awaited: no thread is left behind
                solver.stopSearch();
            }
        }
        if (outcome.last()) {
            interrupted |= join(solving) | join(watcher);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (outcome.last() && failure != null) {
            throw failure;
        }
        return outcome;
    }

    /** The watcher may be in the middle of asking the termination, which is not made for two threads. */
    private static boolean join(Thread thread) {
        boolean interrupted = false;
        while (true) {
            try {
                thread.join();
                return interrupted;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
    }
}
