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
import io.swagger.v3.oas.annotations.tags.Tag;

/** From a CRM's account export (and the HR list) to a plan, and the plan's owner changes back into the CRM. */
@RestController
@Tag(name = "CRM", description = "Import a Salesforce, HubSpot or Dynamics account export; export the owner changes "
        + "for the CRM's own import")
public class CrmController {

    private static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

    /** A CRM import handed to the solver: the plan's id and status, and what the import did. */
    public record Submitted(String id, PlanStatus status, CrmReport report) {
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
            + "list. Problems name file:line:column")
    @PostMapping(path = "/plans/import/crm", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<?> importCrm(@RequestParam(required = false) MultipartFile accounts,
            @RequestParam(required = false) MultipartFile kams,
            @RequestParam(name = "mapping", required = false) MultipartFile mappingFile,
            @RequestParam(name = "mapping", required = false) String mappingText,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) Long terminationSeconds,
            @RequestParam(defaultValue = "true") boolean solve, Principal client) throws java.io.IOException {
        String mapping = mappingFile != null ? new String(mappingFile.getBytes(), StandardCharsets.UTF_8) : mappingText;
        CrmImport.Result result = crmImport.read(accounts, kams, mapping, name, terminationSeconds);
        if (!solve) {
            return ResponseEntity.ok(result);
        }
        PlanService.Submitted submitted = service.submit(result.document(), client == null ? null : client.getName());
        return ResponseEntity.accepted().location(URI.create("/plans/" + submitted.id()))
                .body(new Submitted(submitted.id(), submitted.status(), result.report()));
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
