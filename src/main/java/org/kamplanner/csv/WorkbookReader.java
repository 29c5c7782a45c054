package org.kamplanner.csv;

import org.kamplanner.words.Words;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.apache.commons.io.input.BOMInputStream;

/**
 * Reads an uploaded .xlsx with the JDK's StAX parser, part by part as a stream, every bound checked while
 * reading ({@link WorkbookZip} for the bytes, {@link SheetReader} for rows and cells): [Content_Types].xml
 * names the workbook part, its relationships name the sheets' parts and the shared strings, which are read
 * first (count and total length capped) because cells refer to them by index. Any DOCTYPE is refused: a
 * workbook never has one, and it is where entity tricks live. Parser and zip messages never reach the
 * user: they are Java's words, in English, and name classes.
 */
final class WorkbookReader {

    /** Distinct strings of a workbook: a plan of 20,000 accounts has about 50,000. */
    static final int MAX_SHARED_STRINGS = 250_000;
    /** Characters of all shared strings together. */
    static final long MAX_SHARED_CHARS = 16L * 1024 * 1024;
    static final int MAX_SHEETS = 32;
    /** Nesting of XML elements: a sheet needs five. */
    static final int MAX_DEPTH = 64;

    private static final String MAIN = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";
    private static final String MACRO_MAIN = "application/vnd.ms-excel.sheet.macroEnabled.main+xml";
    private static final String RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

    private static final XMLInputFactory XML = factory();

    private final WorkbookZip zip;

    private WorkbookReader(WorkbookZip zip) {
        this.zip = zip;
    }

    private static XMLInputFactory factory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, false);
        return factory;
    }

    /**
     * Every sheet of the workbook in order; the rows of those named in {@code rowCaps}, at most that many
     * rows each besides the header, the others empty (they are only named, as unknown).
     *
     * @throws Refused at the first bound passed or part that cannot be read
     */
    static Map<String, Workbooks.SheetRows> read(String fileName, InputStream upload, Map<String, Integer> rowCaps)
            throws IOException {
        try (WorkbookZip zip = WorkbookZip.open(fileName, upload)) {
            return new WorkbookReader(zip).sheets(rowCaps);
        }
    }

    private Map<String, Workbooks.SheetRows> sheets(Map<String, Integer> rowCaps) throws IOException {
        String workbookPart = null;
        try (Xml types = xml(required("[Content_Types].xml"), () -> zip.fileName())) {
            while (types.next()) {
                if (types.isStart("Override")) {
                    String type = types.attribute("ContentType");
                    if (MAIN.equals(type) || MACRO_MAIN.equals(type)) {
                        workbookPart = types.attribute("PartName");
                    }
                }
            }
        }
        if (workbookPart == null) {
            workbookPart = "/xl/workbook.xml";
        }
        String folder = workbookPart.substring(0, workbookPart.lastIndexOf('/') + 1);
        Map<String, String> targets = new HashMap<>();
        String sharedStringsPart = null;
        String relsPart = folder + "_rels/" + workbookPart.substring(folder.length()) + ".rels";
        try (Xml rels = xml(required(relsPart), () -> zip.fileName())) {
            while (rels.next()) {
                if (rels.isStart("Relationship") && targets.size() <= MAX_ENTRIES_NAMED) {
                    String target = rels.attribute("Target");
                    String type = rels.attribute("Type");
                    if (target == null) {
                        continue;
                    }
                    String part = target.startsWith("/") ? target : folder + target;
                    targets.put(rels.attribute("Id"), part);
                    if (type != null && type.endsWith("/sharedStrings")) {
                        sharedStringsPart = part;
                    }
                }
            }
        }
        List<String[]> sheets = new ArrayList<>();
        try (Xml workbook = xml(required(workbookPart), () -> zip.fileName())) {
            while (workbook.next()) {
                if (workbook.isStart("sheet")) {
                    if (sheets.size() == MAX_SHEETS) {
                        throw new Refused(zip.fileName(), Words.text("error.xlsx.tooManySheets", MAX_SHEETS));
                    }
                    String name = workbook.attribute("name");
                    String id = workbook.reader.getAttributeValue(RELATIONSHIPS, "id");
                    sheets.add(new String[] { name == null ? "" : name, targets.get(id) });
                }
            }
        }
        List<String> shared = sharedStringsPart == null ? List.of() : sharedStrings(sharedStringsPart);
        Map<String, Workbooks.SheetRows> result = new LinkedHashMap<>();
        for (String[] sheet : sheets) {
            String name = sheet[0];
            Integer cap = rowCaps.getOrDefault(name, rowCaps.get(Workbooks.ANY_SHEET));
            if (cap == null || sheet[1] == null || result.containsKey(name)) {
                result.putIfAbsent(name, new Workbooks.SheetRows(name, List.of(), List.of(), List.of()));
                continue;
            }
            SheetReader rows = new SheetReader(name, cap, shared);
            try (Xml part = xml(required(sheet[1]), rows::place)) {
                result.put(name, rows.read(part));
            }
        }
        return result;
    }

    /** Relationships a workbook may list: its sheets and a few parts besides. */
    private static final int MAX_ENTRIES_NAMED = WorkbookZip.MAX_ENTRIES;

    private List<String> sharedStrings(String part) throws IOException {
        ZipEntry entry = zip.entry(part);
        if (entry == null) {
            return List.of();
        }
        String place = zip.fileName() + " " + (part.startsWith("/") ? part.substring(1) : part);
        List<String> strings = new ArrayList<>();
        long chars = 0;
        try (Xml xml = xml(entry, () -> place)) {
            StringBuilder text = null;
            boolean phonetic = false;
            while (xml.next()) {
                if (xml.isStart("si")) {
                    if (strings.size() == MAX_SHARED_STRINGS) {
                        throw new Refused(place, Words.text("error.xlsx.sharedStrings", MAX_SHARED_STRINGS));
                    }
                    text = new StringBuilder();
                } else if (xml.isStart("rPh")) {
                    phonetic = true; // the reading aid of East Asian text, not part of the value
                } else if (xml.isEnd("rPh")) {
                    phonetic = false;
                } else if (xml.isEnd("si") && text != null) {
                    strings.add(text.toString().trim());
                    text = null;
                } else if (text != null && !phonetic && xml.isText()) {
                    chars += xml.reader.getTextLength();
                    if (chars > MAX_SHARED_CHARS) {
                        throw new Refused(place, Words.text("error.xlsx.sharedChars", MAX_SHARED_CHARS / (1024 * 1024)));
                    }
                    if (text.length() <= SheetReader.MAX_CELL_CHARS) {
                        text.append(xml.reader.getTextCharacters(), xml.reader.getTextStart(), xml.reader.getTextLength());
                    }
                }
            }
        }
        return strings;
    }

    private ZipEntry required(String part) {
        ZipEntry entry = zip.entry(part);
        if (entry == null) {
            throw WorkbookZip.notAWorkbook(zip.fileName());
        }
        return entry;
    }

    private Xml xml(ZipEntry entry, WorkbookZip.Place place) throws IOException {
        InputStream bytes = BOMInputStream.builder().setInputStream(zip.open(entry, place)).get();
        try {
            // A Reader, not the bytes: the parser then ignores a declared encoding, so it reads the UTF-8
            // whose angle brackets the byte caps count.
            return new Xml(XML.createXMLStreamReader(new InputStreamReader(bytes, StandardCharsets.UTF_8)), place);
        } catch (XMLStreamException e) {
            bytes.close();
            throw WorkbookZip.notAWorkbook(zip.fileName());
        }
    }

    /** One part's XML events, refusing a DOCTYPE and deep nesting, and any parser error as "not a workbook". */
    static final class Xml implements AutoCloseable {

        final XMLStreamReader reader;
        private final WorkbookZip.Place place;
        private int depth;
        private int event;

        Xml(XMLStreamReader reader, WorkbookZip.Place place) {
            this.reader = reader;
            this.place = place;
        }

        boolean next() {
            try {
                if (!reader.hasNext()) {
                    return false;
                }
                event = reader.next();
            } catch (XMLStreamException e) {
                // The caps throw from inside the parser's read; the parser may wrap them.
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof Refused refused) {
                        throw refused;
                    }
                }
                throw new Refused(place.path(), Words.text("error.xlsx.malformed"));
            }
            if (event == XMLStreamConstants.DTD) {
                throw new Refused(place.path(), Words.text("error.xlsx.doctype"));
            }
            if (event == XMLStreamConstants.START_ELEMENT && ++depth > MAX_DEPTH) {
                throw new Refused(place.path(), Words.text("error.xlsx.depth", MAX_DEPTH));
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            }
            return event != XMLStreamConstants.END_DOCUMENT;
        }

        boolean isStart(String localName) {
            return event == XMLStreamConstants.START_ELEMENT && reader.getLocalName().equals(localName);
        }

        boolean isEnd(String localName) {
            return event == XMLStreamConstants.END_ELEMENT && reader.getLocalName().equals(localName);
        }

        boolean isText() {
            return event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
                    || event == XMLStreamConstants.SPACE;
        }

        String attribute(String localName) {
            return reader.getAttributeValue(null, localName);
        }

        @Override
        public void close() {
            try {
                reader.close();
            } catch (XMLStreamException e) {
                // Closing a reader that failed: nothing more to say.
            }
        }
    }
}
