package org.kamplanner.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A request that needs a running (or a finished) solve came at the wrong time: 409 problem+json. */
public class PlanNotSolvingException extends ErrorResponseException {

    public PlanNotSolvingException(String planId, PlanStatus status) {
        this(planId, status, "is not solving (status " + status + "): changes apply only to a running solve");
    }

    public PlanNotSolvingException(String planId, PlanStatus status, String reason) {
        super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Plan '" + planId + "' " + reason), null);
        getBody().setProperty("planStatus", status.name());
    }
}
