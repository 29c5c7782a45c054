package org.kamplanner.plan;

import java.io.IOException;
import java.sql.SQLException;

import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * Tells the connection pool to throw away a connection whose embedded H2 database has closed. A write
 * that fails on a full disk closes H2's store for good (issue 30); its connections then answer "database
 * closed" (90098) for ever, and Hikari, which evicts only on connection-class SQL states (08…), kept
 * handing them out: nothing recovered until a restart. Evicted, the pool's next connection opens the
 * database file again, which works as soon as the disk has room. PostgreSQL's errors keep Hikari's own
 * rules. Named in application.properties (spring.datasource.hikari.exception-override-class-name).
 */
public class ClosedDatabaseEviction implements SQLExceptionOverride {

    /** H2's DATABASE_IS_CLOSED and DATABASE_CALLED_AT_SHUTDOWN. */
    private static final int CLOSED = 90098;
    private static final int SHUTTING_DOWN = 90121;

    @java.lang.Override
    public Override adjudicate(SQLException e) {
        if (e.getErrorCode() == CLOSED || e.getErrorCode() == SHUTTING_DOWN || failedOnDisk(e)) {
            return Override.MUST_EVICT;
        }
        return Override.CONTINUE_EVICT;
    }

    private static boolean failedOnDisk(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
