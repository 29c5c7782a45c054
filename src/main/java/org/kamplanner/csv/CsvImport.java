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
import org.kamplanner.words.Words;
import org.kamplanner.data.DemoData;
import org.kamplanner.document.Echo;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.document.Limits;
import org.kamplanner.document.PlanDocument.Account;
import org.kamplanner.document.PlanDocument.Kam;
import org.kamplanner.document.PlanDocument.Region;
import org.kamplanner.document.PlanDocument.Sector;
import org.kamplanner.document.PlanDocument.Settings;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.errors.NotFoundException;
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
    private static final Set<String> SHEETS = Set.of("kams", "accounts", "assignments", "regions", "sectors",
            Workbooks.SUMMARY, HandOvers.SHEET);

    static final CsvTable<Kam> KAM_TABLE = new CsvTable<>(Kam.class);
    static final CsvTable<Account> ACCOUNT_TABLE = new CsvTable<>(Account.class);
    static final CsvTable<Region> REGION_TABLE = new CsvTable<>(Region.class);
    static final CsvTable<Sector> SECTOR_TABLE = new CsvTable<>(Sector.class);

    private final PlanValidator validator;
    private final DemoData demoData;
    private final Limits limits;

    CsvImport(PlanValidator validator, DemoData demoData, Limits limits) {
        this.validator = validator;
        this.demoData = demoData;
        this.limits = limits;
    }

    /**
     * The rows a table may have besides its header: the plan's own limits, so a workbook or file of a
     * million rows is refused at the first row over, not read whole first. Sectors have no limit of their
     * own; a sector with no account is of no use, so there are at most as many as accounts.
     */
    private Map<String, Integer> rowCaps() {
        return Map.of("kams", limits.maxKams(), "accounts", limits.maxAccounts(), "assignments", limits.maxAccounts(),
                "regions", limits.maxRegions(), "sectors", limits.maxAccounts());
    }

    /** @throws InvalidPlanException naming each problem's file and line */
    public PlanDocument read(Map<String, MultipartFile> files, String base, String name, Long terminationSeconds) {
        List<FieldProblem> problems = new ArrayList<>();
        for (String file : files.keySet()) {
            if (!FILES.contains(file)) {
                problems.add(new FieldProblem(Echo.of(file), Words.text("error.csv.unknownFile", KAMS, ACCOUNTS, REGIONS,
                        SECTORS)));
            }
        }
        return build(new CsvFiles(files), base, name == null || name.isBlank() ? "CSV import" : name,
                terminationSeconds, problems);
    }

    /**
     * The same from one Excel workbook with the sheets {@code kams}, {@code accounts} (or an export's
     * {@code assignments}) and optionally {@code regions}, {@code sectors}; an export's {@code summary} is skipped.
     *
     * @throws InvalidPlanException naming each problem's sheet, row and column
     */
    public PlanDocument readWorkbook(MultipartFile workbook, String base, String name, Long terminationSeconds) {
        List<FieldProblem> problems = new ArrayList<>();
        String fileName = workbook.getOriginalFilename() == null || workbook.getOriginalFilename().isBlank()
                ? "workbook" : Echo.of(workbook.getOriginalFilename());
        Map<String, Workbooks.SheetRows> sheets;
        try (InputStream in = workbook.getInputStream()) {
            sheets = Workbooks.read(fileName, in, rowCaps(), problems).orElse(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (sheets == null) {
            throw new InvalidPlanException(problems);
        }
        for (String sheet : sheets.keySet()) {
            if (!SHEETS.contains(sheet)) {
                problems.add(new FieldProblem("sheet " + Echo.of(sheet), Words.text("error.csv.unknownSheet")));
            }
        }
        if (sheets.containsKey("accounts") && sheets.containsKey("assignments")) {
            problems.add(new FieldProblem("sheet assignments", Words.text("error.csv.accountsOrAssignments")));
        }
        return build(new Sheets(sheets), base, name == null || name.isBlank() ? "Excel import" : name,
                terminationSeconds, problems);
    }

    private PlanDocument build(Tables tables, String base, String name, Long terminationSeconds,
            List<FieldProblem> problems) {
        Map<String, CsvPaths.Source> sources = new HashMap<>();
        PlanDocument baseDocument = base == null || base.isBlank() ? null : bundled(base, problems);
        String baseName = "base dataset '" + Echo.of(base) + "'";

        List<Kam> kams = tables.read(KAM_TABLE, "kams", sources, problems);
        List<Account> accounts = tables.read(ACCOUNT_TABLE, "accounts", sources, problems);
        List<Region> regions;
        List<PlanDocument.TravelOverride> travelOverrides = null;
        if (tables.has("regions") || baseDocument == null) {
            regions = tables.read(REGION_TABLE, "regions", sources, problems);
        } else {
            regions = baseDocument.regions();
            // Travel overrides name regions: they only fit the base's own regions.
            travelOverrides = baseDocument.travelOverrides();
            sources.put("regions", CsvPaths.Source.other(baseName));
            sources.put("travelOverrides", CsvPaths.Source.other(baseName));
        }
        List<Sector> sectors;
        if (tables.has("sectors") || baseDocument == null) {
            sectors = tables.read(SECTOR_TABLE, "sectors", sources, problems);
        } else {
            sectors = baseDocument.sectors();
            sources.put("sectors", CsvPaths.Source.other(baseName));
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }

        Settings baseSettings = baseDocument == null ? null : baseDocument.settings();
        PlanDocument document = new PlanDocument(null, name, null, null, null, null, null, null,
                withTermination(baseSettings, terminationSeconds), sectors, regions, travelOverrides, null, null, kams,
                accounts);
        try {
            validator.validate(document);
        } catch (InvalidPlanException invalid) {
            throw new InvalidPlanException(invalid.problems().stream().map(p -> CsvPaths.toCsv(p, sources)).toList());
        }
        return document;
    }

    /** Where the lists of a plan come from: CSV files or the sheets of a workbook. */
    private abstract class Tables {

        abstract boolean has(String list);

        /** The list's rows, its source (for the validator's paths) put in {@code sources}. */
        abstract <T extends Record> List<T> read(CsvTable<T> table, String list, Map<String, CsvPaths.Source> sources,
                List<FieldProblem> problems);

        /** A missing list: regions and sectors may come from a bundled dataset instead. */
        void missing(String place, String list, List<FieldProblem> problems) {
            boolean fromBase = list.equals("regions") || list.equals("sectors");
            problems.add(new FieldProblem(place, fromBase
                    ? Words.text("error.csv.requiredUnlessBase", String.join(", ", demoData.names()))
                    : Words.text("error.field.required")));
        }
    }

    private final class CsvFiles extends Tables {

        private final Map<String, MultipartFile> files;

        CsvFiles(Map<String, MultipartFile> files) {
            this.files = files;
        }

        @Override
        boolean has(String list) {
            return files.containsKey(list + ".csv");
        }

        @Override
        <T extends Record> List<T> read(CsvTable<T> table, String list, Map<String, CsvPaths.Source> sources,
                List<FieldProblem> problems) {
            String file = list + ".csv";
            MultipartFile upload = files.get(file);
            if (upload == null) {
                missing(file, list, problems);
                return List.of();
            }
            // Spreadsheets like to start UTF-8 files with a byte order mark; it must not become part of the first column name.
            try (InputStream in = BOMInputStream.builder().setInputStream(upload.getInputStream()).get();
                    Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                CsvTable.Rows<T> rows = table.read(file, reader, rowCaps().get(list), problems);
                sources.put(list, CsvPaths.Source.file(file, rows.lines()));
                return rows.items();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private final class Sheets extends Tables {

        private final Map<String, Workbooks.SheetRows> sheets;

        Sheets(Map<String, Workbooks.SheetRows> sheets) {
            this.sheets = sheets;
        }

        private Workbooks.SheetRows sheet(String list) {
            // An exported workbook names its accounts sheet "assignments".
            Workbooks.SheetRows sheet = sheets.get(list);
            return sheet == null && list.equals("accounts") ? sheets.get("assignments") : sheet;
        }

        @Override
        boolean has(String list) {
            return sheet(list) != null;
        }

        @Override
        <T extends Record> List<T> read(CsvTable<T> table, String list, Map<String, CsvPaths.Source> sources,
                List<FieldProblem> problems) {
            Workbooks.SheetRows sheet = sheet(list);
            if (sheet == null) {
                missing("sheet " + list, list, problems);
                return List.of();
            }
            String place = "sheet " + sheet.name();
            table.checkHeader(place + " row 1", sheet.header(), problems);
            List<T> items = new ArrayList<>();
            for (int i = 0; i < sheet.rows().size(); i++) {
                Map<String, String> cells = sheet.rows().get(i);
                long row = sheet.rowNumbers().get(i);
                items.add(table.row(column -> cells.getOrDefault(column, ""),
                        column -> CsvPaths.cell(place, "row", row, column), false, problems));
            }
            sources.put(list, CsvPaths.Source.sheet(place, sheet.rowNumbers()));
            return items;
        }
    }

    /** A whole plan as one Excel workbook: summary, assignments, kams, regions and sectors sheets ({@link Workbooks}). */
    public static byte[] exportWorkbook(PlanDocument document) {
        return Workbooks.write(document);
    }

    /** The workbook with the plan's sign-off on its summary sheet. */
    public static byte[] exportWorkbook(PlanDocument document, Workbooks.SignOff signOff) {
        return Workbooks.write(document, signOff);
    }

    private PlanDocument bundled(String base, List<FieldProblem> problems) {
        PlanDocument document = demoData.document(base).orElse(null);
        if (document == null) {
            problems.add(new FieldProblem("base", Words.text("error.csv.unknownBase", Echo.of(base),
                    String.join(", ", demoData.names()))));
        }
        return document;
    }

    /**
     * One table of a plan as CSV ({@link ExportTables}): assignments (the accounts with their KAM), kams,
     * regions or sectors; {@code separator} {@code ;} for German Excel (with a byte order mark and decimal commas).
     */
    public static String export(PlanDocument document, String table, char separator) {
        return write(ExportTables.table(document, table), separator);
    }

    /** Any export table as CSV, with the exports' guard against formulas and German Excel's {@code ;}. */
    public static String write(ExportTables.Table<?> table, char separator) {
        return CsvTable.write(table, separator);
    }

    private static Settings withTermination(Settings s, Long terminationSeconds) {
        if (terminationSeconds == null) {
            return s;
        }
        return (s == null ? Settings.DEFAULTS : s).withTerminationSeconds(terminationSeconds);
    }
}
