package org.kamplanner.document;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A plan document (or a request about one) with problems: 400 titled "Invalid plan", every problem in
 * {@code errors} with its field path, so the client can fix them all in one round.
 */
public class InvalidPlanException extends ErrorResponseException {

    private final List<FieldProblem> problems;

    public InvalidPlanException(List<FieldProblem> problems) {
        super(HttpStatus.BAD_REQUEST, body(problems), null);
        this.problems = List.copyOf(problems);
    }

    /** One problem, at one path. */
    public static InvalidPlanException of(String path, String message) {
        return new InvalidPlanException(List.of(new FieldProblem(path, message)));
    }

    public List<FieldProblem> problems() {
        return problems;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    private static ProblemDetail body(List<FieldProblem> problems) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                problems.size() == 1 ? "1 problem in the plan document"
                        : problems.size() + " problems in the plan document");
        problem.setTitle("Invalid plan");
        problem.setProperty("errors", List.copyOf(problems));
        return problem;
    }
}
