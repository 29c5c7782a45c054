package org.kamplanner.plan;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What admission counts over all replicas (SolveQueue, StorageQuota): the admission lock, the unfinished
 * plans, the stored plans and their size. Out of PlanStore, which reads and writes the plans themselves.
 */
@Repository
class PlanCounts {

    private final JdbcClient jdbc;

    PlanCounts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Takes the admission lock (the one row of plan_admission) until the transaction ends: one replica at a
     * time counts and admits. Must run in a transaction.
     */
    void lockAdmission() {
        jdbc.sql("select id from plan_admission where id = 1 for update").query(Integer.class).single();
    }

    /** Plans waiting or solving, of everyone (client null) or of one client, over all replicas. */
    int countUnfinished(String client) {
        return jdbc.sql("select count(*) from plan where status in ('SCHEDULED', 'SOLVING')"
                + (client == null ? "" : " and client = ?"))
                .params(client == null ? List.of() : List.of(client)).query(Integer.class).single();
    }

    /** Stored plans and the characters of their JSON (about their bytes), for the storage quotas. */
    record Usage(int plans, long bytes) {
    }

    /**
     * What the plans of everyone (client null) or of one client take: octet_length reads a stored length
     * (H2's LOB header, PostgreSQL's TOAST header) and decompresses nothing.
     */
    Usage usage(String client) {
        return jdbc.sql("select count(*), coalesce(sum(octet_length(document) + coalesce(octet_length(assignments), 0)), 0)"
                + " from plan" + (client == null ? "" : " where client = ?"))
                .params(client == null ? List.of() : List.of(client))
                .query((rs, n) -> new Usage(rs.getInt(1), rs.getLong(2))).single();
    }
}
