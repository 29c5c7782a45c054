package org.kamplanner.web;

import java.util.List;

import org.kamplanner.words.Words;
import org.kamplanner.document.InvalidPlanException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.transaction.TransactionSystemException;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import io.github.resilience4j.bulkhead.BulkheadFullException;

/**
 * Every error as application/problem+json (RFC 9457). The service's own errors are
 * {@link org.springframework.web.ErrorResponseException}s that carry their status, body and headers
 * (invalid plan 400, not found 404, plan state conflict 409, queue full 503), so Spring's
 * {@link ResponseEntityExceptionHandler} renders them as it renders its own 4xx. What is added here:
 * an unreadable body is an invalid plan naming the JSON path, a body over the cap is 413, and nothing
 * of Java (class names, stack traces) ever reaches the client.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail tooLarge = BodySizeLimitFilter.tooLarge(ex);
        if (tooLarge != null) {
            return createResponseEntity(tooLarge, new HttpHeaders(), HttpStatus.PAYLOAD_TOO_LARGE, request);
        }
        if (SlowBodyFilter.tooSlow(ex) != null) {
            return tooSlow(SlowBodyFilter.tooSlow(ex), request);
        }
        InvalidPlanException invalid = new InvalidPlanException(List.of(JsonReadProblem.of(ex)));
        return handleErrorResponseException(invalid, invalid.getHeaders(), invalid.getStatusCode(), request);
    }

    /**
     * An invalid plan's title and detail in the request's language (Accept-Language, see
     * {@link ScoreWords#locale()}); the field paths and the JSON shape stay as they are.
     */
    @Override
    protected ResponseEntity<Object> handleErrorResponseException(ErrorResponseException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (ex instanceof InvalidPlanException invalid) {
            int count = invalid.problems().size();
            invalid.getBody().setTitle(Words.text("error.invalidPlan.title"));
            invalid.getBody().setDetail(count == 1 ? Words.text("error.invalidPlan.detail.one")
                    : Words.text("error.invalidPlan.detail.many", count));
        }
        return super.handleErrorResponseException(ex, headers, status, request);
    }

    /** More explanation requests than the bulkhead lets run at once: the client should retry shortly. */
    @ExceptionHandler(BulkheadFullException.class)
    public ResponseEntity<Object> handleBulkheadFull(BulkheadFullException ex, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "5");
        return createResponseEntity(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                Words.text("error.busy")),
                headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    /**
     * The database cannot be reached or has closed (a connection that cannot be had, a broken one):
     * the request may succeed later, so 503 with Retry-After; health says DOWN meanwhile. Errors of a
     * statement itself (a constraint, a bad query) are the service's own and stay 500.
     */
    @ExceptionHandler({ DataAccessResourceFailureException.class, TransientDataAccessResourceException.class })
    public ResponseEntity<Object> handleDatabaseUnavailable(DataAccessException ex, WebRequest request) {
        log.warn("Database unavailable on {}: {}", request.getDescription(false), ex.getMostSpecificCause().toString());
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "60");
        return createResponseEntity(ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                Words.text("error.database")),
                headers, HttpStatus.SERVICE_UNAVAILABLE, request);
    }

    /**
     * A database write that failed on its disk (a full disk closes H2: issue 30) is the storage's, not the
     * service's: 507 with Retry-After, and health says DOWN until space returns. A commit or rollback that
     * fails otherwise (its connection thrown away meanwhile) is the database being unusable: 503. Any other
     * failure of a statement stays an unexpected 500.
     */
    @ExceptionHandler({ DataAccessException.class, TransactionSystemException.class })
    public ResponseEntity<Object> handleStorageFailure(Exception ex, WebRequest request) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (!(root instanceof java.io.IOException)) {
            return ex instanceof TransactionSystemException
                    ? handleDatabaseUnavailable(new DataAccessResourceFailureException(ex.getMessage(), ex), request)
                    : handleUnexpected(ex, request);
        }
        log.warn("Database storage failed on {}: {}", request.getDescription(false), root.toString());
        if (request instanceof ServletWebRequest servlet
                && ("GET".equals(servlet.getRequest().getMethod()) || "HEAD".equals(servlet.getRequest().getMethod()))) {
            // A read stores nothing, so "insufficient storage" would be wrong: the database cannot be used now.
            return handleDatabaseUnavailable(new DataAccessResourceFailureException(ex.getMessage(), ex), request);
        }
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "60");
        return createResponseEntity(ProblemDetail.forStatusAndDetail(HttpStatus.INSUFFICIENT_STORAGE,
                Words.text("error.diskFull")), headers, HttpStatus.INSUFFICIENT_STORAGE, request);
    }

    /**
     * A body slower than the minimum rate (SlowBodyFilter): 408, and the connection closed, so that Tomcat
     * does not spend the worker thread swallowing the rest of the drip.
     */
    private ResponseEntity<Object> tooSlow(ProblemDetail problem, WebRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.setConnection("close");
        return createResponseEntity(problem, headers, HttpStatus.REQUEST_TIMEOUT, request);
    }

    /** A body read outside a message converter (a multipart upload) fails with the cap's own exception. */
    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        ProblemDetail tooLarge = BodySizeLimitFilter.tooLarge(ex);
        if (tooLarge != null) {
            return createResponseEntity(tooLarge, new HttpHeaders(), HttpStatus.PAYLOAD_TOO_LARGE, request);
        }
        if (SlowBodyFilter.tooSlow(ex) != null) {
            return tooSlow(SlowBodyFilter.tooSlow(ex), request);
        }
        ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
        if (declared != null) {
            // An exception that states its own status is expected; only its reason is safe to show.
            HttpStatus status = declared.code();
            return createResponseEntity(ProblemDetail.forStatusAndDetail(status,
                    declared.reason().isEmpty() ? status.getReasonPhrase() : declared.reason()),
                    new HttpHeaders(), status, request);
        }
        log.error("Unexpected error on {}", request.getDescription(false), ex);
        return createResponseEntity(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                Words.text("error.unexpected")),
                new HttpHeaders(), HttpStatus.INTERNAL_SERVER_ERROR, request);
    }

    /**
     * The media type is set here, not negotiated, so a client sending Accept: application/json still
     * gets problem+json. A title still the status' reason phrase ("Not Found") is worded in the request's
     * language; the details of Spring's own 4xx (415, 405, a missing parameter) come from the same
     * bundles, under Spring's {@code problemDetail.<exception class>} keys.
     */
    @Override
    protected ResponseEntity<Object> createResponseEntity(Object body, HttpHeaders headers, HttpStatusCode status,
            WebRequest request) {
        if (body instanceof ProblemDetail problem && HttpStatus.resolve(problem.getStatus()) != null
                && HttpStatus.valueOf(problem.getStatus()).getReasonPhrase().equals(problem.getTitle())) {
            problem.setTitle(Words.title(problem.getStatus(), HttpStatus.valueOf(problem.getStatus()).getReasonPhrase()));
        }
        HttpHeaders problemHeaders = new HttpHeaders();
        problemHeaders.addAll(headers);
        problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return new ResponseEntity<>(body, problemHeaders, status);
    }
}
