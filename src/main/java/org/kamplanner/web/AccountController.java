package org.kamplanner.web;

import java.util.List;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.explain.AccountExplanation;
import org.kamplanner.explain.Recommendation;
import org.kamplanner.plan.PlanAccounts;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** One account of a plan: why it is where it is, where it (or a new one) should go, adding one. */
@RestController
@RequestMapping("/plans/{id}")
@Tag(name = "Accounts", description = "Explain an account's assignment, recommend KAMs, add an account")
public class AccountController {

    private final PlanAccounts accounts;
    private final ExplainBulkhead bulkhead;

    public AccountController(PlanAccounts accounts, ExplainBulkhead bulkhead) {
        this.accounts = accounts;
        this.bulkhead = bulkhead;
    }

    @Operation(summary = "The account's share of the score and the 5 best other KAMs, per constraint")
    @GetMapping("/accounts/{accountId}/explanation")
    public AccountExplanation explanation(@PathVariable String id, @PathVariable String accountId) {
        return bulkhead.call(() -> accounts.explanation(id, accountId));
    }

    @Operation(summary = "The 5 best KAMs for an account of the plan (as if unassigned) or a new account; changes nothing")
    @PostMapping("/recommendations")
    public List<Recommendation> recommendations(@PathVariable String id,
            @RequestBody PlanAccounts.RecommendationRequest request) {
        return bulkhead.call(() -> accounts.recommendations(id, request));
    }

    @Operation(summary = "Add a new account to a plan that is no longer solving, assigned to a KAM, and rescore")
    @PostMapping("/accounts")
    public PlanDocument add(@PathVariable String id, @RequestBody PlanAccounts.AddAccountRequest request) {
        return accounts.add(id, request);
    }
}
