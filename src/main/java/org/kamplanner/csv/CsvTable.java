package org.kamplanner.csv;

import java.io.BufferedReader;
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
import java.util.function.Function;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;
import org.kamplanner.words.Words;
import org.kamplanner.document.Echo;
import org.kamplanner.document.FieldProblem;

/**
 * One CSV file as a list of one plan-document record type. The columns are the record's components,
 * by the same names as the JSON fields, so a CSV file and a JSON document describe a plan alike.
 * A list cell (a KAM's {@code sectorIds}) holds its items separated by {@value #LIST_SEPARATOR}.
 * An empty cell is a missing value, which the plan validator then judges like a missing JSON field.
 * <p>
 * German Excel writes and reads CSV with {@code ;} between cells and a decimal comma: a file is read with
 * the separator its header line uses, and a {@code ;} file's numbers may have a decimal comma.
 * {@link #write(ExportTables.Table, char)} with {@code ;} writes what German Excel opens as it is: a UTF-8
 * byte order mark (else "Köln" turns into mojibake), {@code ;} and decimal commas.
 *
 * @param <T> a record of {@link org.kamplanner.document.PlanDocument}
 */
final class CsvTable<T extends Record> {

    static final String LIST_SEPARATOR = ";";

    static final String BOM = "\uFEFF";
    /**
     * The header line's characters: a plan's header has a few hundred, a spreadsheet's padded or renamed
     * one may have many more; a megabyte is no header.
     */
    static final int MAX_HEADER_CHARS = 1024 * 1024;
    private static final String SKIPPED = "loadHours, utilizationPercent, travelHours, workloadHours, assignedKamName, "
            + "unassignedReason";

    private static final CSVFormat WRITE = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get();

    /** The rows read and, for each, the line of the file it started on (the header is line 1). */
    record Rows<T>(List<T> items, List<Long> lines) {
    }

    private final Class<T> type;
    private final RecordComponent[] columns;
    private final Constructor<T> constructor;

    CsvTable(Class<T> type) {
        this.type = type;
        this.columns = type.getRecordComponents();
        try {
            this.constructor = type.getDeclaredConstructor(
                    Arrays.stream(columns).map(RecordComponent::getType).toArray(Class<?>[]::new));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(type + " has no canonical constructor", e);
        }
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

    /**
     * An export table as CSV: {@code ,} and decimal points, or with {@code ;} as German Excel wants it
     * (a byte order mark first, decimal commas).
     */
    static <T> String write(ExportTables.Table<T> table, char separator) {
        boolean german = separator == ';';
        StringWriter out = new StringWriter();
        if (german) {
            out.write(BOM);
        }
        try (CSVPrinter printer = new CSVPrinter(out, WRITE.builder().setDelimiter(separator).get())) {
            printer.printRecord(table.columns().stream().map(ExportTables.Column::name).toList());
            for (T row : table.rows()) {
                List<String> cells = new ArrayList<>(table.columns().size());
                for (ExportTables.Column<T> column : table.columns()) {
                    String text = cell(column.value().apply(row));
                    boolean number = column.format() != ExportTables.Format.TEXT
                            && column.format() != ExportTables.Format.BOOLEAN;
                    cells.add(german && number ? text.replace('.', ',') : text);
                }
                printer.printRecord(cells);
            }
        } catch (IOException e) {
            throw new IllegalStateException("writing " + table.name(), e);
        }
        return out.toString();
    }

    /**
     * Reads the rows, at most {@code rowCap} besides the header, with the file's bounds checked while
     * reading ({@link CsvBounds}): a file past one is one problem at its line, and nothing of it is read
     * on. A cell that cannot be converted is reported in {@code problems} and read as missing.
     */
    Rows<T> read(String fileName, Reader in, int rowCap, List<FieldProblem> problems) {
        List<T> items = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        BufferedReader buffered = new BufferedReader(in);
        try {
            char separator = separatorOf(fileName, buffered);
            CsvBounds bounded = new CsvBounds(buffered, fileName, separator);
            try (CSVParser parser = CSVParser.builder().setReader(bounded)
                    .setFormat(READ.builder().setDelimiter(separator).get()).get()) {
                checkHeader(fileName + " line 1", parser.getHeaderMap().keySet(), problems);
                for (CSVRecord row : parser) {
                    // Record numbers count the header too; a quoted line break inside a cell is rare enough to ignore.
                    long line = row.getRecordNumber() + 1;
                    if (items.size() == rowCap) {
                        throw new Refused(fileName + " line " + line, Words.text("error.csv.tooManyRows", rowCap));
                    }
                    items.add(row(name -> row.isMapped(name) && row.isSet(name) ? row.get(name) : "",
                            name -> CsvPaths.cell(fileName, line, name), decimalComma(separator), problems));
                    lines.add(line);
                }
            }
        } catch (Refused refused) {
            problems.add(refused.problem());
            return new Rows<>(List.of(), List.of());
        } catch (IOException | UncheckedIOException e) {
            // The parser reads lazily: an unclosed quote surfaces while iterating, as an UncheckedIOException.
            // Its words name Java's classes ("java.io.IOException: (startline 2) EOF reached…"): ours instead.
            String words = String.valueOf(e.getMessage());
            problems.add(new FieldProblem(fileName, Words.text(words.contains("EOF reached")
                    ? "error.csv.unreadableQuote" : words.contains("between encapsulated token")
                    ? "error.csv.unreadableAfterQuote" : "error.csv.unreadable")));
        } catch (IllegalArgumentException | IllegalStateException e) {
            // Commons CSV's own complaint about the header: an empty name (one given twice it allows).
            problems.add(new FieldProblem(fileName + " line 1", Words.text("error.csv.unreadableHeader")));
        }
        return new Rows<>(items, lines);
    }

    private static boolean decimalComma(char separator) {
        return separator == ';';
    }

    /** Reports each header name that is neither a column nor one of an export's figures, at {@code place}. */
    void checkHeader(String place, Iterable<String> header, List<FieldProblem> problems) {
        List<String> known = columnNames();
        for (String name : header) {
            if (!known.contains(name) && !ExportTables.OUTPUT_COLUMNS.contains(name)) {
                problems.add(new FieldProblem(place, Words.text("error.csv.unknownColumn", Echo.of(name), String.join(", ", known),
                        SKIPPED)));
            }
        }
    }

    /**
     * One row from its cells' text by column name (empty for a missing cell). A cell that cannot be
     * converted is reported at {@code place.apply(column)} and read as missing.
     */
    T row(Function<String, String> cells, Function<String, String> place, boolean decimalComma,
            List<FieldProblem> problems) {
        Object[] values = new Object[columns.length];
        for (int i = 0; i < columns.length; i++) {
            String name = columns[i].getName();
            String text = cells.apply(name);
            try {
                values[i] = text == null || text.isEmpty() ? null : parse(columns[i], text, decimalComma);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(place.apply(name), e.getMessage()));
            }
        }
        try {
            return constructor.newInstance(values);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("reading " + type.getSimpleName() + " rows", e);
        }
    }

    /**
     * The separator the header line uses: {@code ;} when it has more of them than commas (Excel in a
     * locale with a decimal comma), else {@code ,}. Header names hold neither, quoted or not. The header
     * is read up to {@link #MAX_HEADER_CHARS} and the reader set back to its start; a longer one is refused
     * (a plain {@code readLine} under a mark would give "Mark invalid" past the mark's limit instead).
     */
    static char separatorOf(String fileName, BufferedReader in) throws IOException {
        in.mark(MAX_HEADER_CHARS + 1);
        long semicolons = 0;
        long commas = 0;
        for (int read = 0;; read++) {
            int c = in.read();
            if (c < 0 || c == '\n' || c == '\r') {
                break;
            }
            if (read == MAX_HEADER_CHARS) {
                throw new Refused(fileName + " line 1", Words.text("error.csv.headerTooLong", MAX_HEADER_CHARS));
            }
            semicolons += c == ';' ? 1 : 0;
            commas += c == ',' ? 1 : 0;
        }
        in.reset();
        return semicolons > commas ? ';' : ',';
    }

    /** "1234,5" and "1.234,5" as 1234.5, in a file whose separator leaves the comma to the decimals. */
    static String decimalPoint(String text) {
        if (text.indexOf(',') < 0) {
            return text;
        }
        String withoutGrouping = text.matches("-?\\d{1,3}(\\.\\d{3})+(,\\d*)?") ? text.replace(".", "") : text;
        return withoutGrouping.replace(',', '.');
    }

    private static Object parse(RecordComponent column, String text, boolean decimalComma) {
        Class<?> kind = column.getType();
        if (kind == String.class) {
            return unguarded(text);
        }
        if (kind == Boolean.class) {
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.valueOf(text);
            }
            throw new IllegalArgumentException(Words.text("error.csv.boolean", Echo.of(text)));
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
                return Double.valueOf(decimalComma ? decimalPoint(text) : text);
            }
            if (kind == BigDecimal.class) {
                return new BigDecimal(decimalComma ? decimalPoint(text) : text);
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(Words.text(kind == Integer.class || kind == Long.class
                    ? "error.csv.wholeNumber" : "error.csv.number", Echo.of(text)));
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
        if (value instanceof Double number) {
            // Double.toString writes 1.0E-4; a spreadsheet wants 0.0001.
            return BigDecimal.valueOf(number).toPlainString();
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
