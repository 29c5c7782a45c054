package org.kamplanner.audit;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.kamplanner.security.Caller;
import org.kamplanner.words.Words;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Who changed what and when: one entry for every request that changes state, append-only, in the database
 * (V7), so every replica reads the same and a restart or failover loses nothing. The service method that makes
 * a change writes its entry ({@link #record}), in the change's transaction (approvals, a new plan's admission,
 * a resume, an added account, tokens; a stop, a problem change and a purge record after they happened, as
 * they wait on the solve): only that method knows the detail ("pinned A0042 to K07") and whether anything
 * changed, which an interceptor around the controllers could not tell without repeating the work. The actor
 * is the caller of the current request ({@link Caller}). AuditRestTest fails for a state-changing endpoint
 * that writes none.
 */
@Repository
public class AuditLog {

    /** What a request did. */
    public enum Action {
        SUBMIT, IMPORT, SOLVE, STOP, PROBLEM_CHANGE, ACCOUNT_ADD, EDIT, PIN, REBALANCE, FRONTIER, PROPOSE, APPROVE,
        REJECT, SUPERSEDE, PURGE, TOKEN_CREATE, TOKEN_REVOKE
    }

    /** One entry as the API shows it; {@code detail} in the request's language. */
    public record Entry(Instant at, String actor, String role, Action action, String planId, String detail) {
    }

    /** Which entries to read, newest first: of a plan, of an actor, since a moment (each null: any), at most {@code limit}. */
    public record Query(String planId, String actor, Instant since, int limit) {
    }

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    private final JdbcClient jdbc;
    private final ObjectMapper mapper;

    AuditLog(JdbcClient jdbc, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.mapper = mapper;
    }

    /**
     * Appends an entry for the current caller: {@code detailKey} names the message of its detail in
     * messages.properties ("audit.detail.…"), {@code args} fill its placeholders. Joins the caller's
     * transaction when there is one.
     */
    public void record(Action action, String planId, String detailKey, Object... args) {
        recordFor(Caller.current(), action, planId, detailKey, args);
    }

    /**
     * Appends an entry for {@code caller}: for work a request asked for and a scheduler's thread does later
     * (a frontier's points), where {@link Caller#current()} is nobody.
     */
    public void recordFor(Caller caller, Action action, String planId, String detailKey, Object... args) {
        List<String> texts = Arrays.stream(args).map(a -> Objects.toString(a, "")).toList();
        jdbc.sql("insert into audit_entry (at, actor, actor_role, action, plan_id, detail_key, detail_args) "
                + "values (?, ?, ?, ?, ?, ?, ?)")
                .params(Timestamp.from(Instant.now().truncatedTo(ChronoUnit.MICROS)), caller.name(),
                        caller.role() == null ? null : caller.role().name(), action.name(), planId, detailKey,
                        write(texts))
                .update();
    }

    /** The entries the query asks for, newest first (the order they were written in, over all replicas). */
    public List<Entry> entries(Query query) {
        StringBuilder sql = new StringBuilder(
                "select at, actor, actor_role, action, plan_id, detail_key, detail_args from audit_entry where 1 = 1");
        List<Object> params = new ArrayList<>();
        if (query.planId() != null) {
            sql.append(" and plan_id = ?");
            params.add(query.planId());
        }
        if (query.actor() != null) {
            sql.append(" and actor = ?");
            params.add(query.actor());
        }
        if (query.since() != null) {
            sql.append(" and at >= ?");
            params.add(Timestamp.from(query.since()));
        }
        sql.append(" order by id desc fetch first ").append(query.limit()).append(" rows only");
        return jdbc.sql(sql.toString()).params(params)
                .query((rs, n) -> new Entry(rs.getTimestamp("at").toInstant(), rs.getString("actor"),
                        rs.getString("actor_role"), Action.valueOf(rs.getString("action")), rs.getString("plan_id"),
                        Words.text(rs.getString("detail_key"), read(rs.getString("detail_args")).toArray())))
                .list();
    }

    /** Whether anything was ever recorded for the plan (it may have been purged since). */
    public boolean hasEntries(String planId) {
        return jdbc.sql("select count(*) from audit_entry where plan_id = ?").param(planId).query(Integer.class)
                .single() > 0;
    }

    private String write(List<String> args) {
        try {
            return mapper.writeValueAsString(args);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write audit arguments as JSON", e);
        }
    }

    private List<String> read(String json) {
        try {
            return mapper.readValue(json, STRINGS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An audit entry cannot be read", e);
        }
    }
}
