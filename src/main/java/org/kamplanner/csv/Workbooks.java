package org.kamplanner.csv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.kamplanner.words.Words;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.PlanDocument;

/**
 * A plan as one Excel workbook: a summary sheet, then the {@link ExportTables} (assignments, kams,
 * regions, sectors), one sheet each, and the {@link HandOvers} per KAM (export only), hours and percentages as numbers with a cell format, so a planner
 * can sum and sort them. Read back, the same sheets make a plan again ({@code accounts} or an export's
 * {@code assignments}), with each problem at its sheet, row and column.
 * <p>
 * Text is always written as a text cell, never as a formula, so a name like {@code =HYPERLINK(...)}
 * shows as what it is; the CSV's leading apostrophe is not needed here (it would show). A cell that
 * a planner made a formula is read as the value Excel computed and saved with it.
 */
public final class Workbooks {

    static final String SUMMARY = "summary";

    private Workbooks() {
    }

    /**
     * Where the plan stands in its sign-off, for the summary sheet: its approval state, who approved it, from
     * which day it is effective, the note (each null when there is none).
     */
    public record SignOff(String state, String approvedBy, java.time.LocalDate effectiveFrom, String note) {
    }

    static byte[] write(PlanDocument document) {
        return write(document, null);
    }

    static byte[] write(PlanDocument document, SignOff signOff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            // fastexcel wants a version of the form "1.0".
            Workbook workbook = new Workbook(out, "KAM Planner", "1.0");
            summary(workbook.newWorksheet(SUMMARY), document, signOff);
            for (String name : ExportTables.NAMES) {
                sheet(workbook.newWorksheet(name), ExportTables.table(document, name));
            }
            sheet(workbook.newWorksheet(HandOvers.SHEET), HandOvers.table(document));
            workbook.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void summary(Worksheet sheet, PlanDocument document, SignOff signOff) {
        PlanDocument.Summary s = document.summary();
        Map<String, Object[]> figures = new LinkedHashMap<>();
        figures.put("name", new Object[] { document.name(), ExportTables.Format.TEXT });
        figures.put("status", new Object[] { document.status(), ExportTables.Format.TEXT });
        if (signOff != null) {
            // Who signed the plan off and from when it counts: what a printed or mailed workbook must say.
            figures.put("approvalState", new Object[] { signOff.state(), ExportTables.Format.TEXT });
            figures.put("approvedBy", new Object[] { signOff.approvedBy(), ExportTables.Format.TEXT });
            figures.put("effectiveFrom", new Object[] { signOff.effectiveFrom() == null ? null
                    : signOff.effectiveFrom().toString(), ExportTables.Format.TEXT });
            figures.put("approvalNote", new Object[] { signOff.note(), ExportTables.Format.TEXT });
        }
        figures.put("score", new Object[] { document.score(), ExportTables.Format.TEXT });
        figures.put("feasible", new Object[] { document.feasible(), ExportTables.Format.BOOLEAN });
        if (s != null) {
            figures.put("assignedAccounts", new Object[] { s.assignedAccounts(), ExportTables.Format.WHOLE });
            figures.put("unassignedAccounts", new Object[] { s.unassignedAccounts(), ExportTables.Format.WHOLE });
            figures.put("movedAccounts", new Object[] { s.movedAccounts(), ExportTables.Format.WHOLE });
            figures.put("totalTravelHours", new Object[] { ExportTables.hours(s.totalTravelMinutes()), ExportTables.Format.HOURS });
            figures.put("utilizationMinPercent", new Object[] { ExportTables.percent(s.utilizationMin()), ExportTables.Format.PERCENT });
            figures.put("utilizationMaxPercent", new Object[] { ExportTables.percent(s.utilizationMax()), ExportTables.Format.PERCENT });
            figures.put("utilizationMeanPercent", new Object[] { ExportTables.percent(s.utilizationMean()), ExportTables.Format.PERCENT });
            if (s.missingCapacityHours() != null) {
                figures.put("missingCapacityHours", new Object[] { s.missingCapacityHours(), ExportTables.Format.HOURS });
                figures.put("missingFullTimeKams", new Object[] { s.missingFullTimeKams(), ExportTables.Format.DECIMAL });
            }
            if (s.bound() != null) {
                figures.put("boundStatus", new Object[] { s.bound().status().name(), ExportTables.Format.TEXT });
                figures.put("softGapPercent", new Object[] { s.bound().softGapPercent(), ExportTables.Format.DECIMAL });
            }
        }
        sheet.value(0, 0, "figure");
        sheet.value(0, 1, "value");
        sheet.style(0, 0).bold().set();
        sheet.style(0, 1).bold().set();
        int row = 1;
        for (Map.Entry<String, Object[]> figure : figures.entrySet()) {
            sheet.value(row, 0, figure.getKey());
            cell(sheet, row, 1, figure.getValue()[0], (ExportTables.Format) figure.getValue()[1]);
            row++;
        }
        sheet.width(0, 26);
        sheet.width(1, 30);
    }

    private static <T> void sheet(Worksheet sheet, ExportTables.Table<T> table) {
        List<ExportTables.Column<T>> columns = table.columns();
        for (int c = 0; c < columns.size(); c++) {
            sheet.value(0, c, columns.get(c).name());
            sheet.width(c, Math.max(10, columns.get(c).name().length() + 2));
        }
        sheet.range(0, 0, 0, Math.max(0, columns.size() - 1)).style().bold().set();
        sheet.freezePane(1, 1);
        int row = 1;
        for (T item : table.rows()) {
            for (int c = 0; c < columns.size(); c++) {
                ExportTables.Column<T> column = columns.get(c);
                cell(sheet, row, c, column.value().apply(item), column.format());
            }
            row++;
        }
    }

    private static void cell(Worksheet sheet, int row, int column, Object value, ExportTables.Format format) {
        if (value == null) {
            return;
        }
        if (value instanceof Boolean flag) {
            sheet.value(row, column, flag);
        } else if (value instanceof Number number && format == ExportTables.Format.PERCENT) {
            // Excel's own percent: the fraction, shown as 85.3 %.
            sheet.value(row, column, new BigDecimal(number.toString()).movePointLeft(2));
            sheet.style(row, column).format("0.0%").set();
        } else if (value instanceof Number number) {
            sheet.value(row, column, number);
            if (format == ExportTables.Format.HOURS) {
                sheet.style(row, column).format("0.0").set();
            }
        } else if (value instanceof List<?> list) {
            sheet.value(row, column, String.join(CsvTable.LIST_SEPARATOR, list.stream().map(String::valueOf).toList()));
        } else {
            sheet.value(row, column, value.toString());
        }
    }

    /** The sheets of a workbook by name, each as its header and rows of cell text, for {@link CsvImport}. */
    public record SheetRows(String name, List<String> header, List<Long> rowNumbers, List<Map<String, String>> rows) {
    }

    /**
     * Every sheet of an uploaded workbook as text cells ({@link WorkbookReader}): numbers as plain decimals
     * ("7200", "0.5"), booleans as true/false, a formula as the value saved with it. Empty rows are skipped.
     * Only the sheets named in {@code rowCaps} are read, each up to its cap of rows besides the header.
     *
     * @return empty, with the one problem at its file, sheet, row and column, if the workbook cannot be
     *         read or passes a bound
     */
    /** A {@code rowCaps} key that caps every sheet not named on its own (a CRM export's one sheet, any name). */
    public static final String ANY_SHEET = "*";

    public static Optional<Map<String, SheetRows>> read(String fileName, InputStream in, Map<String, Integer> rowCaps,
            List<FieldProblem> problems) {
        try {
            return Optional.of(WorkbookReader.read(fileName, in, rowCaps));
        } catch (Refused refused) {
            problems.add(refused.problem());
        } catch (IOException | UncheckedIOException e) {
            // The zip's own words ("invalid stored block lengths") mean nothing to a planner.
            problems.add(new FieldProblem(fileName, Words.text("error.csv.unreadableWorkbook")));
        }
        return Optional.empty();
    }
}
