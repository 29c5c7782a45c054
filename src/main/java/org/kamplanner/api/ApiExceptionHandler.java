package org.kamplanner.api;

import java.util.List;

import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as application/problem+json (RFC 9457). Bad input is a 400 naming the JSON path of
 * each problem; nothing of Java (class names, stack traces) ever reaches the client. Spring's own
 * 4xx keep the ProblemDetail defaults of {@link ResponseEntityExceptionHandler}.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(InvalidPlanException.class)
    public ResponseEntity<Object> handleInvalidPlan(InvalidPlanException ex) {
        return invalidPlan(ex.problems());
    }

    @ExceptionHandler(PlanNotFoundException.class)
    public ResponseEntity<Object> handlePlanNotFound(PlanNotFoundException ex) {
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Plan '" + ex.planId() + "' not found"));
    }

    @ExceptionHandler(PlanConflictException.class)
    public ResponseEntity<Object> handleConflict(PlanConflictException ex) {
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage()));
    }

    @ExceptionHandler(SolveQueueFullException.class)
    public ResponseEntity<Object> handleSolveQueueFull(SolveQueueFullException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "30")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }

    /** For a body read outside a message converter; inside one it arrives wrapped, see below. */
    @ExceptionHandler(BodyTooLargeException.class)
    public ResponseEntity<Object> handleBodyTooLarge(BodyTooLargeException ex) {
        return problem(BodySizeLimitFilter.tooLarge(ex.limitBytes()));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLargeException tooLarge) {
                return handleBodyTooLarge(tooLarge);
            }
        }
        return invalidPlan(List.of(JsonReadProblem.of(ex)));
    }

    @ExceptionHandler(Exception.class)
    public ResponseEntity<Object> handleUnexpected(Exception ex, WebRequest request) {
        ResponseStatus declared = AnnotatedElementUtils.findMergedAnnotation(ex.getClass(), ResponseStatus.class);
        if (declared != null) {
            // An exception that states its own status is expected; only its reason is safe to show.
            HttpStatus status = declared.code();
            return problem(ProblemDetail.forStatusAndDetail(status,
                    declared.reason().isEmpty() ? status.getReasonPhrase() : declared.reason()));
        }
        log.error("Unexpected error on {}", request.getDescription(false), ex);
        return problem(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "An unexpected error occurred. It has been logged; please report the time of the request."));
    }

    private static ResponseEntity<Object> invalidPlan(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                problems.size() == 1 ? "1 problem in the plan document"
                        : problems.size() + " problems in the plan document");
        problem.setTitle("Invalid plan");
        problem.setProperty("errors", problems);
        return problem(problem);
    }

    // The media type is set here, not negotiated, so a client sending Accept: application/json
    // still gets problem+json.
    private static ResponseEntity<Object> problem(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
