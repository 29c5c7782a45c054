package org.kamplanner.crm;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.io.input.BOMInputStream;
import org.kamplanner.words.Words;
import org.kamplanner.csv.Workbooks;
import org.kamplanner.document.FieldProblem;
import org.springframework.web.multipart.MultipartFile;

/**
 * One uploaded CRM export or HR list as its header and rows of text, whatever the CRM wrote: CSV with
 * {@code ,}, {@code ;} or tabs (German Excel: {@code ;}, a byte order mark, decimal commas) or an .xlsx
 * workbook (its first sheet, read by {@link Workbooks}). A Salesforce report puts its title above the header
 * and its totals and "Confidential Information" below the rows: the header is the first line that names a
 * known column, and what precedes it is skipped (and reported).
 *
 * @param file the uploaded file's name, the first part of every error path ({@code accounts.csv:17:City})
 * @param decimalComma whether numbers are written with a decimal comma (a {@code ;} file)
 */
record ExportFile(String file, List<String> header, long headerLine, List<Row> rows, boolean decimalComma,
        List<Long> linesBefore) {

    /** The path of a cell in error messages: {@code accounts.csv:17:Billing City}. */
    String path(long line, String column) {
        return file + ":" + line + (column == null ? "" : ":" + column);
    }

    /** One row: its line in the file (row in the sheet) and its cells by header. */
    record Row(long line, Map<String, String> cells) {

        String cell(String header) {
            return header == null ? "" : cells.getOrDefault(header, "");
        }

        boolean empty() {
            return cells.values().stream().allMatch(String::isEmpty);
        }
    }

    /** @return empty, with the problem added, when the file cannot be read as CSV or .xlsx */
    static Optional<ExportFile> read(MultipartFile upload, String part, Predicate<List<String>> isHeader,
            List<FieldProblem> problems) {
        String name = upload.getOriginalFilename() == null || upload.getOriginalFilename().isBlank() ? part
                : upload.getOriginalFilename();
        try (InputStream in = upload.getInputStream()) {
            byte[] bytes = in.readAllBytes();
            boolean zip = bytes.length > 1 && bytes[0] == 'P' && bytes[1] == 'K';
            if (zip || name.toLowerCase(Locale.ROOT).endsWith(".xlsx")) {
                return workbook(name, bytes, problems);
            }
            return csv(name, bytes, isHeader, problems);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final int MAX_ROWS = 20_000;

    private static Optional<ExportFile> workbook(String name, byte[] bytes, List<FieldProblem> problems) {
        // Bounded while reading, as the plan's own workbooks are: rows stop at the default account limit
        // (kam-planner.limits.max-accounts); the plan built from them is validated against the configured one.
        Optional<Map<String, Workbooks.SheetRows>> sheets = Workbooks.read(name, new java.io.ByteArrayInputStream(bytes),
                Map.of(Workbooks.ANY_SHEET, MAX_ROWS), problems);
        if (sheets.isEmpty() || sheets.get().isEmpty()) {
            if (sheets.isPresent()) {
                problems.add(new FieldProblem(name, Words.text("crm.error.emptyFile")));
            }
            return Optional.empty();
        }
        Workbooks.SheetRows sheet = sheets.get().values().iterator().next();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < sheet.rows().size(); i++) {
            Map<String, String> cells = new HashMap<>();
            sheet.rows().get(i).forEach((header, text) -> cells.put(header, text == null ? "" : text.strip()));
            rows.add(new Row(sheet.rowNumbers().get(i), cells));
        }
        long headerRow = rows.isEmpty() ? 1 : Math.max(1, rows.get(0).line() - 1);
        return Optional.of(new ExportFile(name, sheet.header(), headerRow, rows, false, List.of()));
    }

    private static Optional<ExportFile> csv(String name, byte[] bytes, Predicate<List<String>> isHeader,
            List<FieldProblem> problems) throws IOException {
        String text;
        try (InputStream in = BOMInputStream.builder().setInputStream(new java.io.ByteArrayInputStream(bytes)).get()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        char separator = separator(text);
        long[] lineStarts = lineStarts(text);
        List<String> header = null;
        long headerLine = 1;
        List<Long> before = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setIgnoreEmptyLines(true).get();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(text)).setFormat(format).get()) {
            for (CSVRecord record : parser) {
                long line = lineOf(lineStarts, record.getCharacterPosition());
                List<String> cells = record.stream().map(String::strip).toList();
                if (header == null) {
                    if (isHeader.test(cells)) {
                        header = cells;
                        headerLine = line;
                    } else {
                        before.add(line);
                    }
                    continue;
                }
                Map<String, String> byHeader = new HashMap<>();
                for (int c = 0; c < header.size() && c < cells.size(); c++) {
                    byHeader.putIfAbsent(header.get(c), cells.get(c));
                }
                rows.add(new Row(line, byHeader));
            }
        } catch (UncheckedIOException | IllegalArgumentException | IllegalStateException e) {
            // Commons CSV reads lazily: an unclosed quote surfaces while iterating.
            Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            problems.add(new FieldProblem(name, Words.text("error.csv.unreadable", cause.getMessage())));
            return Optional.empty();
        }
        if (header == null) {
            problems.add(new FieldProblem(name, Words.text("crm.error.noHeader")));
            return Optional.empty();
        }
        return Optional.of(new ExportFile(name, header, headerLine, rows, separator == ';', before));
    }

    /** The separator the file uses most on its first lines: German Excel's {@code ;}, a comma, or a tab. */
    private static char separator(String text) {
        String start = text.substring(0, Math.min(text.length(), 8192));
        long semicolons = start.chars().filter(c -> c == ';').count();
        long commas = start.chars().filter(c -> c == ',').count();
        long tabs = start.chars().filter(c -> c == '\t').count();
        return tabs > semicolons && tabs > commas ? '\t' : semicolons > commas ? ';' : ',';
    }

    private static long[] lineStarts(String text) {
        List<Long> starts = new ArrayList<>();
        starts.add(0L);
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                starts.add((long) i + 1);
            }
        }
        return starts.stream().mapToLong(Long::longValue).toArray();
    }

    /** The 1-based line a record starts on, also when quoted cells before it spanned lines. */
    private static long lineOf(long[] lineStarts, long position) {
        int found = Arrays.binarySearch(lineStarts, position);
        return (found >= 0 ? found : -found - 2) + 1;
    }
}
