package org.kamplanner.api;

/** More plans are waiting or solving than this instance takes on: the client should retry later. */
public class SolveQueueFullException extends RuntimeException {

    public SolveQueueFullException(int limit) {
        super("The solve queue is full (%d plans waiting or solving); retry later".formatted(limit));
    }
}
