package org.kamplanner.csv;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.kamplanner.document.FieldProblem;

/**
 * One CSV file as a list of one plan-document record type. The columns are the record's components,
 * by the same names as the JSON fields, so a CSV file and a JSON document describe a plan alike.
 * A list cell (a KAM's {@code sectorIds}) holds its items separated by {@value #LIST_SEPARATOR}.
 * An empty cell is a missing value, which the plan validator then judges like a missing JSON field.
 *
 * @param <T> a record of {@link org.kamplanner.document.PlanDocument}
 */
final class CsvTable<T extends Record> {

    static final String LIST_SEPARATOR = ";";

    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();

    /** The rows read and, for each, the line of the file it started on (the header is line 1). */
    record Rows<T>(List<T> items, List<Long> lines) {
    }

    private final Class<T> type;
    private final RecordComponent[] columns;

    CsvTable(Class<T> type) {
        this.type = type;
        this.columns = type.getRecordComponents();
    }

    List<String> columnNames() {
        return Arrays.stream(columns).map(RecordComponent::getName).toList();
    }

    String write(List<T> items) {
        StringWriter out = new StringWriter();
        try (CSVPrinter printer = new CSVPrinter(out, WRITE)) {
            printer.printRecord(columnNames());
            for (T item : items) {
                List<String> cells = new ArrayList<>(columns.length);
                for (RecordComponent column : columns) {
                    cells.add(cell(column.getAccessor().invoke(item)));
                }
                printer.printRecord(cells);
            }
        } catch (IOException | ReflectiveOperationException e) {
            throw new IllegalStateException("writing " + type.getSimpleName() + " rows", e);
        }
        return out.toString();
    }

    /** Reads every row; a cell that cannot be converted is reported in {@code problems} and read as missing. */
    Rows<T> read(String fileName, Reader in, List<FieldProblem> problems) {
        List<T> items = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(in).setFormat(READ).get()) {
            Map<String, Integer> header = parser.getHeaderMap();
            List<String> known = columnNames();
            for (String name : header.keySet()) {
                if (!known.contains(name)) {
                    problems.add(new FieldProblem(fileName + " line 1",
                            "unknown column '" + name + "' (known: " + String.join(", ", known) + ")"));
                }
            }
            Constructor<T> constructor = type.getDeclaredConstructor(
                    Arrays.stream(columns).map(RecordComponent::getType).toArray(Class<?>[]::new));
            for (CSVRecord row : parser) {
                // Record numbers count the header too; a quoted line break inside a cell is rare enough to ignore.
                long line = row.getRecordNumber() + 1;
                Object[] values = new Object[columns.length];
                for (int i = 0; i < columns.length; i++) {
                    String name = columns[i].getName();
                    String text = row.isMapped(name) && row.isSet(name) ? row.get(name) : "";
                    try {
                        values[i] = text.isEmpty() ? null : parse(columns[i], text);
                    } catch (IllegalArgumentException e) {
                        problems.add(new FieldProblem(CsvPaths.cell(fileName, line, name), e.getMessage()));
                    }
                }
                items.add(constructor.newInstance(values));
                lines.add(line);
            }
        } catch (IOException | UncheckedIOException e) {
            // The parser reads lazily: an unclosed quote surfaces while iterating, as an UncheckedIOException.
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            problems.add(new FieldProblem(fileName, "is not a readable CSV file: " + cause.getMessage()));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Commons CSV's own complaints: a duplicate or empty header name, an unclosed quote.
            problems.add(new FieldProblem(fileName, "is not a readable CSV file: " + e.getMessage()));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("reading " + type.getSimpleName() + " rows", e);
        }
        return new Rows<>(items, lines);
    }

    private static Object parse(RecordComponent column, String text) {
        Class<?> kind = column.getType();
        if (kind == String.class) {
            return unguarded(text);
        }
        if (kind == Boolean.class) {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.valueOf(text);
            }
            throw new IllegalArgumentException("must be true or false, was '" + text + "'");
        }
        if (kind == List.class && column.getGenericType() instanceof ParameterizedType list
                && list.getActualTypeArguments()[0] == String.class) {
            return Arrays.stream(text.split(LIST_SEPARATOR)).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        try {
            if (kind == Integer.class) {
                return Integer.valueOf(text);
            }
            if (kind == Long.class) {
                return Long.valueOf(text);
            }
            if (kind == Double.class) {
                return Double.valueOf(text);
            }
            if (kind == BigDecimal.class) {
                return new BigDecimal(text);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("must be a " + (kind == Integer.class || kind == Long.class
                    ? "whole number" : "number") + ", was '" + text + "'");
        }
        throw new IllegalStateException("no CSV conversion for " + column);
    }

    private static String cell(Object value) {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return String.join(LIST_SEPARATOR, list.stream().map(String::valueOf).toList());
        }
        if (value instanceof BigDecimal decimal) {
            return decimal.toPlainString();
        }
        return value instanceof String text ? guarded(text) : value.toString();
    }

    /**
     * A text that a spreadsheet would run as a formula (OWASP: a cell starting with = + - @, a tab or a
     * carriage return) is written with a leading apostrophe, which spreadsheets show as text. Text that
     * already starts with an apostrophe before such a character gets one more, so that {@link #unguarded}
     * gives back exactly what was written: an export imports again unchanged.
     */
    static String guarded(String text) {
        return needsGuard(text) ? "'" + text : text;
    }

    static String unguarded(String cell) {
        return cell.startsWith("'") && needsGuard(cell.substring(1)) ? cell.substring(1) : cell;
    }

    private static boolean needsGuard(String text) {
        if (text.isEmpty()) {
            return false;
        }
        char first = text.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                || first == '\'' && needsGuard(text.substring(1));
    }
}
