package org.kamplanner.web;

import org.kamplanner.words.Words;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A minimum data rate for request bodies: after {@code kam-planner.http.body-grace} a body must have
 * arrived at {@code kam-planner.http.min-body-rate} bytes a second on average, or its read fails and the
 * request is answered 408 with the connection closed (ApiExceptionHandler). Tomcat's own timeouts are per
 * read (TomcatTimeouts): a client sending one byte a second never trips them, and would hold a worker
 * thread for as long as its body lasts; two hundred such clients held them all (issue 30).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 11) // just inside the body cap, before anything reads the body
public class SlowBodyFilter extends OncePerRequestFilter {

    private final long graceNanos;
    private final long minBytesPerSecond;

    public SlowBodyFilter(@Value("${kam-planner.http.body-grace:10s}") Duration grace,
            @Value("${kam-planner.http.min-body-rate:16384}") long minBytesPerSecond) {
        this.graceNanos = grace.toNanos();
        this.minBytesPerSecond = minBytesPerSecond;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(new TimedRequest(request, graceNanos, minBytesPerSecond), response);
    }

    /** The 408 problem when {@code failure} was caused by a body arriving too slowly, else null. */
    static ProblemDetail tooSlow(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooSlow slow) {
                ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.REQUEST_TIMEOUT,
                        Words.text("error.slowBody.detail", slow.minBytesPerSecond, slow.graceSeconds));
                problem.setTitle(Words.text("error.slowBody.title"));
                return problem;
            }
        }
        return null;
    }

    private static final class TimedRequest extends HttpServletRequestWrapper {

        private final long graceNanos;
        private final long minBytesPerSecond;
        private ServletInputStream stream;
        private BufferedReader reader;

        TimedRequest(HttpServletRequest request, long graceNanos, long minBytesPerSecond) {
            super(request);
            this.graceNanos = graceNanos;
            this.minBytesPerSecond = minBytesPerSecond;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new TimedInputStream(super.getInputStream(), graceNanos, minBytesPerSecond);
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
    }

    /**
     * Checks the rate after every read. A client that stops sending altogether blocks one read, which
     * Tomcat's upload timeout ends; one that drips is caught here at its next byte.
     */
    private static final class TimedInputStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long graceNanos;
        private final long minBytesPerSecond;
        private final long started = System.nanoTime();
        private long count;

        TimedInputStream(ServletInputStream in, long graceNanos, long minBytesPerSecond) {
            this.in = in;
            this.graceNanos = graceNanos;
            this.minBytesPerSecond = minBytesPerSecond;
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

        private void counted(int n) throws BodyTooSlow {
            count += n;
            long elapsed = System.nanoTime() - started;
            // The body may take the grace period plus what its size takes at the minimum rate.
            if (elapsed > graceNanos && elapsed - graceNanos > count * 1_000_000_000L / minBytesPerSecond) {
                throw new BodyTooSlow(minBytesPerSecond, Duration.ofNanos(graceNanos).toSeconds());
            }
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

    /** An IOException, as BodySizeLimitFilter's: Jackson and Spring pass it on as the cause of their failure. */
    private static final class BodyTooSlow extends IOException {

        private final long minBytesPerSecond;
        private final long graceSeconds;

        BodyTooSlow(long minBytesPerSecond, long graceSeconds) {
            super("the request body arrived slower than " + minBytesPerSecond + " bytes a second");
            this.minBytesPerSecond = minBytesPerSecond;
            this.graceSeconds = graceSeconds;
        }
    }
}
