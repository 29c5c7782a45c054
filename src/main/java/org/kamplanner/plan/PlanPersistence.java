package org.kamplanner.plan;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.kamplanner.errors.NotFoundException;
import org.kamplanner.bound.PlanBound;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.explain.PlanExplainer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import jakarta.annotation.PostConstruct;

/**
 * Plans in the database (PlanStore) as JSON: the document as submitted, the best assignment so far
 * (account id → KAM id), warnings and status. The database is where every replica reads a plan
 * (PlanRegistry); the replica that solves a plan writes its best solution at most every
 * {@code kam-planner.store.save-interval} and at the end, and PlanSolving's saver stores one that no later
 * event did, so a crash loses at most about that interval (1.5 intervals in the worst case). A solve's
 * writes are fenced by its epoch (PlanStore#claim).
 */
@Component
class PlanPersistence {

    private static final Logger LOG = LoggerFactory.getLogger(PlanPersistence.class);
    private static final TypeReference<Map<String, String>> ASSIGNMENTS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> WARNINGS = new TypeReference<>() {
    };

    private final PlanStore store;
    private final PlanExplainer explainer;
    private final ObjectMapper mapper;
    private final Duration saveInterval;
    /** Set on shutdown: from then on only {@link #persist} writes, the solver threads' late events do not. */
    private volatile boolean closing;

    PlanPersistence(PlanStore store, PlanExplainer explainer, ObjectMapper mapper,
            @Value("${kam-planner.store.save-interval:5s}") Duration saveInterval) {
        this.store = store;
        this.explainer = explainer;
        this.mapper = mapper;
        this.saveInterval = saveInterval;
    }

    Duration saveInterval() {
        return saveInterval;
    }

    /** Saves the best solution of each plan solved here that no event saved yet (PlanSolving's saver). */
    void saveUnsavedProgress(Iterable<StoredPlan> solvingHere) {
        Instant now = Instant.now();
        for (StoredPlan plan : solvingHere) {
            if (!plan.status().isFinal() && plan.dueForSave(saveInterval, now)) {
                try {
                    save(plan);
                } catch (RuntimeException e) {
                    LOG.warn("Plan {}: saving progress failed, retried with the next best solution", plan.id, e);
                }
            }
        }
    }

    /**
     * At start: a quality certificate that was being computed when the service stopped will not come; it
     * says so. (In a cluster another replica may still be computing it: its result then replaces this.)
     */
    @PostConstruct
    void restore() {
        for (PlanStore.PlanRow row : store.findAllHeaders()) {
            PlanBound bound = row.bound() == null ? null : read(row.bound(), PlanBound.class);
            if (bound != null && bound.status() == PlanBound.Status.COMPUTING) {
                store.saveBound(row.id(), write(PlanBound.unavailable("the service stopped while the bound was being "
                        + "computed; " + StoredPlan.RESUME_HINT.formatted(row.id()) + " solving, and computes it at the end",
                        0)), now());
            }
        }
    }

    /** Every plan's header (no document, no assignments), oldest first. */
    List<PlanStore.PlanRow> headers() {
        return store.findAllHeaders();
    }

    Optional<PlanStore.PlanRow> header(String id) {
        return store.findHeader(id);
    }

    /** A plan as the database has it; its document and model are read only when someone asks for them. */
    StoredPlan fromHeader(PlanStore.PlanRow row) {
        List<String> warnings = row.warnings() == null ? List.of() : read(row.warnings(), WARNINGS);
        StoredPlan plan = new StoredPlan(row.id(), row.name(), warnings,
                row.score() == null ? null : HardMediumSoftLongScore.parseScore(row.score()),
                PlanStatus.valueOf(row.status()), row.error(), row.createdAt(), contents(row.id()));
        plan.bound(row.bound() == null ? null : read(row.bound(), PlanBound.class));
        plan.readAt(row.updatedAt());
        return plan;
    }

    /** A plan's document and best plan as stored, read when the plan needs them. */
    private Supplier<StoredPlan.Contents> contents(String id) {
        return () -> {
            PlanStore.PlanRow row = store.find(id).orElseThrow(() -> new NotFoundException("Plan", id));
            PlanDocument input = read(row.document(), PlanDocument.class);
            Map<String, String> assignments = row.assignments() == null ? Map.of() : read(row.assignments(), ASSIGNMENTS);
            return new StoredPlan.Contents(input,
                    explainer.scored(PlanFactory.build(withAssignments(input, assignments)).plan()));
        };
    }

    /** The first row of a new plan. */
    void insert(StoredPlan plan) {
        long version = plan.version();
        HardMediumSoftLongScore score = plan.score();
        Instant now = now();
        store.insert(new PlanStore.PlanRow(plan.id, plan.input().name(), plan.status().name(), plan.createdAt,
                now, score.toString(), score.isFeasible(), write(plan.input()),
                write(assignments(plan.best())), write(plan.warnings), null, null, plan.client));
        plan.readAt(now);
        plan.storedIn(contents(plan.id));
        plan.saved(version);
    }

    /** Saves where the plan stands, unless the service is shutting down (then {@link #persist} does). */
    void save(StoredPlan plan) {
        if (!closing) {
            persist(plan);
        }
    }

    /** Saves a new best solution when the last save is an interval ago; true when it did. */
    boolean saveIfDue(StoredPlan plan) {
        if (plan.dueForSave(saveInterval, Instant.now())) {
            save(plan);
            return true;
        }
        return false;
    }

    /** Saves a plan whose document was edited after submission (an account added, KAMs left). */
    void documentChanged(StoredPlan plan) {
        long version = plan.version();
        store.saveDocument(plan.id, write(plan.input()), now());
        writeProgress(plan);
        plan.saved(version);
    }

    void saveBound(StoredPlan plan) {
        if (!closing) {
            Instant now = now();
            store.saveBound(plan.id, plan.bound() == null ? null : write(plan.bound()), now);
            plan.readAt(now);
        }
    }

    void delete(String id) {
        store.delete(id);
    }

    /** On shutdown: no more saves from the solver threads; the caller persists what it stops. */
    void close() {
        closing = true;
    }

    void persist(StoredPlan plan) {
        long version = plan.version();
        writeProgress(plan);
        plan.saved(version);
    }

    /** Refused when this JVM's solve no longer owns the plan: then the plan is marked {@link StoredPlan#fencedOut}. */
    private void writeProgress(StoredPlan plan) {
        HardMediumSoftLongScore score = plan.score();
        Instant now = now();
        long epoch = plan.epoch();
        boolean written = store.saveProgress(plan.id, plan.status().name(), score == null ? null : score.toString(),
                score == null ? null : score.isFeasible(), write(assignments(plan.best())), write(plan.warnings),
                plan.error(), now, epoch);
        if (written) {
            plan.readAt(now);
        } else if (epoch > 0) {
            plan.fencedOut(true);
            LOG.warn("Plan {}: not saved, another replica solves it now (or it was purged)", plan.id);
        }
    }

    /** Microseconds: what both databases keep, so that a copy's readAt equals the row's updated_at. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    /** The best assignment as stored: account id → KAM id, unassigned accounts left out. */
    static Map<String, String> assignments(AssignmentPlan plan) {
        Map<String, String> assignments = new LinkedHashMap<>();
        for (Account account : plan.getAccounts()) {
            if (account.getKam() != null) {
                assignments.put(account.getId(), account.getKam().getId());
            }
        }
        return assignments;
    }

    /** The document with these assignments as its starting point (a warm start). */
    static PlanDocument withAssignments(PlanDocument document, Map<String, String> assignments) {
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

    private <T> T read(String json, com.fasterxml.jackson.databind.JavaType type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored plan cannot be read", e);
        }
    }
}
