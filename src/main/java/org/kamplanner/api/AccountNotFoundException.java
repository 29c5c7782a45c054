package org.kamplanner.api;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No account with this id in the plan: a 404 problem (ResponseEntityExceptionHandler renders it). */
public class AccountNotFoundException extends ErrorResponseException {

    public AccountNotFoundException(String planId, String accountId) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                "Account '" + accountId + "' not found in plan '" + planId + "'"), null);
    }
}
