package org.kamplanner.plan;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.kamplanner.bound.PlanBound;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.errors.NotFoundException;
import org.kamplanner.explain.PlanExplainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import jakarta.annotation.PostConstruct;

/**
 * The one class that talks to the database (tables in db/migration): each plan's document as submitted
 * and its best assignment so far (account id → KAM id) as JSON text, its status, warnings and bound; the
 * solve fence; the stop flag; the admission lock and the counts the quotas read. Every replica reads a
 * plan here (PlanRegistry). A solve's writes are fenced by its epoch ({@link #claim}): a replica given up
 * for dead that still runs cannot overwrite the solve that took the plan over.
 */
@Repository
public class PlanStore {

    private static final Logger LOG = LoggerFactory.getLogger(PlanStore.class);
    private static final TypeReference<Map<String, String>> ASSIGNMENTS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() {
    };

    /** A stored plan. {@code assignments} is a JSON object accountId → kamId; {@code warnings} a JSON array. */
    record PlanRow(String id, String name, String status, Instant createdAt, Instant updatedAt, String score,
            Boolean feasible, String document, String assignments, String warnings, String error, String bound,
            String client, long spentMillis, Lineage lineage, Approval approval) {

        /** A row of a plan with no lineage known, still a draft. */
        PlanRow(String id, String name, String status, Instant createdAt, Instant updatedAt, String score,
                Boolean feasible, String document, String assignments, String warnings, String error, String bound,
                String client, long spentMillis) {
            this(id, name, status, createdAt, updatedAt, score, feasible, document, assignments, warnings, error, bound,
                    client, spentMillis, Lineage.UNKNOWN, Approval.DRAFT);
        }
    }

    /** Lineage and approval (V6), read with every header: what a plan's JSON and its read-only check need. */
    private static final String FAMILY = "created_by, parent_plan_id, origin, approval_state, approval_by, approval_at, "
            + "effective_from, approval_note";

    private static final String COLUMNS =
            "id, name, status, created_at, updated_at, score, feasible, document, assignments, warnings, error, bound, client, "
            + "solve_spent_ms, " + FAMILY;

    private static final String HEADER = """
            select id, name, status, created_at, updated_at, score, feasible, null as document,
                null as assignments, warnings, error, bound, client, solve_spent_ms, """ + FAMILY + " from plan";

    private final JdbcClient jdbc;
    private final PlanExplainer explainer;
    private final ObjectMapper mapper;
    /** Set on shutdown: from then on only {@link #persist} writes, the solver threads' late events do not. */
    private volatile boolean closing;

    PlanStore(JdbcClient jdbc, PlanExplainer explainer, ObjectMapper mapper) {
        this.jdbc = jdbc;
        this.explainer = explainer;
        this.mapper = mapper;
    }

    /**
     * At start: a quality certificate that was being computed when the service stopped will not come; it
     * says so. (In a cluster another replica may still be computing it: its result then replaces this.)
     */
    @PostConstruct
    void restore() {
        for (PlanRow row : headers()) {
            PlanBound bound = row.bound() == null ? null : read(row.bound(), PlanBound.class);
            if (bound != null && bound.status() == PlanBound.Status.COMPUTING) {
                writeBound(row.id(), write(PlanBound.unavailable("the service stopped while the bound was being "
                        + "computed; " + StoredPlan.RESUME_HINT.formatted(row.id()) + " solving, and computes it at the end",
                        0)), now());
            }
        }
    }

    // ---- plans as StoredPlan -------------------------------------------------------------------------

    /** A plan as the database has it; its document and model are read only when someone asks for them. */
    StoredPlan fromHeader(PlanRow row) {
        List<String> warnings = row.warnings() == null ? List.of() : read(row.warnings(), STRINGS);
        PlanSnapshot stored = PlanSnapshot.stored(PlanStatus.valueOf(row.status()), row.error(),
                row.score() == null ? null : HardMediumSoftLongScore.parseScore(row.score()),
                row.bound() == null ? null : read(row.bound(), PlanBound.class), warnings,
                Duration.ofMillis(row.spentMillis()), row.updatedAt(), row.lineage(), row.approval());
        return new StoredPlan(row.id(), row.name(), row.createdAt(), stored, contents(row.id()));
    }

    /** A plan's document and best plan as stored, read when the plan needs them. */
    private Supplier<StoredPlan.Contents> contents(String id) {
        return () -> {
            PlanRow row = find(id).orElseThrow(() -> new NotFoundException("Plan", id));
            PlanDocument input = read(row.document(), PlanDocument.class);
            Map<String, String> assignments = row.assignments() == null ? Map.of() : read(row.assignments(), ASSIGNMENTS);
            return new StoredPlan.Contents(input,
                    explainer.scored(PlanFactory.build(withAssignments(input, assignments)).plan()));
        };
    }

    /** The first row of a new plan. */
    void insert(StoredPlan plan) {
        StoredPlan.Loaded loaded = plan.loaded();
        PlanSnapshot state = loaded.snapshot();
        HardMediumSoftLongScore score = state.score();
        Instant now = now();
        insert(new PlanRow(plan.id, loaded.input().name(), state.status().name(), plan.createdAt,
                now, score.toString(), score.isFeasible(), write(loaded.input()),
                write(assignments(loaded.best())), write(state.warnings()), null, null, plan.client, 0, state.lineage(),
                state.approval()));
        plan.readAt(now);
        plan.storedIn(contents(plan.id));
        plan.saved(state.version());
    }

    /**
     * Saves where the plan stands, unless the service is shutting down (then {@link #persist} does). False
     * when the write of this JVM's solve was refused: another replica took the plan over, or it was purged.
     */
    boolean save(StoredPlan plan) {
        return closing || persist(plan);
    }

    /** Saves where the plan stands, also while the service shuts down; false as {@link #save} says. */
    boolean persist(StoredPlan plan) {
        StoredPlan.Loaded loaded = plan.loaded();
        boolean owned = writeProgress(plan, loaded);
        plan.saved(loaded.snapshot().version());
        return owned;
    }

    /** Saves a plan whose document was edited after submission (an account added, KAMs left); false as {@link #save}. */
    boolean documentChanged(StoredPlan plan) {
        StoredPlan.Loaded loaded = plan.loaded();
        jdbc.sql("update plan set document = ?, updated_at = ? where id = ?")
                .params(write(loaded.input()), Timestamp.from(now()), plan.id).update();
        boolean owned = writeProgress(plan, loaded);
        plan.saved(loaded.snapshot().version());
        return owned;
    }

    void saveBound(StoredPlan plan) {
        if (!closing) {
            Instant now = now();
            PlanBound bound = plan.snapshot().bound();
            writeBound(plan.id, bound == null ? null : write(bound), now);
            plan.readAt(now);
        }
    }

    /**
     * The time the running solve has used, between saves of progress (a plan that no longer improves saves
     * none): a solve taken over after a crash continues with its remaining time, not from the last new best.
     * Leaves updated_at alone, so no replica's copy turns stale for a clock.
     */
    void saveSpent(StoredPlan plan) {
        PlanSnapshot state = plan.snapshot();
        long epoch = state.epoch();
        if (!closing && epoch > 0) {
            jdbc.sql("update plan set solve_spent_ms = ? where id = ? and solve_epoch = ?")
                    .params(state.clock().spent(Instant.now()).toMillis(), plan.id, epoch).update();
        }
    }

    /** On shutdown: no more saves from the solver threads; the caller persists what it stops. */
    void close() {
        closing = true;
    }

    /** Writes the snapshot and best plan of one moment; false when refused: this JVM's solve no longer owns the plan. */
    private boolean writeProgress(StoredPlan plan, StoredPlan.Loaded loaded) {
        PlanSnapshot state = loaded.snapshot();
        HardMediumSoftLongScore score = state.score();
        Instant now = now();
        long epoch = state.epoch();
        boolean written = saveProgress(plan.id, state.status().name(), score == null ? null : score.toString(),
                score == null ? null : score.isFeasible(), write(assignments(loaded.best())), write(state.warnings()),
                state.error(), state.clock().spent(now).toMillis(), now, epoch);
        if (written) {
            plan.readAt(now);
        } else if (epoch > 0) {
            LOG.warn("Plan {}: not saved, another replica solves it now (or it was purged)", plan.id);
            return false;
        }
        return true;
    }

    // ---- rows ----------------------------------------------------------------------------------------

    void insert(PlanRow row) {
        Lineage lineage = row.lineage();
        Approval approval = row.approval();
        jdbc.sql("insert into plan (" + COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(row.id(), row.name(), row.status(), Timestamp.from(row.createdAt()),
                        Timestamp.from(row.updatedAt()), row.score(), row.feasible(), row.document(),
                        row.assignments(), row.warnings(), row.error(), row.bound(), row.client(), row.spentMillis(),
                        lineage.createdBy(), lineage.parentPlanId(), lineage.origin().name(), approval.state().name(),
                        approval.by(), approval.at() == null ? null : Timestamp.from(approval.at()),
                        approval.effectiveFrom(), approval.note())
                .update();
    }

    /**
     * Everything that changes while a plan lives: status, score, best assignment, warnings, error, the time
     * its solve has used. With an
     * {@code epoch} above 0 (a solve's own writes) only while that solve still owns the plan: false when
     * another replica has taken it over (or the plan was purged), and nothing was written.
     */
    boolean saveProgress(String id, String status, String score, Boolean feasible, String assignments,
            String warnings, String error, long spentMillis, Instant now, long epoch) {
        return jdbc.sql("""
                update plan set status = ?, score = ?, feasible = ?, assignments = ?, warnings = ?, error = ?,
                    solve_spent_ms = ?, updated_at = ? where id = ? and (? = 0 or solve_epoch = ?)""")
                .params(status, score, feasible, assignments, warnings, error, spentMillis, Timestamp.from(now), id,
                        epoch, epoch)
                .update() > 0;
    }

    /**
     * A replica starts solving the plan: the next epoch is its own, and every write of an older solve is
     * refused from now on. Empty when the plan is gone.
     */
    Optional<Long> claim(String id, String replica) {
        jdbc.sql("update plan set solve_epoch = solve_epoch + 1, solved_by = ? where id = ?").params(replica, id).update();
        return jdbc.sql("select solve_epoch from plan where id = ?").param(id).query(Long.class).optional();
    }

    /** A stop (DELETE) for the replica that solves the plan, wherever it runs; false when the plan is gone. */
    boolean requestStop(String id) {
        return jdbc.sql("update plan set stop_requested = true where id = ?").param(id).update() > 0;
    }

    /** A plan solved again (resume) starts without the stop of its last solve. */
    void clearStop(String id) {
        jdbc.sql("update plan set stop_requested = false where id = ?").param(id).update();
    }

    boolean stopRequested(String id) {
        return Boolean.TRUE.equals(jdbc.sql("select stop_requested from plan where id = ?").param(id)
                .query(Boolean.class).optional().orElse(false));
    }

    /** KAMs leaving a running solve, waiting for the replica that solves the plan to apply them. */
    record Change(long id, List<String> leavingKamIds) {
    }

    /** A change for the replica that solves the plan, wherever it runs; false when the plan is gone. */
    boolean queueChange(String planId, List<String> leavingKamIds) {
        if (header(planId).isEmpty()) {
            return false;
        }
        jdbc.sql("insert into plan_change (plan_id, leaving_kam_ids, created_at) values (?, ?, ?)")
                .params(planId, write(leavingKamIds), Timestamp.from(now())).update();
        return true;
    }

    /** The changes waiting for the plan's solve, oldest first. */
    List<Change> pendingChanges(String planId) {
        return jdbc.sql("select id, leaving_kam_ids from plan_change where plan_id = ? order by id").param(planId)
                .query((rs, n) -> new Change(rs.getLong(1), read(rs.getString(2), STRINGS))).list();
    }

    /** A change taken by the solve (applied, or dropped as no longer possible). */
    void changeTaken(long changeId) {
        jdbc.sql("delete from plan_change where id = ?").param(changeId).update();
    }

    /** The header of one plan (no document, no assignments): what a read needs to know if its copy is current. */
    Optional<PlanRow> header(String id) {
        return jdbc.sql(HEADER + " where id = ?").param(id).query(PlanStore::row).optional();
    }

    /**
     * Every plan without its document and assignments (null in the rows), oldest first: what a list needs,
     * however many large plans are stored. The rest is read per plan when it is used.
     */
    List<PlanRow> headers() {
        return jdbc.sql(HEADER + " order by created_at, id").query(PlanStore::row).list();
    }

    private Optional<PlanRow> find(String id) {
        return jdbc.sql("select " + COLUMNS + " from plan where id = ?").param(id).query(PlanStore::row).optional();
    }

    private void writeBound(String id, String bound, Instant now) {
        jdbc.sql("update plan set bound = ?, updated_at = ? where id = ?").params(bound, Timestamp.from(now), id).update();
    }

    boolean delete(String id) {
        return jdbc.sql("delete from plan where id = ?").param(id).update() > 0;
    }

    private static PlanRow row(ResultSet rs, int rowNum) throws SQLException {
        return new PlanRow(rs.getString("id"), rs.getString("name"), rs.getString("status"),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(),
                rs.getString("score"), (Boolean) rs.getObject("feasible"), rs.getString("document"),
                rs.getString("assignments"), rs.getString("warnings"), rs.getString("error"), rs.getString("bound"),
                rs.getString("client"), rs.getLong("solve_spent_ms"),
                new Lineage(Lineage.Origin.valueOf(rs.getString("origin")), rs.getString("parent_plan_id"),
                        rs.getString("created_by")),
                new Approval(Approval.State.valueOf(rs.getString("approval_state")), rs.getString("approval_by"),
                        instant(rs.getTimestamp("approval_at")), rs.getObject("effective_from", java.time.LocalDate.class),
                        rs.getString("approval_note")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    // ---- JSON ----------------------------------------------------------------------------------------

    /** Microseconds: what both databases keep, so that a copy's readAt equals the row's updated_at. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The best assignment as stored: account id → KAM id, unassigned accounts left out. */
    private static Map<String, String> assignments(AssignmentPlan plan) {
        Map<String, String> assignments = new LinkedHashMap<>();
        for (Account account : plan.getAccounts()) {
            if (account.getKam() != null) {
                assignments.put(account.getId(), account.getKam().getId());
            }
        }
        return assignments;
    }

    /** The document with these assignments as its starting point. */
    private static PlanDocument withAssignments(PlanDocument document, Map<String, String> assignments) {
        List<PlanDocument.Account> accounts = document.accounts() == null ? List.of()
                : document.accounts().stream().map(a -> a.withAssignedKamId(assignments.get(a.id()))).toList();
        return document.withAccounts(accounts);
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a plan as JSON", e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        return read(json, mapper.constructType(type));
    }

    private <T> T read(String json, TypeReference<T> type) {
        return read(json, mapper.constructType(type));
    }

    private <T> T read(String json, JavaType type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored plan cannot be read", e);
        }
    }
}
