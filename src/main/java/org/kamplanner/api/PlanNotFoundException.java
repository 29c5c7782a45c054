package org.kamplanner.api;

/** No plan with this id: answered as 404. */
public class PlanNotFoundException extends RuntimeException {

    private final String planId;

    public PlanNotFoundException(String planId) {
        super("Plan '" + planId + "' not found");
        this.planId = planId;
    }

    public String planId() {
        return planId;
    }
}
