package org.kamplanner.plan;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The request does not fit where the plan's solve stands (resuming or rebalancing a plan that is still
 * solving, a problem change for one that is not): 409, with the plan's status as {@code planStatus}.
 */
public class PlanConflictException extends ErrorResponseException {

    public PlanConflictException(String planId, PlanStatus status, String reason) {
        super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Plan '" + planId + "' " + reason), null);
        getBody().setProperty("planStatus", status.name());
    }
}
