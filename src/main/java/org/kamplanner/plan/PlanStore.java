package org.kamplanner.plan;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The plans table (see db/migration): each plan's document as submitted and its best assignment so
 * far, as JSON text. Plain JDBC: one table, whole-row reads and writes.
 */
@Repository
public class PlanStore {

    /** A stored plan. {@code assignments} is a JSON object accountId → kamId; {@code warnings} a JSON array. */
    public record PlanRow(String id, String name, String status, Instant createdAt, Instant updatedAt, String score,
            Boolean feasible, String document, String assignments, String warnings, String error, String bound,
            String client) {
    }

    private static final String COLUMNS =
            "id, name, status, created_at, updated_at, score, feasible, document, assignments, warnings, error, bound, client";

    private static final String HEADER = """
            select id, name, status, created_at, updated_at, score, feasible, null as document,
                null as assignments, warnings, error, bound, client from plan""";

    private final JdbcClient jdbc;

    public PlanStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(PlanRow row) {
        jdbc.sql("insert into plan (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.id(), row.name(), row.status(), Timestamp.from(row.createdAt()),
                        Timestamp.from(row.updatedAt()), row.score(), row.feasible(), row.document(),
                        row.assignments(), row.warnings(), row.error(), row.bound(), row.client())
                .update();
    }

    /**
     * Everything that changes while a plan lives: status, score, best assignment, warnings, error. With an
     * {@code epoch} above 0 (a solve's own writes) only while that solve still owns the plan: false when
     * another replica has taken it over (or the plan was purged), and nothing was written.
     */
    public boolean saveProgress(String id, String status, String score, Boolean feasible, String assignments,
            String warnings, String error, Instant now, long epoch) {
        return jdbc.sql("""
                update plan set status = ?, score = ?, feasible = ?, assignments = ?, warnings = ?, error = ?,
                    updated_at = ? where id = ? and (? = 0 or solve_epoch = ?)""")
                .params(status, score, feasible, assignments, warnings, error, Timestamp.from(now), id, epoch, epoch)
                .update() > 0;
    }

    /**
     * A replica starts solving the plan: the next epoch is its own, and every write of an older solve is
     * refused from now on. Empty when the plan is gone.
     */
    public Optional<Long> claim(String id, String replica) {
        jdbc.sql("update plan set solve_epoch = solve_epoch + 1, solved_by = ? where id = ?").params(replica, id).update();
        return jdbc.sql("select solve_epoch from plan where id = ?").param(id).query(Long.class).optional();
    }

    /** A stop (DELETE) for the replica that solves the plan, wherever it runs; false when the plan is gone. */
    public boolean requestStop(String id) {
        return jdbc.sql("update plan set stop_requested = true where id = ?").param(id).update() > 0;
    }

    /** A plan solved again (resume) starts without the stop of its last solve. */
    public void clearStop(String id) {
        jdbc.sql("update plan set stop_requested = false where id = ?").param(id).update();
    }

    public boolean stopRequested(String id) {
        return Boolean.TRUE.equals(jdbc.sql("select stop_requested from plan where id = ?").param(id)
                .query(Boolean.class).optional().orElse(false));
    }

    /**
     * Takes the admission lock (the one row of plan_admission) until the transaction ends: one replica at a
     * time counts and admits. Must run in a transaction.
     */
    public void lockAdmission() {
        jdbc.sql("select id from plan_admission where id = 1 for update").query(Integer.class).single();
    }

    /** Plans waiting or solving, of everyone (client null) or of one client, over all replicas. */
    public int countUnfinished(String client) {
        return jdbc.sql("select count(*) from plan where status in ('SCHEDULED', 'SOLVING')"
                + (client == null ? "" : " and client = ?"))
                .params(client == null ? List.of() : List.of(client)).query(Integer.class).single();
    }

    /** Stored plans and the characters of their JSON (about their bytes), for the storage quotas. */
    public record Usage(int plans, long bytes) {
    }

    /**
     * What the plans of everyone (client null) or of one client take: octet_length reads a stored length
     * (H2's LOB header, PostgreSQL's TOAST header) and decompresses nothing.
     */
    public Usage usage(String client) {
        return jdbc.sql("select count(*), coalesce(sum(octet_length(document) + coalesce(octet_length(assignments), 0)), 0)"
                + " from plan" + (client == null ? "" : " where client = ?"))
                .params(client == null ? List.of() : List.of(client))
                .query((rs, n) -> new Usage(rs.getInt(1), rs.getLong(2))).single();
    }

    /** The header of one plan (no document, no assignments): what a read needs to know if its copy is current. */
    public Optional<PlanRow> findHeader(String id) {
        return jdbc.sql(HEADER + " where id = ?").param(id).query(PlanStore::row).optional();
    }

    /** The plan's quality certificate as JSON (null: none). */
    public void saveBound(String id, String bound, Instant now) {
        jdbc.sql("update plan set bound = ?, updated_at = ? where id = ?").params(bound, Timestamp.from(now), id).update();
    }

    /** Replaces the document (a plan edited after submission, e.g. an account added). */
    public void saveDocument(String id, String document, Instant now) {
        jdbc.sql("update plan set document = ?, updated_at = ? where id = ?")
                .params(document, Timestamp.from(now), id)
                .update();
    }

    public Optional<PlanRow> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from plan where id = ?").param(id).query(PlanStore::row).optional();
    }

    public List<PlanRow> findAll() {
        return jdbc.sql("select " + COLUMNS + " from plan order by created_at, id").query(PlanStore::row).list();
    }

    /**
     * Every plan without its document and assignments (null in the rows): what the service needs at
     * start, however many large plans are stored. The rest is read per plan when it is used.
     */
    public List<PlanRow> findAllHeaders() {
        return jdbc.sql(HEADER + " order by created_at, id").query(PlanStore::row).list();
    }

    public boolean delete(String id) {
        return jdbc.sql("delete from plan where id = ?").param(id).update() > 0;
    }

    /** Plans that were waiting or solving when the service last stopped. */
    public List<PlanRow> findUnfinished() {
        return jdbc.sql("select " + COLUMNS + " from plan where status in ('SCHEDULED', 'SOLVING') order by created_at")
                .query(PlanStore::row).list();
    }

    private static PlanRow row(java.sql.ResultSet rs, int rowNum) throws java.sql.SQLException {
        return new PlanRow(rs.getString("id"), rs.getString("name"), rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("score"), (Boolean) rs.getObject("feasible"), rs.getString("document"),
                rs.getString("assignments"), rs.getString("warnings"), rs.getString("error"), rs.getString("bound"),
                rs.getString("client"));
    }
}
