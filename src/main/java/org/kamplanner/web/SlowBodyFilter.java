package org.kamplanner.web;

import org.kamplanner.words.Words;

import java.io.IOException;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
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
        chain.doFilter(new CheckedBodyRequest(request, (bytes, elapsed) -> {
            // The body may take the grace period plus what its size takes at the minimum rate.
            if (elapsed > graceNanos && elapsed - graceNanos > bytes * 1_000_000_000L / minBytesPerSecond) {
                throw new BodyTooSlow(minBytesPerSecond, Duration.ofNanos(graceNanos).toSeconds());
            }
        }), response);
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
