package org.kamplanner.csv;

import org.kamplanner.document.FieldProblem;

/**
 * An upload refused at a place (a sheet's row and column, a CSV file's line): one problem, and the
 * reading stops there, so nothing past a bound is read or kept. Thrown from inside the readers' streams,
 * hence unchecked and without a stack trace, which no one reads.
 */
final class Refused extends RuntimeException {

    private final transient FieldProblem problem;

    Refused(String path, String message) {
        super(message, null, false, false);
        this.problem = new FieldProblem(path, message);
    }

    FieldProblem problem() {
        return problem;
    }
}
