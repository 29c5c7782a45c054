package org.kamplanner.csv;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.kamplanner.document.FieldProblem;

/**
 * Turns the plan validator's JSON paths back into places in the uploaded files: {@code
 * accounts[15].sectorId} is {@code accounts.csv line 17, sectorId} (the header is line 1), so a
 * planner can find the row in a spreadsheet.
 */
final class CsvPaths {

    private static final Pattern ITEM = Pattern.compile("^(\\w+)\\[(\\d+)](?:\\.(\\w+))?(.*)$");

    /**
     * Where each list of the built document came from: a CSV file with its rows' lines, a workbook's
     * sheet with its rows' numbers, or a named source.
     */
    record Source(String name, String unit, List<Long> lines) {

        static Source file(String fileName, List<Long> lines) {
            return new Source(fileName, "line", lines);
        }

        static Source sheet(String sheetName, List<Long> rows) {
            return new Source(sheetName, "row", rows);
        }

        static Source other(String description) {
            return new Source(description, null, null);
        }
    }

    private CsvPaths() {
    }

    static String cell(String fileName, long line, String column) {
        return cell(fileName, "line", line, column);
    }

    static String cell(String place, String unit, long line, String column) {
        return place + " " + unit + " " + line + ", " + column;
    }

    static FieldProblem toCsv(FieldProblem problem, Map<String, Source> sources) {
        String path = problem.path();
        Matcher item = ITEM.matcher(path);
        if (item.matches()) {
            Source source = sources.get(item.group(1));
            int index = Integer.parseInt(item.group(2));
            if (source != null && source.lines() != null && index < source.lines().size()) {
                String place = source.name() + " " + source.unit() + " " + source.lines().get(index);
                String column = item.group(3) == null ? "" : ", " + item.group(3) + item.group(4);
                return new FieldProblem(place + column, problem.message());
            }
            if (source != null) {
                return new FieldProblem(source.name() + " " + path, problem.message());
            }
            return problem;
        }
        Source whole = sources.get(path);
        return whole == null ? problem : new FieldProblem(whole.name(), problem.message());
    }
}
