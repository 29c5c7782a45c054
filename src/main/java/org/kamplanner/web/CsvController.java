package org.kamplanner.web;

import java.net.URI;
import java.security.Principal;
import java.util.List;
import java.util.Map;

import org.kamplanner.words.Words;
import org.kamplanner.csv.CsvImport;
import org.kamplanner.document.Echo;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.csv.Workbooks;
import org.kamplanner.plan.Approval;
import org.kamplanner.plan.Lineage;
import org.kamplanner.plan.PlanService;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * Plans in and out as CSV files and Excel workbooks, for spreadsheets and scripts. Columns are the plan
 * document's field names.
 */
@RestController
@RequestMapping("/plans")
@Tag(name = "CSV and Excel", description = "Import a plan from CSV files or an Excel workbook; export a plan's "
        + "assignments, KAMs and summary")
public class CsvController {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    private static final MediaType TEXT_CSV = new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8);

    private final CsvImport csvImport;
    private final PlanService service;

    CsvController(CsvImport csvImport, PlanService service) {
        this.csvImport = csvImport;
        this.service = service;
    }

    @Operation(summary = "Build a plan from kams.csv, accounts.csv and optionally regions.csv, sectors.csv "
            + "(else those of the bundled dataset 'base'), and solve it; with solve=false return the document unsolved")
    @PostMapping(path = "/import", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<?> importCsv(@RequestParam Map<String, MultipartFile> files,
            @RequestParam(required = false) String base,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) Long terminationSeconds,
            @RequestParam(defaultValue = "true") boolean solve, Principal client) {
        PlanDocument document = csvImport.read(files, base, name, terminationSeconds);
        return solveOrReturn(document, solve, client);
    }

    @Operation(summary = "Export one table of a plan as CSV: assignments (the accounts with their KAM), kams "
            + "(with load, utilization, travel), regions or sectors. Figures in hours (one decimal) and percent; "
            + "sep=; for German Excel (semicolons, a UTF-8 byte order mark and decimal commas)")
    @GetMapping("/{id}/export/{table}.csv")
    public ResponseEntity<String> export(@PathVariable String id, @PathVariable String table,
            @RequestParam(defaultValue = ",") String sep) {
        if (!sep.equals(",") && !sep.equals(";")) {
            throw new InvalidPlanException(List.of(new FieldProblem("sep", Words.text("error.csv.sep", Echo.of(sep)))));
        }
        PlanDocument document = service.document(id);
        String csv = CsvImport.export(document, table, sep.charAt(0));
        return ResponseEntity.ok()
                .contentType(TEXT_CSV)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + table + ".csv\"")
                .body(csv);
    }

    @Operation(summary = "Build a plan from one Excel workbook (sheets kams, accounts or assignments, and optionally "
            + "regions, sectors; else those of the bundled dataset 'base'), and solve it; with solve=false return the "
            + "document unsolved. Problems name sheet, row and column")
    @PostMapping(path = "/import/xlsx", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    public ResponseEntity<?> importWorkbook(@RequestParam("workbook") MultipartFile workbook,
            @RequestParam(required = false) String base,
            @RequestParam(required = false) String name,
            @RequestParam(required = false) Long terminationSeconds,
            @RequestParam(defaultValue = "true") boolean solve, Principal client) {
        PlanDocument document = csvImport.readWorkbook(workbook, base, name, terminationSeconds);
        return solveOrReturn(document, solve, client);
    }

    @Operation(summary = "Export a plan as one Excel workbook: sheets summary, assignments, kams, regions, sectors; "
            + "hours and percentages as numbers with cell formats. Imports again through POST /plans/import/xlsx")
    @GetMapping("/{id}/export/plan.xlsx")
    public ResponseEntity<byte[]> exportWorkbook(@PathVariable String id) {
        PlanDocument document = service.document(id);
        Approval approval = service.approval(id);
        boolean signed = approval.state() == Approval.State.APPROVED || approval.state() == Approval.State.SUPERSEDED;
        Workbooks.SignOff signOff = new Workbooks.SignOff(approval.state().name(), signed ? approval.by() : null,
                approval.effectiveFrom(), approval.note());
        return ResponseEntity.ok()
                .contentType(XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"plan.xlsx\"")
                .body(CsvImport.exportWorkbook(document, signOff));
    }

    /** An imported document: solved (202 with its Location) or, with solve=false, returned as it is (200). */
    private ResponseEntity<?> solveOrReturn(PlanDocument document, boolean solve, Principal client) {
        if (!solve) {
            return ResponseEntity.ok(document);
        }
        PlanService.Submitted submitted = service.submit(document, client == null ? null : client.getName(),
                Lineage.of(Lineage.Origin.IMPORTED, null));
        return ResponseEntity.accepted().location(URI.create("/plans/" + submitted.id())).body(submitted);
    }
}
