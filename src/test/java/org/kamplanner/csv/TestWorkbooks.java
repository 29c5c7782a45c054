package org.kamplanner.csv;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Hand-made .xlsx packages, written part by part with java.util.zip, so a test can put into a sheet
 * exactly what a hostile file holds (a DOCTYPE, a reference outside the grid, a gigabyte of one cell)
 * without a binary fixture.
 */
final class TestWorkbooks {

    static final String MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    /** Writes a part's bytes; may write far more than fits in memory, in pieces. */
    interface Part {
        void write(OutputStream out) throws IOException;
    }

    private final Map<String, Part> sheets = new LinkedHashMap<>();
    private String sharedStrings;

    /** A sheet whose {@code <sheetData>} holds {@code rows}. */
    TestWorkbooks sheet(String name, String rows) {
        return sheet(name, out -> out.write(rows.getBytes(StandardCharsets.UTF_8)));
    }

    TestWorkbooks sheet(String name, Part rows) {
        sheets.put(name, out -> {
            out.write(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><worksheet xmlns=\"" + MAIN + "\"><sheetData>")
                    .getBytes(StandardCharsets.UTF_8));
            rows.write(out);
            out.write("</sheetData></worksheet>".getBytes(StandardCharsets.UTF_8));
        });
        return this;
    }

    /** A whole sheet part as written, for a DOCTYPE or broken XML. */
    TestWorkbooks rawSheet(String name, String xml) {
        sheets.put(name, out -> out.write(xml.getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    TestWorkbooks sharedStrings(String... strings) {
        StringBuilder xml = new StringBuilder("<sst xmlns=\"" + MAIN + "\" count=\"" + strings.length + "\">");
        for (String s : strings) {
            xml.append("<si><t>").append(s).append("</t></si>");
        }
        sharedStrings = xml.append("</sst>").toString();
        return this;
    }

    byte[] bytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.setLevel(Deflater.BEST_COMPRESSION);
            StringBuilder overrides = new StringBuilder();
            StringBuilder workbook = new StringBuilder();
            StringBuilder rels = new StringBuilder();
            int i = 1;
            for (String name : sheets.keySet()) {
                overrides.append("<Override PartName=\"/xl/worksheets/sheet").append(i).append(".xml\" ContentType=\"")
                        .append("application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>");
                workbook.append("<sheet name=\"").append(name).append("\" sheetId=\"").append(i).append("\" r:id=\"rId")
                        .append(i).append("\"/>");
                rels.append("<Relationship Id=\"rId").append(i).append("\" Type=\"http://schemas.openxmlformats.org/")
                        .append("officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet").append(i)
                        .append(".xml\"/>");
                i++;
            }
            if (sharedStrings != null) {
                rels.append("<Relationship Id=\"rIdS\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/")
                        .append("relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>");
            }
            put(zip, "[Content_Types].xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Types xmlns=\"http://schemas."
                    + "openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/>"
                    + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument."
                    + "spreadsheetml.sheet.main+xml\"/>" + overrides + "</Types>");
            put(zip, "xl/workbook.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><workbook xmlns=\"" + MAIN
                    + "\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><sheets>"
                    + workbook + "</sheets></workbook>");
            put(zip, "xl/_rels/workbook.xml.rels", "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Relationships xmlns=\""
                    + "http://schemas.openxmlformats.org/package/2006/relationships\">" + rels + "</Relationships>");
            if (sharedStrings != null) {
                put(zip, "xl/sharedStrings.xml", sharedStrings);
            }
            i = 1;
            for (Part sheet : sheets.values()) {
                zip.putNextEntry(new ZipEntry("xl/worksheets/sheet" + i++ + ".xml"));
                sheet.write(zip);
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void put(ZipOutputStream zip, String name, String content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content.getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
    }

    /** One row of inline-string and number cells from column A on: a String is text, a Number a number cell. */
    static String row(int number, Object... cells) {
        StringBuilder row = new StringBuilder("<row r=\"" + number + "\">");
        for (int c = 0; c < cells.length; c++) {
            String ref = SheetReader.columnName(c) + number;
            if (cells[c] instanceof Number n) {
                row.append("<c r=\"").append(ref).append("\"><v>").append(n).append("</v></c>");
            } else {
                row.append("<c r=\"").append(ref).append("\" t=\"inlineStr\"><is><t>").append(cells[c])
                        .append("</t></is></c>");
            }
        }
        return row.append("</row>").toString();
    }

    /** Writes {@code unit} until {@code bytes} are written: a gigabyte in 64 KB pieces, never held at once. */
    static void repeat(OutputStream out, String unit, long bytes) throws IOException {
        byte[] piece = unit.repeat(Math.max(1, 65536 / unit.length())).getBytes(StandardCharsets.UTF_8);
        for (long written = 0; written < bytes; written += piece.length) {
            out.write(piece);
        }
    }
}
