package org.kamplanner.plan;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Something the request names does not exist: a plan, an account of a plan, a dataset, an export. 404. */
public class NotFoundException extends ErrorResponseException {

    /** {@code kind} as a planner reads it ("Plan", "Account 'A1' in plan"), {@code id} as the request gave it. */
    public NotFoundException(String kind, String id) {
        this(kind + " '" + id + "' not found");
    }

    public NotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail), null);
    }
}
