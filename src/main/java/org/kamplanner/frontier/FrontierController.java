package org.kamplanner.frontier;

import java.net.URI;
import java.security.Principal;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The hand-over frontier: one plan per cap on the hand-overs, and the curve they make (README, "The frontier"). */
@RestController
@Tag(name = "Frontier", description = "What each further hand-over buys: one plan per cap on the hand-overs")
public class FrontierController {

    private final FrontierService service;

    FrontierController(FrontierService service) {
        this.service = service;
    }

    @Operation(summary = "Solve the plan once per cap on hand-overs (default: 5 caps from 0 to the uncapped plan's)")
    @PostMapping("/plans/{id}/frontier")
    public ResponseEntity<FrontierSubmitted> create(@PathVariable String id,
            @RequestBody(required = false) FrontierRequest request, Principal client) {
        FrontierSubmitted submitted = service.create(id, request, client == null ? null : client.getName());
        return ResponseEntity.accepted().location(URI.create("/frontiers/" + submitted.id())).body(submitted);
    }

    @Operation(summary = "The frontier's points by cap (no cap last), each with its plan's figures and bound")
    @GetMapping("/frontiers/{id}")
    public Frontier read(@PathVariable String id) {
        return service.read(id);
    }
}
