package org.kamplanner.plan;

import org.kamplanner.words.Words;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A stored-plans quota is used up (StorageQuota): 429 for the number of plans, 507 for their bytes. Unlike
 * a full solve queue this does not pass by itself: plans must be purged, so there is no Retry-After.
 */
public class StorageFullException extends ErrorResponseException {

    private StorageFullException(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    static StorageFullException plans(int limit, boolean ofClient) {
        return new StorageFullException(HttpStatus.TOO_MANY_REQUESTS, Words.text("error.storeFull.title"),
                Words.text(ofClient ? "error.storeFull.clientPlans" : "error.storeFull.plans", limit));
    }

    static StorageFullException bytes(long megabytes, boolean ofClient) {
        return new StorageFullException(HttpStatus.INSUFFICIENT_STORAGE, Words.text("error.storeFull.title"),
                Words.text(ofClient ? "error.storeFull.clientBytes" : "error.storeFull.bytes", megabytes));
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
