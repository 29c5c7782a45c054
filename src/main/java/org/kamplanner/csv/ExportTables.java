package org.kamplanner.csv;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import org.kamplanner.words.Words;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanDocument.Account;
import org.kamplanner.document.PlanDocument.Kam;
import org.kamplanner.errors.NotFoundException;

/**
 * What a planner's spreadsheet gets of a plan: the plan document's input columns, by the document's
 * field names, so an export imports again (an {@code assignments} table as {@code accounts.csv}), then
 * the figures a planner reads, in hours with one decimal and percentages instead of the document's
 * minutes and fractions. The figures are output only and ignored on import ({@link #OUTPUT_COLUMNS}).
 * Input minutes ({@code capacityMinutes}, {@code workloadOverrideMinutes}) stay minutes: they are what an
 * import reads, and hours with one decimal would round a capacity of 7,205 minutes on the way back.
 */
public final class ExportTables {

    /** How a column's values are shown: the CSV writes them as text, the workbook as typed cells with a format. */
    public enum Format { TEXT, WHOLE, DECIMAL, HOURS, PERCENT, BOOLEAN }

    /** One column: its header, how it is shown, and its value for one row (null for an empty cell). */
    public record Column<T>(String name, Format format, Function<T, Object> value) {
    }

    /** One exported table: its name ({@code assignments}, {@code kams}, …), its columns and its rows. */
    public record Table<T>(String name, List<Column<T>> columns, List<T> rows) {
    }

    /** The export-only columns: an import of an exported file skips them instead of calling them unknown. */
    static final Set<String> OUTPUT_COLUMNS = Set.of("assignedKamName", "workloadHours", "travelHours", "loadHours",
            "utilizationPercent", "unassignedReason");

    public static final List<String> NAMES = List.of("assignments", "kams", "regions", "sectors");

    private ExportTables() {
    }

    /** @throws NotFoundException for a table other than {@link #NAMES} */
    public static Table<?> table(PlanDocument document, String name) {
        return switch (name) {
            case "assignments" -> assignments(document);
            case "kams" -> kams(document);
            case "regions" -> plain("regions", PlanDocument.Region.class, document.regions());
            case "sectors" -> plain("sectors", PlanDocument.Sector.class, document.sectors());
            default -> throw new NotFoundException(Words.text("error.notFound.export", name));
        };
    }

    static Table<Account> assignments(PlanDocument document) {
        Map<String, String> kamNames = new HashMap<>();
        orEmpty(document.kams()).forEach(k -> kamNames.put(k.id(), k.name()));
        List<Column<Account>> columns = new ArrayList<>();
        for (RecordComponent component : Account.class.getRecordComponents()) {
            String name = component.getName();
            if (!name.equals("workloadMinutes") && !name.equals("travelMinutes")) {
                columns.add(component(component));
            }
        }
        columns.add(new Column<>("assignedKamName", Format.TEXT,
                a -> a.assignedKamId() == null ? null : kamNames.get(a.assignedKamId())));
        columns.add(new Column<>("workloadHours", Format.HOURS, a -> hours(a.workloadMinutes())));
        columns.add(new Column<>("travelHours", Format.HOURS, a -> hours(a.travelMinutes())));
        // Why an account has no KAM, in the language of the export's request (the summary's list).
        Map<String, String> reasons = new HashMap<>();
        if (document.summary() != null) {
            orEmpty(document.summary().unassigned()).forEach(u -> reasons.put(u.accountId(), u.reason()));
        }
        columns.add(new Column<>("unassignedReason", Format.TEXT, a -> reasons.get(a.id())));
        return new Table<>("assignments", columns, orEmpty(document.accounts()));
    }

    static Table<Kam> kams(PlanDocument document) {
        List<Column<Kam>> columns = new ArrayList<>();
        for (RecordComponent component : Kam.class.getRecordComponents()) {
            String name = component.getName();
            if (!Set.of("loadMinutes", "utilization", "travelMinutes").contains(name)) {
                columns.add(component(component));
            }
        }
        columns.add(new Column<>("loadHours", Format.HOURS, k -> hours(k.loadMinutes())));
        columns.add(new Column<>("utilizationPercent", Format.PERCENT, k -> percent(k.utilization())));
        columns.add(new Column<>("travelHours", Format.HOURS, k -> hours(k.travelMinutes())));
        return new Table<>("kams", columns, orEmpty(document.kams()));
    }

    private static <T extends Record> Table<T> plain(String name, Class<T> type, List<T> rows) {
        List<Column<T>> columns = Arrays.stream(type.getRecordComponents()).map(ExportTables::<T>component).toList();
        return new Table<>(name, columns, orEmpty(rows));
    }

    private static <T> Column<T> component(RecordComponent component) {
        Class<?> type = component.getType();
        Format format = type == Integer.class || type == Long.class ? Format.WHOLE
                : type == Double.class || type == BigDecimal.class ? Format.DECIMAL
                : type == Boolean.class ? Format.BOOLEAN : Format.TEXT;
        return new Column<>(component.getName(), format, row -> {
            try {
                return component.getAccessor().invoke(row);
            } catch (IllegalAccessException | InvocationTargetException e) {
                throw new IllegalStateException("reading " + component, e);
            }
        });
    }

    /** Minutes as hours with one decimal. */
    public static BigDecimal hours(Number minutes) {
        return minutes == null ? null
                : BigDecimal.valueOf(minutes.longValue()).divide(BigDecimal.valueOf(60), 1, RoundingMode.HALF_UP);
    }

    /** A fraction (0.853) as a percentage with one decimal (85.3). */
    public static BigDecimal percent(Double fraction) {
        return fraction == null ? null : BigDecimal.valueOf(fraction).movePointRight(2).setScale(1, RoundingMode.HALF_UP);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
