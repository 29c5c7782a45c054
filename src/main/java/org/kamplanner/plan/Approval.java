package org.kamplanner.plan;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Where a plan stands in its sign-off: DRAFT → PROPOSED (a planner asks for approval) → APPROVED (an approver
 * signs it off from {@code effectiveFrom}) or back to DRAFT (rejected, with a note why) → SUPERSEDED (a plan
 * descending from it was approved). {@code by} and {@code at} are of the latest change, {@code note} its note;
 * a superseded plan keeps those of its approval (who signed it off, when, from which day).
 * Only a draft may change: what an approver reads is what gets approved, and an approved plan stays as it was.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Approval(State state, String by, Instant at, LocalDate effectiveFrom, String note) {

    public enum State {
        DRAFT, PROPOSED, APPROVED, SUPERSEDED
    }

    /** A new plan, and every plan stored before approvals were kept (V6). */
    static final Approval DRAFT = new Approval(State.DRAFT, null, null, null, null);

    /** Solving, stopping, problem changes and account changes need a draft; any other state refuses them (409). */
    boolean readOnly() {
        return state != State.DRAFT;
    }
}
