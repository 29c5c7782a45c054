package org.kamplanner.frontier;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/**
 * The frontier and frontier_point tables (db/migration/V8__frontiers.sql): what a frontier asked for and which
 * plan solves each of its points. The plans themselves are PlanStore's; a frontier only names them.
 */
@Repository
class FrontierStore {

    /** A claim on a point older than this was lost with the replica that made it: another may submit the point. */
    static final Duration CLAIM_TIMEOUT = Duration.ofMinutes(1);

    record FrontierRow(String id, String sourcePlanId, String client, String createdBy, String settings,
            boolean defaultCaps, Instant createdAt) {
    }

    /** One point: its cap (null: none), its plan once submitted, or why it has none. */
    record PointRow(int position, Integer maxMovedAccounts, String planId, String error) {
    }

    private final JdbcClient jdbc;

    FrontierStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The frontier and its first points in one transaction, with {@code alsoRecord} (its audit entry): never a
     * frontier without its points, nor without its entry.
     */
    @Transactional
    public void insert(FrontierRow frontier, List<Integer> caps, Runnable alsoRecord) {
        jdbc.sql("insert into frontier (id, source_plan_id, client, created_by, settings, default_caps, created_at) "
                + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(frontier.id(), frontier.sourcePlanId(), frontier.client(), frontier.createdBy(),
                        frontier.settings(), frontier.defaultCaps(), Timestamp.from(frontier.createdAt()))
                .update();
        addPoints(frontier.id(), 0, caps);
        alsoRecord.run();
    }

    /**
     * The caps spread from the uncapped point, once: only the replica that clears default_caps adds them.
     *
     * @return false when another replica did it first
     */
    @Transactional
    public boolean spread(String frontierId, List<Integer> caps) {
        int cleared = jdbc.sql("update frontier set default_caps = false where id = ? and default_caps = true")
                .param(frontierId).update();
        if (cleared == 0) {
            return false;
        }
        int next = jdbc.sql("select count(*) from frontier_point where frontier_id = ?").param(frontierId)
                .query(Integer.class).single();
        addPoints(frontierId, next, caps);
        return true;
    }

    private void addPoints(String frontierId, int from, List<Integer> caps) {
        for (int i = 0; i < caps.size(); i++) {
            jdbc.sql("insert into frontier_point (frontier_id, point_index, max_moved_accounts) values (:f, :p, :cap)")
                    .param("f", frontierId).param("p", from + i).param("cap", caps.get(i), Types.INTEGER)
                    .update();
        }
    }

    public Optional<FrontierRow> find(String id) {
        return jdbc.sql("select id, source_plan_id, client, created_by, settings, default_caps, created_at "
                + "from frontier where id = ?")
                .param(id).query(FrontierStore::frontier).optional();
    }

    public List<PointRow> points(String frontierId) {
        return jdbc.sql("select point_index, max_moved_accounts, plan_id, error from frontier_point "
                + "where frontier_id = ? order by point_index")
                .param(frontierId).query(FrontierStore::point).list();
    }

    /** Frontiers with a point still to submit, or still waiting for their caps to be spread. */
    public List<String> unsubmitted() {
        return jdbc.sql("select id from frontier f where default_caps = true or exists (select 1 from frontier_point p "
                + "where p.frontier_id = f.id and p.plan_id is null and p.error is null) order by created_at")
                .query(String.class).list();
    }

    /** Claims a point for submission; false when another replica holds a fresh claim or submitted it. */
    public boolean claim(String frontierId, int position, Instant now) {
        return jdbc.sql("update frontier_point set claimed_at = ? where frontier_id = ? and point_index = ? "
                + "and plan_id is null and error is null and (claimed_at is null or claimed_at < ?)")
                .params(Timestamp.from(now), frontierId, position, Timestamp.from(now.minus(CLAIM_TIMEOUT)))
                .update() == 1;
    }

    public void submitted(String frontierId, int position, String planId) {
        jdbc.sql("update frontier_point set plan_id = ?, claimed_at = null where frontier_id = ? and point_index = ?")
                .params(planId, frontierId, position).update();
    }

    /** The point waits for the next round (the solve queue was full). */
    public void release(String frontierId, int position) {
        jdbc.sql("update frontier_point set claimed_at = null where frontier_id = ? and point_index = ?")
                .params(frontierId, position).update();
    }

    public void failed(String frontierId, int position, String error) {
        jdbc.sql("update frontier_point set error = ?, claimed_at = null where frontier_id = ? and point_index = ?")
                .params(error, frontierId, position).update();
    }

    private static FrontierRow frontier(ResultSet rs, int rowNum) throws SQLException {
        return new FrontierRow(rs.getString("id"), rs.getString("source_plan_id"), rs.getString("client"),
                rs.getString("created_by"), rs.getString("settings"), rs.getBoolean("default_caps"), rs.getTimestamp("created_at").toInstant());
    }

    private static PointRow point(ResultSet rs, int rowNum) throws SQLException {
        int cap = rs.getInt("max_moved_accounts");
        Integer maxMoved = rs.wasNull() ? null : cap;
        return new PointRow(rs.getInt("point_index"), maxMoved, rs.getString("plan_id"), rs.getString("error"));
    }
}
