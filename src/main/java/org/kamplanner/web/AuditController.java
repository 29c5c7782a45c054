package org.kamplanner.web;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.kamplanner.audit.AuditLog;
import org.kamplanner.audit.AuditQueries;
import org.kamplanner.plan.PlanService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** Who changed what and when: a plan's audit log (VIEWER), the whole log (ADMIN), as JSON or CSV. */
@RestController
@Tag(name = "Audit", description = "The audit log: one entry for every request that changed something")
public class AuditController {

    private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    private final AuditLog audit;
    private final PlanService plans;

    public AuditController(AuditLog audit, PlanService plans) {
        this.audit = audit;
        this.plans = plans;
    }

    @Operation(summary = "A plan's audit log, newest first (also of a purged plan); limit 1 to 1,000, 100 by default")
    @GetMapping("/plans/{id}/audit")
    public List<AuditLog.Entry> plan(@PathVariable String id, @RequestParam(required = false) String limit) {
        AuditLog.Query query = AuditQueries.of(id, null, null, limit);
        if (!audit.hasEntries(id)) {
            plans.approval(id); // a plan stored before the log was kept has none: 404 only for an unknown plan
        }
        return audit.entries(query);
    }

    @Operation(summary = "The audit log, newest first: of one plan, of one actor, since an instant or day (each optional)")
    @GetMapping("/audit")
    public List<AuditLog.Entry> all(@RequestParam(required = false) String planId,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String since,
            @RequestParam(required = false) String limit) {
        return audit.entries(AuditQueries.of(planId, actor, since, limit));
    }

    @Operation(summary = "The audit log as CSV (at, actor, role, action, planId, detail), with the same filters")
    @GetMapping("/audit.csv")
    public ResponseEntity<String> csv(@RequestParam(required = false) String planId,
            @RequestParam(required = false) String actor, @RequestParam(required = false) String since,
            @RequestParam(required = false) String limit) {
        return ResponseEntity.ok().contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"audit.csv\"")
                .body(AuditQueries.csv(audit.entries(AuditQueries.of(planId, actor, since, limit))));
    }
}
