package org.kamplanner.csv;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.kamplanner.words.Words;
import org.kamplanner.document.Echo;

/**
 * One worksheet's rows as cell text, read as the XML streams by: a row past the sheet's cap, a value
 * cell past {@link #MAX_COLUMNS}, a cell longer than {@link #MAX_CELL_CHARS}, a reference outside
 * Excel's own grid (XFD1048576), a number Excel never writes and a shared-string index that is not in
 * the table stop the reading at once, each named by sheet, row and column. Nothing is allocated by a
 * reference or a count the file states: cells are kept by the columns they are in, one row at a time.
 */
final class SheetReader {

    /** Excel's grid: 16,384 columns (XFD), 1,048,576 rows. */
    static final int EXCEL_COLUMNS = 16_384;
    static final int EXCEL_ROWS = 1_048_576;
    /** Columns with a value: a plan table has about twenty. Empty formatted cells further right are ignored. */
    static final int MAX_COLUMNS = 100;
    /** A cell's text: the longest plan field is 500 characters; a list of sector ids may be longer. */
    static final int MAX_CELL_CHARS = 10_000;

    /** A decimal as Excel writes it; an exponent of at most three digits (doubles end at 1e308). */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d{1,40}(\\.\\d{0,40})?|\\.\\d{1,40})([eE][-+]?\\d{1,3})?");
    private static final Pattern REFERENCE = Pattern.compile("([A-Z]{1,3})(\\d{1,7})");

    private final String sheet;
    private final int rowCap;
    private final List<String> shared;

    private long row;
    private int column = -1;
    private boolean inCell;

    SheetReader(String sheet, int rowCap, List<String> shared) {
        this.sheet = sheet;
        this.rowCap = rowCap;
        this.shared = shared;
    }

    /** Where the reading stands: the sheet, its row and the cell's column when in one. */
    String place() {
        if (row == 0) {
            return "sheet " + sheet;
        }
        return "sheet " + sheet + " row " + row + (inCell ? ", column " + columnName(column) : "");
    }

    Workbooks.SheetRows read(WorkbookReader.Xml xml) {
        List<String> header = new ArrayList<>();
        List<Long> numbers = new ArrayList<>();
        List<Map<String, String>> rows = new ArrayList<>();
        Map<Integer, String> cells = new HashMap<>();
        String type = null;
        StringBuilder value = null;
        boolean phonetic = false;
        while (xml.next()) {
            if (xml.isStart("row")) {
                row = rowNumber(xml.attribute("r"));
                column = -1;
                cells.clear();
            } else if (xml.isStart("c")) {
                column = columnOf(xml.attribute("r"));
                inCell = true;
                type = xml.attribute("t");
                value = new StringBuilder();
            } else if (inCell && (xml.isStart("v") || xml.isStart("is"))) {
                value.setLength(0); // the value is the last <v>, or the runs of an inline string
            } else if (xml.isStart("rPh")) {
                phonetic = true;
            } else if (xml.isEnd("rPh")) {
                phonetic = false;
            } else if (xml.isStart("f")) {
                skipFormula(xml);
            } else if (inCell && !phonetic && xml.isText()) {
                if (value.length() + xml.reader.getTextLength() > MAX_CELL_CHARS) {
                    throw refused(Words.text("error.xlsx.cellTooLong", MAX_CELL_CHARS));
                }
                value.append(xml.reader.getTextCharacters(), xml.reader.getTextStart(), xml.reader.getTextLength());
            } else if (xml.isEnd("c")) {
                String text = text(type, value.toString());
                if (!text.isEmpty()) {
                    if (column >= MAX_COLUMNS) {
                        throw refused(Words.text("error.xlsx.tooManyColumns", MAX_COLUMNS));
                    }
                    cells.put(column, text);
                }
                inCell = false;
            } else if (xml.isEnd("row") && !cells.isEmpty()) {
                int width = cells.keySet().stream().mapToInt(Integer::intValue).max().orElse(-1) + 1;
                if (header.isEmpty()) {
                    for (int c = 0; c < width; c++) {
                        header.add(cells.getOrDefault(c, ""));
                    }
                    continue;
                }
                if (rows.size() == rowCap) {
                    throw new Refused("sheet " + sheet + " row " + row,
                            Words.text("error.xlsx.tooManyRows", rowCap));
                }
                Map<String, String> byName = new HashMap<>();
                cells.forEach((c, text) -> {
                    if (c < header.size()) {
                        byName.put(header.get(c), text);
                    }
                });
                rows.add(byName);
                numbers.add(row);
            }
        }
        header.removeIf(String::isEmpty);
        return new Workbooks.SheetRows(sheet, header, numbers, rows);
    }

    /** A formula's text is not a value (its cached result in {@code <v>} is): read past it. */
    private static void skipFormula(WorkbookReader.Xml xml) {
        while (xml.next() && !xml.isEnd("f")) {
            // the parser's caps still apply to what is skipped
        }
    }

    private long rowNumber(String reference) {
        if (reference == null) {
            return row + 1;
        }
        if (reference.length() > 7 || !reference.chars().allMatch(Character::isDigit)
                || Long.parseLong(reference) < 1 || Long.parseLong(reference) > EXCEL_ROWS) {
            row = Math.max(row, 1);
            throw new Refused("sheet " + sheet, Words.text("error.xlsx.reference",
                    Echo.of(reference)));
        }
        return Long.parseLong(reference);
    }

    /** The 0-based column of a reference such as "C7", checked against the grid before it is used. */
    private int columnOf(String reference) {
        if (reference == null) {
            return column + 1;
        }
        var matcher = REFERENCE.matcher(reference);
        int index = -1;
        if (matcher.matches()) {
            index = 0;
            for (char letter : matcher.group(1).toCharArray()) {
                index = index * 26 + letter - 'A' + 1;
            }
            long rowOfCell = Long.parseLong(matcher.group(2));
            if (rowOfCell < 1 || rowOfCell > EXCEL_ROWS) {
                index = -1;
            }
        }
        if (index < 1 || index > EXCEL_COLUMNS) {
            throw new Refused("sheet " + sheet + " row " + row,
                    Words.text("error.xlsx.reference", Echo.of(reference)));
        }
        return index - 1;
    }

    /** The cell's value as text: numbers as plain decimals ("7200", "0.5"), booleans true/false, strings trimmed. */
    private String text(String type, String raw) {
        if (type == null || type.equals("n")) {
            return raw.isBlank() ? "" : number(raw.trim());
        }
        return switch (type) {
            case "s" -> sharedString(raw.trim());
            case "b" -> raw.trim().equals("1") ? "true" : raw.trim().equals("0") ? "false" : raw.trim();
            default -> raw.trim(); // inlineStr, str (a formula's text), e (an error such as #N/A), d (a date as text)
        };
    }

    private String sharedString(String index) {
        if (index.isEmpty()) {
            return "";
        }
        if (index.length() <= 9 && index.chars().allMatch(Character::isDigit)
                && Integer.parseInt(index) < shared.size()) {
            return shared.get(Integer.parseInt(index));
        }
        throw refused(Words.text("error.xlsx.sharedIndex", Echo.of(index), shared.size()));
    }

    /**
     * "7200.0" and "7.2E3" as "7200". The text is checked first, so no exponent makes a
     * billion-digit string; a number too large or small for a plain decimal of 40 digits stays as written.
     */
    private String number(String raw) {
        if (!NUMBER.matcher(raw).matches()) {
            throw refused(Words.text("error.xlsx.number", Echo.of(raw)));
        }
        BigDecimal number = new BigDecimal(raw);
        if (number.signum() == 0) {
            return "0";
        }
        BigDecimal stripped = number.stripTrailingZeros();
        return Math.abs(stripped.scale()) <= 40 ? stripped.toPlainString() : raw;
    }

    private Refused refused(String message) {
        return new Refused(place(), message);
    }

    static String columnName(int index) {
        StringBuilder name = new StringBuilder();
        for (int n = index + 1; n > 0; n = (n - 1) / 26) {
            name.insert(0, (char) ('A' + (n - 1) % 26));
        }
        return name.toString();
    }
}
