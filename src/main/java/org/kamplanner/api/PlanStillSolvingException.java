package org.kamplanner.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A change to a plan the solver is still working on: a 409 problem, to be retried once it has finished. */
public class PlanStillSolvingException extends ErrorResponseException {

    public PlanStillSolvingException(String planId, PlanStatus status) {
        super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Plan '" + planId + "' is " + status + "; stop it (DELETE /plans/" + planId
                        + ") or wait until it has finished before adding accounts"), null);
    }
}
