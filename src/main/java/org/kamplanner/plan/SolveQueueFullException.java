package org.kamplanner.plan;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** More plans are waiting or solving than this instance takes on: 503 with Retry-After. */
public class SolveQueueFullException extends ErrorResponseException {

    static final String RETRY_AFTER_SECONDS = "30";

    public SolveQueueFullException(int limit) {
        super(HttpStatus.SERVICE_UNAVAILABLE, ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "The solve queue is full (%d plans waiting or solving); retry later".formatted(limit)), null);
        getHeaders().set(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
    }
}
