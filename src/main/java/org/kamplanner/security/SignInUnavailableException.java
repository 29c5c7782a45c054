package org.kamplanner.security;

import org.springframework.security.core.AuthenticationException;

/**
 * A bearer token that cannot be checked right now: the token table cannot be read, or the identity
 * provider (its discovery document or its keys) cannot be reached. The token may well be valid, so
 * this is a 503 with Retry-After ({@link ProblemResponses}), not a 401 telling the client to sign in
 * again, and never a 500. An {@link AuthenticationException} so that the resource server's filter
 * hands it to the entry point instead of letting it escape as a server error.
 */
class SignInUnavailableException extends AuthenticationException {

    SignInUnavailableException(String what, Throwable cause) {
        super(what + " cannot be reached", cause);
    }
}
