package org.kamplanner.csv;

import org.kamplanner.words.Words;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;


/**
 * A CSV file's characters as Commons CSV reads them, with the file's bounds checked on the way, before
 * the parser has made a cell or a record of them: no NUL, at most {@link #MAX_CELLS} cells a line, no data
 * cell longer than {@link #MAX_CELL_CHARS}. It follows the parser's quoting (RFC 4180: a quote opens a
 * quoted cell only as the cell's first character, two quotes inside are one), so a separator or line break
 * inside quotes is no cell or line, and it counts the file's lines as an editor shows them for the message.
 * The header has its own, larger bound ({@link CsvTable#MAX_HEADER_CHARS}), checked before this reads.
 */
final class CsvBounds extends FilterReader {

    /** Cells a line: a plan's table has about twenty columns, an export a few more. */
    static final int MAX_CELLS = SheetReader.MAX_COLUMNS;
    /** A data cell: the longest plan field is 500 characters; a list of sector ids may be longer. */
    static final int MAX_CELL_CHARS = SheetReader.MAX_CELL_CHARS;

    private enum State { CELL_START, PLAIN, QUOTED, QUOTE_IN_QUOTED }

    private final String fileName;
    private final char separator;
    private State state = State.CELL_START;
    private long line = 1;
    private long record = 1;
    private int cells = 1;
    private int cellChars;
    private boolean afterCarriageReturn;

    CsvBounds(Reader in, String fileName, char separator) {
        super(in);
        this.fileName = fileName;
        this.separator = separator;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) {
            check((char) c);
        }
        return c;
    }

    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        for (int i = offset; i < offset + Math.max(n, 0); i++) {
            check(buffer[i]);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        char[] buffer = new char[(int) Math.min(n, 8192)];
        int read = read(buffer, 0, buffer.length);
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void check(char c) {
        if (c == '\0') {
            throw refused("error.csv.nul");
        }
        boolean lineBreak = c == '\n' && !afterCarriageReturn || c == '\r';
        afterCarriageReturn = c == '\r';
        if (lineBreak) {
            line++;
        }
        if (state == State.QUOTED) {
            if (c == '"') {
                state = State.QUOTE_IN_QUOTED;
            } else {
                cellChar();
            }
            return;
        }
        if (state == State.QUOTE_IN_QUOTED) {
            if (c == '"') {
                state = State.QUOTED; // two quotes: one quote of the cell's text
                cellChar();
                return;
            }
            state = State.PLAIN; // the quoted cell is closed; stray text after it is the parser's to refuse
        }
        if (c == separator) {
            nextCell();
        } else if (c == '\r' || c == '\n') {
            if (lineBreak) {
                nextRecord();
            }
        } else if (state == State.CELL_START && c == '"') {
            state = State.QUOTED;
        } else {
            state = State.PLAIN;
            cellChar();
        }
    }

    private void nextCell() {
        state = State.CELL_START;
        cellChars = 0;
        if (++cells > MAX_CELLS) {
            throw refused("error.csv.tooManyColumns", MAX_CELLS);
        }
    }

    private void nextRecord() {
        state = State.CELL_START;
        cellChars = 0;
        cells = 1;
        record++;
    }

    private void cellChar() {
        // The header's names are bounded by the header's own length.
        if (record > 1 && ++cellChars > MAX_CELL_CHARS) {
            throw refused("error.csv.cellTooLong", MAX_CELL_CHARS);
        }
    }

    private Refused refused(String key, Object... args) {
        return new Refused(fileName + " line " + line, Words.text(key, args));
    }
}
