package org.kamplanner.plan;

import org.kamplanner.words.Words;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * More plans are waiting or solving than this instance takes on (503), or than one client may have at
 * once (429): the client should retry later, as Retry-After says.
 */
public class SolveQueueFullException extends ErrorResponseException {

    static final String RETRY_AFTER_SECONDS = "30";

    public SolveQueueFullException(int limit) {
        this(HttpStatus.SERVICE_UNAVAILABLE, Words.text("error.queueFull", limit));
    }

    /** The client's own share of the queue is used up; other clients are not affected. */
    public static SolveQueueFullException clientQuota(int limit) {
        return new SolveQueueFullException(HttpStatus.TOO_MANY_REQUESTS, Words.text("error.clientQuota", limit));
    }

    private SolveQueueFullException(HttpStatus status, String detail) {
        super(status, ProblemDetail.forStatusAndDetail(status, detail), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
}
