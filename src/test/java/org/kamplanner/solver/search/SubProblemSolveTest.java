package org.kamplanner.solver.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

import com.google.ortools.Loader;
import com.google.ortools.sat.CpSolver;

/**
 * The watcher that asks Timefold's termination on CP-SAT's behalf is never interrupted while it asks: Timefold
 * takes an interrupted thread for a pool shutting down and ends the whole solve for good. That interrupt, when it
 * landed while the watcher was inside the termination, ended solves early at random on a busy machine (a seed and
 * a work budget gave two different plans).
 */
class SubProblemSolveTest {

    @Test
    void theWatcherIsNotInterruptedWhileItAsksTheTermination() {
        Loader.loadNativeLibraries();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch asked = new CountDownLatch(1);
        Thread[] solving = new Thread[1];
        List<Boolean> interruptedWhileAsking = new ArrayList<>();
        // The first question waits, inside the termination, until the solve's thread has ended: everything that
        // thread does when the solve ends has then happened while the watcher was asking.
        BooleanSupplier stop = () -> {
            if (asked.getCount() > 0) {
                asked.countDown();
                uninterruptibly(started::await);
                uninterruptibly(solving[0]::join);
            }
            synchronized (interruptedWhileAsking) {
                interruptedWhileAsking.add(Thread.currentThread().isInterrupted());
            }
            return false;
        };

        SubProblemSolve solve = new SubProblemSolve(new CpSolver(), better -> {
            solving[0] = Thread.currentThread();
            started.countDown();
            uninterruptibly(asked::await);
            return KamSubProblem.Outcome.NONE;
        }, stop, false);

        assertThat(solve.next()).isSameAs(KamSubProblem.Outcome.NONE);
        synchronized (interruptedWhileAsking) {
            assertThat(interruptedWhileAsking).isNotEmpty().containsOnly(false);
        }
        assertThat(Thread.currentThread().isInterrupted()).isFalse();
    }

    private interface Wait {
        void run() throws InterruptedException;
    }

    /** Waits on as a thread that ignores interrupts would, and keeps the interrupt for who looks after. */
    private static void uninterruptibly(Wait wait) {
        boolean interrupted = false;
        while (true) {
            try {
                wait.run();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
