package org.kamplanner.errors;

import org.kamplanner.words.Words;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Something the request names does not exist: a plan, an account of a plan, a dataset, an export. 404. */
public class NotFoundException extends ErrorResponseException {

    /**
     * {@code kind} names the message ({@code error.notFound.Plan}, {@code .Dataset}, {@code .ApiToken}) in
     * the request's language; {@code id} as the request gave it.
     */
    public NotFoundException(String kind, String id) {
        this(Words.text("error.notFound." + kind, id));
    }

    public NotFoundException(String detail) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, detail), null);
    }
}
