package org.kamplanner.api;

/** The request does not fit the plan's state, e.g. resuming a plan that is still solving. */
public class PlanConflictException extends RuntimeException {

    public PlanConflictException(String message) {
        super(message);
    }
}
