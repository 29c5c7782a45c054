package org.kamplanner.plan;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.kamplanner.audit.AuditLog;
import org.kamplanner.document.Echo;
import org.kamplanner.document.FieldProblem;
import org.kamplanner.document.InvalidPlanException;
import org.kamplanner.errors.NotFoundException;
import org.kamplanner.security.Caller;
import org.kamplanner.words.Words;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/**
 * A plan's sign-off ({@link Approval}): propose, approve, reject. Each change and its audit entry are one
 * transaction, and the change is a compare-and-set on the state checked ({@link ApprovalStore}), so two
 * approvers on two replicas cannot both approve, and nothing is half written. Approving supersedes the
 * nearest approved plan the new one descends from (its parents, walked up).
 * <p>
 * An approver may approve only a proposed plan, never a draft directly: a planner proposes, somebody else signs
 * off. The same holds for an ADMIN, who has both roles.
 */
@Service
public class PlanApproval {

    /** Body of POST /plans/{id}/approve: the day the plan takes effect (YYYY-MM-DD), and a note. */
    public record ApproveRequest(String effectiveFrom, String note) {
    }

    /** Body of POST /plans/{id}/reject (optional): why. */
    public record RejectRequest(String note) {
    }

    static final int MAX_NOTE_CHARS = 2000;

    private final PlanRegistry registry;
    private final PlanStore store;
    private final ApprovalStore approvals;
    private final AuditLog audit;
    private final TransactionTemplate transactions;

    PlanApproval(PlanRegistry registry, PlanStore store, ApprovalStore approvals, AuditLog audit,
            TransactionTemplate transactions) {
        this.registry = registry;
        this.store = store;
        this.approvals = approvals;
        this.audit = audit;
        this.transactions = transactions;
    }

    /** A finished draft is put up for approval; it is read-only from now on, until approved or rejected. */
    public Approval propose(String id) {
        StoredPlan stored = registry.find(id);
        PlanSnapshot plan = stored.snapshot();
        if (!plan.status().isFinal()) {
            throw new PlanConflictException(id, plan.status(), "proposeWhileSolving");
        }
        Approval.State state = plan.approval().state();
        if (state != Approval.State.DRAFT) {
            throw new PlanConflictException(id, state, "proposeNotDraft");
        }
        Approval proposed = new Approval(Approval.State.PROPOSED, Caller.current().name(), now(), null, null);
        return change(stored, Approval.State.DRAFT, proposed, () -> audit.record(AuditLog.Action.PROPOSE, id,
                "audit.detail.proposed"));
    }

    /**
     * A proposed, finished, feasible plan is approved from {@code effectiveFrom} on; the approved plan it
     * descends from, if any, is superseded.
     */
    public Approval approve(String id, ApproveRequest request) {
        StoredPlan stored = registry.find(id);
        PlanSnapshot plan = stored.snapshot();
        LocalDate effectiveFrom = effectiveFrom(request);
        String note = note(request == null ? null : request.note());
        if (!plan.status().isFinal()) {
            throw new PlanConflictException(id, plan.status(), "approveWhileSolving");
        }
        Approval.State state = plan.approval().state();
        if (state != Approval.State.PROPOSED) {
            throw new PlanConflictException(id, state, switch (state) {
                case APPROVED -> "alreadyApproved";
                case SUPERSEDED -> "approveSuperseded";
                default -> "approveNotProposed";
            });
        }
        HardMediumSoftLongScore score = plan.score();
        if (score == null || score.hardScore() < 0) {
            throw new PlanConflictException(id, state, "approveInfeasible");
        }
        Caller caller = Caller.current();
        Approval approved = new Approval(Approval.State.APPROVED, caller.name(), now(), effectiveFrom, note);
        return change(stored, Approval.State.PROPOSED, approved, () -> {
            audit.record(AuditLog.Action.APPROVE, id, note == null ? "audit.detail.approved" : "audit.detail.approvedNote",
                    effectiveFrom, note);
            supersedeAncestor(stored, approved);
        });
    }

    /** A proposed plan goes back to draft, with a note why; it may be changed again. */
    public Approval reject(String id, RejectRequest request) {
        StoredPlan stored = registry.find(id);
        String note = note(request == null ? null : request.note());
        Approval.State state = stored.snapshot().approval().state();
        if (state != Approval.State.PROPOSED) {
            throw new PlanConflictException(id, state, "rejectNotProposed");
        }
        Approval rejected = new Approval(Approval.State.DRAFT, Caller.current().name(), now(), null, note);
        return change(stored, Approval.State.PROPOSED, rejected, () -> audit.record(AuditLog.Action.REJECT, id,
                note == null ? "audit.detail.rejected" : "audit.detail.rejectedNote", note));
    }

    /**
     * 409 unless the plan is a draft: solving, stopping, problem changes and account changes leave a proposed,
     * approved or superseded plan as it is (a rebalance makes a new draft from it instead).
     */
    static void requireDraft(StoredPlan plan) {
        requireDraft(plan.id, Optional.of(plan.snapshot().approval().state()));
    }

    /** As above, on the state read from the database (empty: the plan is gone, 404). */
    static void requireDraft(String id, Optional<Approval.State> state) {
        Approval.State current = state.orElseThrow(() -> new NotFoundException("Plan", id));
        if (current != Approval.State.DRAFT) {
            throw new PlanConflictException(id, current, "readOnly");
        }
    }

    /** The change and what goes with it in one transaction; 409 when another request changed the state first. */
    private Approval change(StoredPlan plan, Approval.State from, Approval to, Runnable alongside) {
        transactions.executeWithoutResult(tx -> {
            if (!approvals.change(plan.id, from, to)) {
                Approval.State now = store.header(plan.id).map(row -> row.approval().state())
                        .orElseThrow(() -> new NotFoundException("Plan", plan.id));
                throw new PlanConflictException(plan.id, now, "approvalChanged");
            }
            alongside.run();
        });
        plan.approval(to); // this replica's copy; the others read the row again (its updated_at moved on)
        return to;
    }

    /** The nearest approved plan up the parents becomes SUPERSEDED, with an entry in its own audit log. */
    private void supersedeAncestor(StoredPlan plan, Approval approved) {
        Set<String> seen = new HashSet<>(List.of(plan.id));
        String parentId = plan.snapshot().lineage().parentPlanId();
        while (parentId != null && seen.add(parentId)) {
            PlanStore.PlanRow parent = store.header(parentId).orElse(null);
            if (parent == null) {
                return; // purged: the family above it is out of reach
            }
            Approval old = parent.approval();
            if (old.state() == Approval.State.APPROVED) {
                // Who approved it and when stay: a superseded plan still says who signed it off.
                approvals.change(parentId, Approval.State.APPROVED, new Approval(Approval.State.SUPERSEDED,
                        old.by(), old.at(), old.effectiveFrom(), old.note()));
                audit.record(AuditLog.Action.SUPERSEDE, parentId, "audit.detail.superseded", plan.id,
                        approved.effectiveFrom());
                return;
            }
            parentId = parent.lineage().parentPlanId();
        }
    }

    private static LocalDate effectiveFrom(ApproveRequest request) {
        String text = request == null ? null : request.effectiveFrom();
        List<FieldProblem> problems = new ArrayList<>();
        LocalDate day = null;
        if (text == null || text.isBlank()) {
            problems.add(new FieldProblem("effectiveFrom", Words.text("error.approval.effectiveFromRequired")));
        } else {
            try {
                day = LocalDate.parse(text);
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("effectiveFrom", Words.text("error.approval.effectiveFromDate",
                        Echo.of(text))));
            }
        }
        String note = request == null ? null : request.note();
        if (note != null && note.length() > MAX_NOTE_CHARS) {
            problems.add(noteTooLong(note));
        }
        if (!problems.isEmpty()) {
            throw new InvalidPlanException(problems);
        }
        return day;
    }

    private static String note(String note) {
        if (note != null && note.length() > MAX_NOTE_CHARS) {
            throw new InvalidPlanException(List.of(noteTooLong(note)));
        }
        return note == null || note.isBlank() ? null : note.strip();
    }

    private static FieldProblem noteTooLong(String note) {
        return new FieldProblem("note", Words.text("error.approval.note", MAX_NOTE_CHARS, note.length()));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
