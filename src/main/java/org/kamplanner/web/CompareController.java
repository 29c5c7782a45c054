package org.kamplanner.web;

import java.util.Arrays;
import java.util.List;

import org.kamplanner.words.Words;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.explain.PlanComparison;
import org.kamplanner.plan.PlanService;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Two plans side by side. The literal path /plans/compare wins over the pattern /plans/{id} in Spring's mapping. */
@RestController
@Tag(name = "Compare", description = "Compare two plans: solver runs or scenarios")
public class CompareController {

    private final PlanService service;
    private final ExplainBulkhead bulkhead;

    public CompareController(PlanService service, ExplainBulkhead bulkhead) {
        this.service = service;
        this.bulkhead = bulkhead;
    }

    @Operation(summary = "Two plans side by side: score, summary, per-constraint scores and the accounts assigned differently")
    @GetMapping("/plans/compare")
    public PlanComparison compare(@RequestParam(required = false) String ids) {
        List<String> list = ids == null ? List.of() : Arrays.stream(ids.split(",", -1)).map(String::trim).toList();
        if (list.size() != 2 || list.stream().anyMatch(String::isEmpty)) {
            throw InvalidPlanException.of("ids", ids == null ? Words.text("error.compare.missing")
                    : Words.text("error.compare.ids", ids));
        }
        return bulkhead.call(() -> {
            PlanDocument first = service.document(list.get(0));
            PlanDocument second = service.document(list.get(1));
            return PlanComparison.of(first, service.analysis(first.id(), true), second,
                    service.analysis(second.id(), true));
        });
    }
}
