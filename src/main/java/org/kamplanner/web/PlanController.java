package org.kamplanner.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.explain.PlanAnalysis;
import org.kamplanner.plan.PlanService;
import org.springframework.http.HttpHeaders;
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
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
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

    @Operation(summary = "Validate and store a plan document, and start solving it",
            description = "With `from`, the document is that stored plan as the planner edited it: the new plan is "
                    + "its child, of origin EDITED (404 when there is no such plan).")
    @PostMapping
    public ResponseEntity<PlanService.Submitted> submit(@RequestBody PlanDocument document,
            @RequestParam(required = false) String from, Principal client) {
        String name = client == null ? null : client.getName();
        PlanService.Submitted submitted = from == null ? service.submit(document, name)
                : service.submitEdited(document, name, from);
        return ResponseEntity.accepted().location(URI.create("/plans/" + submitted.id())).body(submitted);
    }

    @Operation(summary = "List the plans, oldest first, a page at a time",
            description = "At most `limit` plans (default " + PlanPage.DEFAULT_LIMIT + ", at most " + PlanPage.MAX_LIMIT
                    + ") from `offset` on. `X-Total-Count` gives the number of all plans, and a `Link` header "
                    + "(RFC 8288) the next and previous page, when there is one.")
    @ApiResponse(responseCode = "200", description = "One page of the plans",
            headers = { @Header(name = PlanPage.TOTAL_COUNT, description = "How many plans there are in all",
                    schema = @Schema(type = "integer")),
                    @Header(name = HttpHeaders.LINK, description = "<...>; rel=\"next\", <...>; rel=\"prev\" where there is one",
                            schema = @Schema(type = "string")) })
    @GetMapping
    public ResponseEntity<List<PlanService.PlanListItem>> list(
            @Parameter(description = "Plans in the page, 1 to " + PlanPage.MAX_LIMIT, schema = @Schema(type = "integer",
                    minimum = "1", maximum = "" + PlanPage.MAX_LIMIT, defaultValue = "" + PlanPage.DEFAULT_LIMIT))
            @RequestParam(required = false) String limit,
            @Parameter(description = "Plans skipped before the page", schema = @Schema(type = "integer", minimum = "0",
                    defaultValue = "0"))
            @RequestParam(required = false) String offset) {
        PlanPage page = PlanPage.of(limit, offset);
        List<PlanService.PlanListItem> all = service.list();
        return ResponseEntity.ok().headers(page.headers("/plans", all.size())).body(page.of(all));
    }

    @Operation(summary = "The plan as it stands: the best assignments so far while solving")
    @GetMapping("/{id}")
    public PlanService.PlanView get(@PathVariable String id) {
        return service.view(id);
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
