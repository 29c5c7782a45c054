package org.kamplanner.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.explain.PlanAnalysis;
import org.kamplanner.plan.PlanService;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/** The plan endpoints of the API (README). */
@RestController
@RequestMapping("/plans")
@Tag(name = "Plans", description = "Submit, solve, read and explain KAM assignment plans")
public class PlanController {

    private final PlanService service;
    private final ExplainBulkhead bulkhead;

    public PlanController(PlanService service, ExplainBulkhead bulkhead) {
        this.service = service;
        this.bulkhead = bulkhead;
    }

    @Operation(summary = "Validate and store a plan document, and start solving it")
    @PostMapping
    public ResponseEntity<PlanService.Submitted> submit(@RequestBody PlanDocument document, Principal client) {
        PlanService.Submitted submitted = service.submit(document, client == null ? null : client.getName());
        return ResponseEntity.accepted().location(URI.create("/plans/" + submitted.id())).body(submitted);
    }

    @Operation(summary = "List the plans")
    @GetMapping
    public List<PlanService.PlanListItem> list() {
        return service.list();
    }

    @Operation(summary = "The plan as it stands: the best assignments so far while solving")
    @GetMapping("/{id}")
    public PlanDocument get(@PathVariable String id) {
        return service.document(id);
    }

    @Operation(summary = "Cheap status poll")
    @GetMapping("/{id}/status")
    public PlanService.PlanStatusView status(@PathVariable String id) {
        return service.status(id);
    }

    @Operation(summary = "Stop solving; the best plan so far stays. With purge=true the plan is removed for good")
    @DeleteMapping("/{id}")
    public ResponseEntity<PlanDocument> stop(@PathVariable String id,
            @RequestParam(defaultValue = "false") boolean purge) {
        if (purge) {
            service.purge(id);
            return ResponseEntity.noContent().build();
        }
        return ResponseEntity.ok(service.stop(id));
    }

    @Operation(summary = "Solve a finished plan again, starting from its best plan so far")
    @PostMapping("/{id}/solve")
    public ResponseEntity<PlanService.Submitted> resume(@PathVariable String id) {
        PlanService.Submitted submitted = service.resume(id);
        return ResponseEntity.accepted().location(URI.create("/plans/" + submitted.id())).body(submitted);
    }

    @Operation(summary = "Explain the score of a stored plan")
    @GetMapping("/{id}/analysis")
    public PlanAnalysis analysis(@PathVariable String id, @RequestParam(required = false) String fetch) {
        boolean summary = AnalysisFetch.isSummary(fetch);
        return bulkhead.call(() -> service.analysis(id, summary));
    }

    @Operation(summary = "Score and explain a plan document as given, without solving or storing it; "
            + "bound=true adds its quality certificate (a proven lower bound and the gap to it)")
    @PutMapping("/analyze")
    public PlanAnalysis analyze(@RequestBody PlanDocument document, @RequestParam(required = false) String fetch,
            @RequestParam(defaultValue = "false") boolean bound) {
        boolean summary = AnalysisFetch.isSummary(fetch);
        return bulkhead.call(() -> service.analyze(document, summary, bound));
    }
}
