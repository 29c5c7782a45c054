package org.kamplanner.csv;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.commons.io.input.BOMInputStream;
import org.kamplanner.data.DemoData;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.PlanDocument.Account;
import org.kamplanner.document.PlanDocument.Kam;
import org.kamplanner.document.PlanDocument.Region;
import org.kamplanner.document.PlanDocument.Sector;
import org.kamplanner.document.PlanDocument.Settings;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.plan.NotFoundException;
import org.springframework.stereotype.Component;
import org.springframework.web.multipart.MultipartFile;


/**
 * Builds a plan document from uploaded CSV files and validates it, reporting every problem at its
 * file and line. Regions and sectors rarely change between plans, so they may come from a bundled
 * dataset ({@code base}) instead of a file.
 */
@Component
public class CsvImport {

    static final String KAMS = "kams.csv";
    static final String ACCOUNTS = "accounts.csv";
    static final String REGIONS = "regions.csv";
    static final String SECTORS = "sectors.csv";
    private static final Set<String> FILES = Set.of(KAMS, ACCOUNTS, REGIONS, SECTORS);

    static final CsvTable<Kam> KAM_TABLE = new CsvTable<>(Kam.class);
    static final CsvTable<Account> ACCOUNT_TABLE = new CsvTable<>(Account.class);
    static final CsvTable<Region> REGION_TABLE = new CsvTable<>(Region.class);
    static final CsvTable<Sector> SECTOR_TABLE = new CsvTable<>(Sector.class);

    private final PlanValidator validator;
    private final DemoData demoData;

    CsvImport(PlanValidator validator, DemoData demoData) {
        this.validator = validator;
        this.demoData = demoData;
    }

    /** @throws InvalidPlanException naming each problem's file and line */
    public PlanDocument read(Map<String, MultipartFile> files, String base, String name, Long terminationSeconds) {
        List<FieldProblem> problems = new ArrayList<>();
        Map<String, CsvPaths.Source> sources = new HashMap<>();
        for (String file : files.keySet()) {
            if (!FILES.contains(file)) {
                problems.add(new FieldProblem(file, "unknown file (expected " + KAMS + ", " + ACCOUNTS
                        + " and optionally " + REGIONS + ", " + SECTORS + ")"));
            }
        }
        PlanDocument baseDocument = base == null || base.isBlank() ? null : bundled(base, problems);
        String baseName = "base dataset '" + base + "'";

        List<Kam> kams = readFile(files, KAM_TABLE, KAMS, "kams", sources, problems);
        List<Account> accounts = readFile(files, ACCOUNT_TABLE, ACCOUNTS, "accounts", sources, problems);
        List<Region> regions;
        List<PlanDocument.TravelOverride> travelOverrides = null;
        if (files.containsKey(REGIONS) || baseDocument == null) {
            regions = readFile(files, REGION_TABLE, REGIONS, "regions", sources, problems);
        } else {
            regions = baseDocument.regions();
            // Travel overrides name regions: they only fit the base's own regions.
            travelOverrides = baseDocument.travelOverrides();
            sources.put("regions", CsvPaths.Source.other(baseName));
            sources.put("travelOverrides", CsvPaths.Source.other(baseName));
        }
        List<Sector> sectors;
        if (files.containsKey(SECTORS) || baseDocument == null) {
            sectors = readFile(files, SECTOR_TABLE, SECTORS, "sectors", sources, problems);
        } else {
            sectors = baseDocument.sectors();
            sources.put("sectors", CsvPaths.Source.other(baseName));
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }

        Settings baseSettings = baseDocument == null ? null : baseDocument.settings();
        PlanDocument document = new PlanDocument(null, name == null || name.isBlank() ? "CSV import" : name,
                null, null, null, null, null, null, withTermination(baseSettings, terminationSeconds),
                sectors, regions, travelOverrides, null, null, kams, accounts);
        try {
            validator.validate(document);
        } catch (InvalidPlanException invalid) {
            throw new InvalidPlanException(invalid.problems().stream().map(p -> CsvPaths.toCsv(p, sources)).toList());
        }
        return document;
    }

    private <T extends Record> List<T> readFile(Map<String, MultipartFile> files, CsvTable<T> table, String file,
            String list, Map<String, CsvPaths.Source> sources, List<FieldProblem> problems) {
        MultipartFile upload = files.get(file);
        if (upload == null) {
            boolean fromBase = file.equals(REGIONS) || file.equals(SECTORS);
            problems.add(new FieldProblem(file, fromBase
                    ? "is required unless the request parameter base names a bundled dataset (one of: "
                            + String.join(", ", demoData.names()) + ")"
                    : "is required"));
            return List.of();
        }
        // Spreadsheets like to start UTF-8 files with a byte order mark; it must not become part of the first column name.
        try (InputStream in = BOMInputStream.builder().setInputStream(upload.getInputStream()).get();
                Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            CsvTable.Rows<T> rows = table.read(file, reader, problems);
            sources.put(list, CsvPaths.Source.file(file, rows.lines()));
            return rows.items();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PlanDocument bundled(String base, List<FieldProblem> problems) {
        PlanDocument document = demoData.document(base).orElse(null);
        if (document == null) {
            problems.add(new FieldProblem("base", "unknown bundled dataset '" + base + "' (one of: "
                    + String.join(", ", demoData.names()) + ")"));
        }
        return document;
    }

    /**
     * One table of a plan as CSV ({@link ExportTables}): assignments (the accounts with their KAM), kams,
     * regions or sectors; {@code separator} {@code ;} for German Excel (with a byte order mark and decimal commas).
     */
    public static String export(PlanDocument document, String table, char separator) {
        return CsvTable.write(ExportTables.table(document, table), separator);
    }

    private static Settings withTermination(Settings s, Long terminationSeconds) {
        if (terminationSeconds == null) {
            return s;
        }
        return (s == null ? Settings.DEFAULTS : s).withTerminationSeconds(terminationSeconds);
    }
}
