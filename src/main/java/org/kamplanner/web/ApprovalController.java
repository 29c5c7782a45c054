package org.kamplanner.web;

import org.kamplanner.plan.Approval;
import org.kamplanner.plan.PlanApproval;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A plan's sign-off: a planner proposes it, an approver approves or rejects it (README, "Approval"). */
@RestController
@RequestMapping("/plans/{id}")
@Tag(name = "Approval", description = "Propose, approve or reject a plan")
public class ApprovalController {

    private final PlanApproval approval;

    public ApprovalController(PlanApproval approval) {
        this.approval = approval;
    }

    @Operation(summary = "Put a finished draft up for approval (PLANNER); it is read-only from then on")
    @PostMapping("/propose")
    public Approval propose(@PathVariable String id) {
        return approval.propose(id);
    }

    @Operation(summary = "Approve a proposed, feasible plan from effectiveFrom (YYYY-MM-DD) on, with a note (APPROVER); "
            + "the approved plan it descends from is superseded")
    @PostMapping("/approve")
    public Approval approve(@PathVariable String id, @RequestBody(required = false) PlanApproval.ApproveRequest request) {
        return approval.approve(id, request);
    }

    @Operation(summary = "Send a proposed plan back to draft, with a note why (APPROVER)")
    @PostMapping("/reject")
    public Approval reject(@PathVariable String id, @RequestBody(required = false) PlanApproval.RejectRequest request) {
        return approval.reject(id, request);
    }
}
