package org.kamplanner.plan;

import org.kamplanner.words.Words;

import java.util.Locale;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * The request does not fit where the plan's solve stands (resuming or rebalancing a plan that is still
 * solving, a problem change for one that is not): 409, with the plan's status as {@code planStatus}.
 */
public class PlanConflictException extends ErrorResponseException {

    /**
     * {@code reason} names the message ({@code error.conflict.rebalanceWhileSolving} …), worded in the
     * request's language with the plan's id (%1$s), its status (%2$s) and the status in lower case (%3$s).
     */
    public PlanConflictException(String planId, PlanStatus status, String reason) {
        super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, Words.text(
                "error.conflict." + reason, planId, status.name(), status.name().toLowerCase(Locale.ROOT))), null);
        getBody().setProperty("planStatus", status.name());
    }

    /**
     * The plan's approval does not allow the request (a read-only plan, a transition from the wrong state):
     * 409 with the approval state as {@code approvalState}; the message's placeholders as above.
     */
    public PlanConflictException(String planId, Approval.State state, String reason) {
        super(HttpStatus.CONFLICT, ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, Words.text(
                "error.conflict." + reason, planId, state.name(), state.name().toLowerCase(Locale.ROOT))), null);
        getBody().setProperty("approvalState", state.name());
    }
}
