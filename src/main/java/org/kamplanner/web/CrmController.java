package org.kamplanner.web;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.List;

import org.kamplanner.words.Words;
import org.kamplanner.crm.CrmImport;
import org.kamplanner.crm.CrmMapping;
import org.kamplanner.crm.CrmReport;
import org.kamplanner.crm.OwnerChanges;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.plan.Lineage;
import org.kamplanner.plan.PlanService;
import org.kamplanner.plan.PlanStatus;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import io.swagger.v3.oas.annotations.tags.Tag;

/** From a CRM's account export (and the HR list) to a plan, and the plan's owner changes back into the CRM. */
@RestController
@Tag(name = "CRM", description = "Import a Salesforce, HubSpot or Dynamics account export; export the owner changes "
        + "for the CRM's own import")
public class CrmController {

    private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    /**
     * A CRM import handed to the solver: the plan's id and status, today's assignment stored as a plan to
     * compare it with ({@code baselinePlanId}), and what the import did.
     */
    public record Submitted(String id, PlanStatus status, String baselinePlanId, CrmReport report) {
    }

    private final CrmImport crmImport;
    private final PlanService service;

    CrmController(CrmImport crmImport, PlanService service) {
        this.crmImport = crmImport;
        this.service = service;
    }

    @Operation(summary = "Build a plan from a CRM account export (CSV with , or ;, or .xlsx) and optionally the KAMs' "
            + "HR list and a mapping (JSON, see GET /import/crm/mapping), and solve it; with solve=false return the "
            + "document unsolved. Both with a report: rows read, defaults applied, rows skipped, owners not on the HR "
            + "list. Problems name file:line:column. A solved import also stores today's assignment (each account on its "
            + "CRM owner) as a scored, unsolved plan: baselinePlanId, and report.baseline.compare")
    @PostMapping(path = "/plans/import/crm", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<?> importCrm(@RequestParam(required = false) MultipartFile accounts,
            @RequestParam(required = false) MultipartFile kams,
            @RequestParam(name = "mapping", required = false) MultipartFile mappingFile,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) Long terminationSeconds,
            @RequestParam(defaultValue = "true") boolean solve, Principal client, HttpServletRequest request)
            throws java.io.IOException {
        // A file part is no request parameter and a text part no MultipartFile: binding both to one @RequestParam
        // name made Spring convert the file to a String (a 500), so the text is read from the request.
        String mapping = mappingFile != null ? new String(mappingFile.getBytes(), StandardCharsets.UTF_8)
                : request.getParameter("mapping");
        CrmImport.Result result = crmImport.read(accounts, kams, mapping, name, terminationSeconds);
        if (!solve) {
            return ResponseEntity.ok(result);
        }
        String who = client == null ? null : client.getName();
        // Today first: should the solve be refused (queue full), the baseline goes again, so nothing is half stored.
        Lineage imported = Lineage.of(Lineage.Origin.IMPORTED, null);
        String baseline = service.store(result.baseline(), CrmImport.Result.baselineNotes(), who, imported).id();
        PlanService.Submitted submitted;
        try {
            submitted = service.submit(result.document(), who, imported);
        } catch (RuntimeException refused) {
            service.purge(baseline);
            throw refused;
        }
        return ResponseEntity.accepted().location(URI.create("/plans/" + submitted.id()))
                .body(new Submitted(submitted.id(), submitted.status(), baseline,
                        result.withBaseline(baseline, submitted.id()).report()));
    }

    @Operation(summary = "The CRM import's default mapping: each field's English and German header synonyms "
            + "(Salesforce, HubSpot, Dynamics), industry to sector, the sectors' caps, how tiers are derived, "
            + "full-time hours")
    @GetMapping("/import/crm/mapping")
    public CrmMapping mapping() {
        return crmImport.defaultMapping();
    }

    @Operation(summary = "The accounts whose KAM the plan changes, for the CRM's own import: Salesforce Data Loader "
            + "(Id, OwnerId) or HubSpot (Record ID, Company owner), then account name, tier, owner before and after, "
            + "reason; sep=; for German Excel")
    @GetMapping("/plans/{id}/export/owner-changes.csv")
    public ResponseEntity<String> ownerChanges(@PathVariable String id,
            @RequestParam(defaultValue = "salesforce") String format, @RequestParam(defaultValue = ",") String sep) {
        if (!sep.equals(",") && !sep.equals(";")) {
            throw new InvalidPlanException(List.of(new FieldProblem("sep", Words.text("error.csv.sep", sep))));
        }
        String csv = OwnerChanges.csv(service.document(id), format, sep.charAt(0));
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"owner-changes-" + format + ".csv\"")
                .body(csv);
    }
}
