package org.kamplanner.csv;

import org.kamplanner.words.Words;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;


/**
 * The zip container of an uploaded .xlsx, opened so that no part can cost more than its share: the
 * upload (already capped by the body limit) is copied to a temporary file and read as a
 * {@link ZipFile}, whose central directory stays one byte array however many entries it lists; every
 * part is read through {@link Capped}, which counts the inflated bytes while they are read and stops at
 * the first byte over a cap (the whole workbook's, the ratio to the part's compressed size, or the longest
 * run of bytes between two XML angle brackets, which bounds any one attribute or text the XML parser holds).
 * A declared size in the zip is never believed.
 */
final class WorkbookZip implements AutoCloseable {

    /** More parts than any workbook of the plan's few sheets has; each costs a little memory to list. */
    static final int MAX_ENTRIES = 1_000;
    /** Inflated bytes of all parts read together: about five times a workbook of 20,000 accounts. */
    static final long MAX_INFLATED_BYTES = 128L * 1024 * 1024;
    /** Inflated to compressed, as Apache POI's ZipSecureFile refuses by default (0.01). */
    static final int MAX_RATIO = 100;
    /** The ratio is judged once a part has inflated this far: tiny parts compress oddly. */
    static final long RATIO_GRACE_BYTES = 1024 * 1024;
    /** The longest attribute value, text or tag the XML parser may have to hold at once, in bytes. */
    static final int MAX_TOKEN_BYTES = 256 * 1024;

    private final Path file;
    private final ZipFile zip;
    private final String fileName;
    private long inflated;

    private WorkbookZip(Path file, ZipFile zip, String fileName) {
        this.file = file;
        this.zip = zip;
        this.fileName = fileName;
    }

    /** @throws Refused if the upload is no zip or lists more than {@link #MAX_ENTRIES} parts */
    static WorkbookZip open(String fileName, InputStream upload) throws IOException {
        Path file = Files.createTempFile("kam-planner-upload", ".xlsx");
        try {
            Files.copy(upload, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            ZipFile zip;
            try {
                zip = new ZipFile(file.toFile());
            } catch (IOException notAZip) {
                throw notAWorkbook(fileName);
            }
            if (zip.size() > MAX_ENTRIES) {
                zip.close();
                throw new Refused(fileName, Words.text("error.xlsx.tooManyParts", MAX_ENTRIES));
            }
            return new WorkbookZip(file, zip, fileName);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    static Refused notAWorkbook(String fileName) {
        return new Refused(fileName, Words.text("error.csv.unreadableWorkbook"));
    }

    /** A part by its name in the package ("/xl/workbook.xml" or "xl/workbook.xml"), case-insensitive as Excel is. */
    ZipEntry entry(String name) {
        String plain = name.startsWith("/") ? name.substring(1) : name;
        ZipEntry entry = zip.getEntry(plain);
        if (entry != null) {
            return entry;
        }
        for (Enumeration<? extends ZipEntry> all = zip.entries(); all.hasMoreElements();) {
            ZipEntry candidate = all.nextElement();
            if (candidate.getName().equalsIgnoreCase(plain)) {
                return candidate;
            }
        }
        return null;
    }

    /** The part's bytes as they inflate, within the caps; {@code place} is where a refusal is reported. */
    InputStream open(ZipEntry entry, Place place) throws IOException {
        return new Capped(zip.getInputStream(entry), entry.getCompressedSize() > 0 ? entry.getCompressedSize() : 1,
                place);
    }

    @Override
    public void close() throws IOException {
        try {
            zip.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Where a part's reader stands, for the message of a cap that stops it: a sheet's row and column, or the part. */
    interface Place {
        String path();
    }

    /** Counts while reading and refuses the first byte over a cap; never reads ahead of what it is asked. */
    private final class Capped extends FilterInputStream {

        private final long compressed;
        private final Place place;
        private long count;
        private int run;

        Capped(InputStream in, long compressed, Place place) {
            super(in);
            this.compressed = compressed;
            this.place = place;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n <= 0) {
                return n;
            }
            count += n;
            inflated += n;
            if (inflated > MAX_INFLATED_BYTES) {
                throw new Refused(place.path(), Words.text("error.xlsx.inflated",
                        MAX_INFLATED_BYTES / (1024 * 1024)));
            }
            if (count > RATIO_GRACE_BYTES && count / compressed > MAX_RATIO) {
                throw new Refused(place.path(), Words.text("error.xlsx.ratio", MAX_RATIO));
            }
            for (int i = offset; i < offset + n; i++) {
                // In UTF-8 the bytes of '<' and '>' occur in no other character, so this counts exactly.
                byte b = buffer[i];
                run = b == '<' || b == '>' ? 0 : run + 1;
                if (run > MAX_TOKEN_BYTES) {
                    throw new Refused(place.path(), Words.text("error.xlsx.token", MAX_TOKEN_BYTES / 1024));
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Skipped bytes still inflate: read them through the caps.
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public boolean markSupported() {
            return false;
        }
    }

    String fileName() {
        return fileName;
    }
}
