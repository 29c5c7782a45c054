package org.kamplanner.api;

import java.io.IOException;

/**
 * A request body read past the size cap. An IOException so that Jackson and Spring pass it on
 * as the cause of their read failure instead of turning it into a parse error.
 */
public class BodyTooLargeException extends IOException {

    private final long limitBytes;

    public BodyTooLargeException(long limitBytes) {
        super("the request body is over the limit of " + limitBytes + " bytes");
        this.limitBytes = limitBytes;
    }

    public long limitBytes() {
        return limitBytes;
    }
}
