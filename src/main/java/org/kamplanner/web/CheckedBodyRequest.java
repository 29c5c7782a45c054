package org.kamplanner.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * A request whose body is checked after every read, for the body cap (BodySizeLimitFilter) and the minimum
 * data rate (SlowBodyFilter). The check throws an IOException to fail the read: Jackson and Spring pass it on
 * as the cause of their failure, where ApiExceptionHandler finds it.
 */
final class CheckedBodyRequest extends HttpServletRequestWrapper {

    /** What a filter checks: the bytes read so far and the nanoseconds since the body's first read began. */
    @FunctionalInterface
    interface Check {
        void afterRead(long bytes, long elapsedNanos) throws IOException;
    }

    private final Check check;
    private ServletInputStream stream;
    private BufferedReader reader;

    CheckedBodyRequest(HttpServletRequest request, Check check) {
        super(request);
        this.check = check;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (stream == null) {
            stream = new CheckedInputStream(super.getInputStream(), check);
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (reader == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            reader = new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
        return reader;
    }

    /**
     * Checks after every read, the end of the body included. A client that stops sending altogether blocks
     * one read, which Tomcat's upload timeout ends; one that drips is caught at its next byte.
     */
    private static final class CheckedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final Check check;
        private final long started = System.nanoTime();
        private long count;

        CheckedInputStream(ServletInputStream in, Check check) {
            this.in = in;
            this.check = check;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            counted(b >= 0 ? 1 : 0);
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            counted(Math.max(n, 0));
            return n;
        }

        private void counted(int n) throws IOException {
            count += n;
            check.afterRead(count, System.nanoTime() - started);
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
