package org.kamplanner.document;

/** One problem of a plan document: the JSON path of the field and what is wrong with its value. */
public record FieldProblem(String path, String message) {
}
