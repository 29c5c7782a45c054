package org.kamplanner.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.kamplanner.plan.PlanService;
import org.kamplanner.rebalance.RebalanceRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** A KAM leaves (or joins): a rebalanced plan from a solved one, or a leave applied to a running solve. */
@RestController
@RequestMapping("/plans/{id}")
@Tag(name = "Rebalance", description = "Rebalance a plan when KAMs leave or join")
public class RebalanceController {

    /** Body of POST /plans/{id}/problem-changes. */
    public record ProblemChangeRequest(List<String> leavingKamIds) {
    }

    private final PlanService service;

    public RebalanceController(PlanService service) {
        this.service = service;
    }

    @Operation(summary = "A new plan from this one: leavers inactive, newcomers added, solved with continuity")
    @PostMapping("/rebalance")
    public ResponseEntity<PlanService.Submitted> rebalance(@PathVariable String id,
            @RequestBody RebalanceRequest request, Principal client) {
        PlanService.Submitted submitted = service.rebalance(id, request, client == null ? null : client.getName());
        return ResponseEntity.accepted().location(URI.create("/plans/" + submitted.id())).body(submitted);
    }

    @Operation(summary = "KAMs leave a running solve, applied as a Timefold ProblemChange without restarting it")
    @PostMapping("/problem-changes")
    public ResponseEntity<PlanService.Submitted> problemChanges(@PathVariable String id,
            @RequestBody ProblemChangeRequest request) {
        return ResponseEntity.accepted().body(service.leave(id, request.leavingKamIds()));
    }
}
