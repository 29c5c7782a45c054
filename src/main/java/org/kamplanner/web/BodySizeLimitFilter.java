package org.kamplanner.web;

import java.io.IOException;

import org.kamplanner.words.Words;
import org.kamplanner.document.Limits;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Caps the request body at {@link Limits#maxBodyBytes()}: a declared Content-Length over the cap is
 * refused before anything is read; a chunked body fails with an IOException once the
 * cap is passed, which {@link ApiExceptionHandler} answers as 413 too.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class BodySizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ObjectMapper objectMapper;

    public BodySizeLimitFilter(Limits limits, ObjectMapper objectMapper) {
        this.maxBytes = limits.maxBodyBytes();
        this.objectMapper = objectMapper;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > maxBytes) {
            // This filter runs before Spring's RequestContextFilter sets the request's language.
            LocaleContextHolder.setLocale(request.getLocale());
            ProblemDetail problem = tooLarge(maxBytes);
            LocaleContextHolder.resetLocaleContext();
            problem.setInstance(java.net.URI.create(request.getRequestURI()));
            response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            // The body announced is never read: without closing, Tomcat would wait for it (to swallow it
            // before the next request on the connection) until its connection timeout, a minute, before
            // the client saw the 413.
            response.setHeader(HttpHeaders.CONNECTION, "close");
            objectMapper.writeValue(response.getOutputStream(), problem);
            response.flushBuffer();
            return;
        }
        chain.doFilter(new CheckedBodyRequest(request, (bytes, elapsed) -> {
            if (bytes > maxBytes) {
                throw new BodyTooLarge(maxBytes);
            }
        }), response);
    }

    /** The 413 problem when {@code failure} was caused by a body over the cap, else null. */
    static ProblemDetail tooLarge(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLarge tooLarge) {
                return tooLarge(tooLarge.maxBytes);
            }
        }
        return null;
    }

    private static ProblemDetail tooLarge(long maxBytes) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
                Words.text("error.tooLarge.detail", maxBytes));
        problem.setTitle(Words.text("error.tooLarge.title"));
        return problem;
    }

    /**
     * An IOException, not an ErrorResponseException, so that Jackson and Spring pass it on as the cause
     * of their read failure instead of turning it into a parse error; {@link #tooLarge(Throwable)} finds it.
     */
    private static final class BodyTooLarge extends IOException {

        private final long maxBytes;

        BodyTooLarge(long maxBytes) {
            super("the request body is over the limit of " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }
    }
}
