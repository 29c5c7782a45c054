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
            Boolean feasible, String document, String assignments, String warnings, String error, String bound) {
    }

    private static final String COLUMNS =
            "id, name, status, created_at, updated_at, score, feasible, document, assignments, warnings, error, bound";

    private final JdbcClient jdbc;

    public PlanStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(PlanRow row) {
        jdbc.sql("insert into plan (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.id(), row.name(), row.status(), Timestamp.from(row.createdAt()),
                        Timestamp.from(row.updatedAt()), row.score(), row.feasible(), row.document(),
                        row.assignments(), row.warnings(), row.error(), row.bound())
                .update();
    }

    /** Everything that changes while a plan lives: status, score, best assignment, warnings, error. */
    public void saveProgress(String id, String status, String score, Boolean feasible, String assignments,
            String warnings, String error, Instant now) {
        jdbc.sql("""
                update plan set status = ?, score = ?, feasible = ?, assignments = ?, warnings = ?, error = ?,
                    updated_at = ? where id = ?""")
                .params(status, score, feasible, assignments, warnings, error, Timestamp.from(now), id)
                .update();
    }

    /** The plan's quality certificate as JSON (null: none). */
    public void saveBound(String id, String bound) {
        jdbc.sql("update plan set bound = ? where id = ?").params(bound, id).update();
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
        return jdbc.sql("""
                select id, name, status, created_at, updated_at, score, feasible, null as document,
                    null as assignments, warnings, error, bound from plan order by created_at, id""")
                .query(PlanStore::row).list();
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
                rs.getString("assignments"), rs.getString("warnings"), rs.getString("error"), rs.getString("bound"));
    }
}
