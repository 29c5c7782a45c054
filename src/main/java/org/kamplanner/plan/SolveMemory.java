package org.kamplanner.plan;

import java.util.HashMap;
import java.util.Map;

import org.kamplanner.document.PlanDocument;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The heap this replica's solves and quality certificates may hold at once: a share of the maximum heap
 * ({@code kam-planner.solver.memory-percent}, 50 %), the rest left to the service, its requests in flight and
 * the plans kept loaded. A solve or a bound holds what it may need, estimated from the plan's size, while it
 * runs; one that does not fit beside those running waits until they end (a solve goes back into the queue,
 * SolveTask; a bound waits on its thread). Anything fits when nothing else is held, so a plan never waits
 * for ever; a bound too large for the heap on its own is refused by LowerBound.
 *
 * <p>Why (issue 30, "no request may run the heap out"): eight plans at the body cap in a 300 MB heap ran
 * out of memory on a loaded machine, where a solve and the certificate of the plan before overlapped.
 * Measured (benchmarks/solve-heap.sh, live heap after a full collection each second): a solve holds at most
 * 1.6 KB per account (10,000 accounts × 1,000 KAMs: 16 MB), a bound 27–38 B per account-KAM pair
 * (10 million pairs: 266 MB) — so the certificate, not the solve, is what must wait its turn.
 */
@Component
class SolveMemory {

    /** What a solve may hold per account: its model, the best solutions and the search's tables (measured ≤ 1.6 KB). */
    static final long SOLVE_BYTES_PER_ACCOUNT = 4096;

    private final long budget;
    private final Map<String, Long> held = new HashMap<>();
    private long heldBytes;
    /** A bound waiting for room: solves that would take that room wait behind it, so it gets its turn. */
    private long waitingBytes;

    @Autowired
    SolveMemory(@Value("${kam-planner.solver.memory-percent:50}") int percent) {
        this(Runtime.getRuntime().maxMemory() / 100 * Math.max(1, Math.min(100, percent)));
    }

    SolveMemory(long budget) {
        this.budget = budget;
    }

    static long solveNeed(PlanDocument document) {
        return SOLVE_BYTES_PER_ACCOUNT * (document.accounts() == null ? 0 : document.accounts().size());
    }

    /** Holds {@code bytes} for the solve of {@code planId} if they fit beside what is held and awaited; else false. */
    synchronized boolean tryHoldSolve(String planId, long bytes) {
        if (heldBytes > 0 && heldBytes + waitingBytes + bytes > budget) {
            return false;
        }
        hold("solve " + planId, bytes);
        return true;
    }

    /** Holds {@code bytes} for the bound of {@code planId}, waiting until they fit beside what is held. */
    synchronized void holdBound(String planId, long bytes) throws InterruptedException {
        waitingBytes += bytes;
        try {
            while (heldBytes > 0 && heldBytes + bytes > budget) {
                wait();
            }
        } finally {
            waitingBytes -= bytes;
        }
        hold("bound " + planId, bytes);
    }

    synchronized void releaseSolve(String planId) {
        release("solve " + planId);
    }

    synchronized void releaseBound(String planId) {
        release("bound " + planId);
    }

    synchronized long heldBytes() {
        return heldBytes;
    }

    synchronized long waitingBytes() {
        return waitingBytes;
    }

    private void hold(String key, long bytes) {
        Long before = held.put(key, bytes);
        heldBytes += bytes - (before == null ? 0 : before);
    }

    private void release(String key) {
        Long bytes = held.remove(key);
        if (bytes != null) {
            heldBytes -= bytes;
            notifyAll();
        }
    }
}
