package org.kamplanner.document;

import java.util.List;

/** A plan document with problems; carries all of them so the client can fix them in one round. */
public class InvalidPlanException extends RuntimeException {

    private final List<FieldProblem> problems;

    public InvalidPlanException(List<FieldProblem> problems) {
        super(problems.size() == 1 ? "1 problem in the plan document"
                : problems.size() + " problems in the plan document");
        this.problems = List.copyOf(problems);
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
