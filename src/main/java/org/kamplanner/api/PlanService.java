package org.kamplanner.api;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.kamplanner.document.Leavers;
import org.kamplanner.document.MoveReport;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanFactory;
import org.kamplanner.document.PlanReport;
import org.kamplanner.document.PlanValidator;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.solver.KamsLeave;
import org.kamplanner.solver.MoveReview;
import org.kamplanner.solver.PlanAnalysis;
import org.kamplanner.solver.PlanExplainer;
import org.kamplanner.solver.SolveMode;
import org.kamplanner.solver.SolverManagers;
import org.kamplanner.store.PlanStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolverConfigOverride;
import ai.timefold.solver.core.api.solver.SolverManager;
import ai.timefold.solver.core.api.solver.SolverStatus;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;

/**
 * Validates, stores and solves plans. Every plan lives in the database (PlanStore) and, while the
 * service runs, in memory. The best solution of a running solve is saved at most every
 * {@code kam-planner.store.save-interval} and at the end, and a background saver stores one that no later
 * event did, so a crash loses at most about that interval (1.5 intervals in the worst case).
 */
@Service
public class PlanService {

    private static final Logger LOG = LoggerFactory.getLogger(PlanService.class);
    private static final TypeReference<Map<String, String>> ASSIGNMENTS = new TypeReference<>() {
    };
    private static final TypeReference<List<String>> WARNINGS = new TypeReference<>() {
    };

    public record Submitted(String id, PlanStatus status) {
    }

    public record PlanStatusView(String id, PlanStatus status, String score, Boolean feasible) {
    }

    public record PlanListItem(String id, String name, PlanStatus status, String score, Boolean feasible,
            Instant createdAt) {
    }

    private final SolverManagers solverManagers;
    private final MoveReview moveReview;
    private final PlanExplainer explainer;
    private final PlanValidator validator;
    private final PlanStore store;
    private final ObjectMapper mapper;
    private final int maxUnfinishedPlans;
    private final Duration saveInterval;
    private final ScheduledExecutorService saver = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "plan-saver");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, StoredPlan> plans = new ConcurrentHashMap<>();
    /** Set on shutdown: from then on only shutdown() saves, the solver threads' late events do not. */
    private volatile boolean closing;

    public PlanService(SolverManagers solverManagers, MoveReview moveReview, PlanExplainer explainer,
            PlanValidator validator, PlanStore store, ObjectMapper mapper,
            @Value("${kam-planner.solver.max-unfinished-plans:20}") int maxUnfinishedPlans,
            @Value("${kam-planner.store.save-interval:5s}") Duration saveInterval) {
        this.solverManagers = solverManagers;
        this.moveReview = moveReview;
        this.explainer = explainer;
        this.validator = validator;
        this.store = store;
        this.mapper = mapper;
        this.maxUnfinishedPlans = maxUnfinishedPlans;
        this.saveInterval = saveInterval;
        // Best solutions are saved as they come, at most one per interval; this catches the last one of
        // a burst, which no later event would save before the solve ends (or the service is killed).
        long period = Math.max(1, saveInterval.toMillis() / 2);
        saver.scheduleWithFixedDelay(this::saveUnsavedProgress, period, period, TimeUnit.MILLISECONDS);
    }

    private void saveUnsavedProgress() {
        Instant now = Instant.now();
        for (StoredPlan plan : plans.values()) {
            if (!plan.status().isFinal() && plan.dueForSave(saveInterval, now)) {
                try {
                    save(plan, now);
                } catch (RuntimeException e) {
                    LOG.warn("Plan {}: saving progress failed, retried with the next best solution", plan.id, e);
                }
            }
        }
    }

    /** Reads the stored plans; one that was solving when the service last stopped becomes TERMINATED. */
    @PostConstruct
    void restore() {
        Instant now = Instant.now();
        for (PlanStore.PlanRow row : store.findAll()) {
            PlanDocument input = read(row.document(), PlanDocument.class);
            List<String> warnings = row.warnings() == null ? List.of() : read(row.warnings(), WARNINGS);
            Map<String, String> assignments = row.assignments() == null ? Map.of() : read(row.assignments(), ASSIGNMENTS);
            PlanStatus status = PlanStatus.valueOf(row.status());
            StoredPlan plan = new StoredPlan(row.id(), input, warnings,
                    row.score() == null ? null : HardMediumSoftLongScore.parseScore(row.score()),
                    status.isFinal() ? status : PlanStatus.TERMINATED, row.error(), row.createdAt(),
                    () -> scored(PlanFactory.build(withAssignments(input, assignments)).plan()));
            if (!status.isFinal()) {
                plan.warnings.add(("The service stopped while this plan was %s; it kept the best plan saved at %s. "
                        + "POST /plans/%s/solve resumes solving.").formatted(status.name().toLowerCase(),
                        row.updatedAt(), row.id()));
                save(plan, now);
                LOG.warn("Plan {} was {} when the service stopped: now TERMINATED with its last saved best plan",
                        row.id(), status);
            }
            plans.put(row.id(), plan);
        }
        LOG.info("{} plans restored from the database", plans.size());
    }

    public Submitted submit(PlanDocument document) {
        return submit(document, SolveMode.ANNUAL, List.of());
    }

    /**
     * Validates, stores and starts solving a document. The mode comes from settings.mode, else from the
     * endpoint ({@code endpointMode}), and is written into the stored document so that it shows which
     * search made the plan. {@code notes} go first in the plan's warnings (a rebalance says there how
     * many accounts it orphaned).
     */
    public Submitted submit(PlanDocument document, SolveMode endpointMode, List<String> notes) {
        validator.validate(document);
        SolveMode mode = SolveMode.of(document.settings() == null ? null : document.settings().mode(), endpointMode);
        document = withMode(document, mode);
        // Two builds: the solver owns its working solution, the store keeps its own scored copy.
        PlanFactory.Built stored = PlanFactory.build(document);
        AssignmentPlan problem = PlanFactory.build(document).plan();
        String id = UUID.randomUUID().toString();
        Instant now = Instant.now();
        List<String> warnings = new ArrayList<>(notes);
        warnings.addAll(stored.warnings());
        StoredPlan plan = new StoredPlan(id, document, warnings, scored(stored.plan()), now);
        admit(plan);
        try {
            store.insert(new PlanStore.PlanRow(id, document.name(), plan.status().name(), now, now,
                    plan.score().toString(), plan.score().isFeasible(), write(document),
                    write(assignments(plan.best())), write(plan.warnings), null));
        } catch (RuntimeException e) {
            plans.remove(id);
            throw e;
        }
        lifecycle(id, "submitted", plan).addKeyValue("mode", mode).addKeyValue("kams", problem.getKams().size())
                .addKeyValue("accounts", problem.getAccounts().size()).log("Plan {} submitted ({})", id, mode);
        solve(plan, problem, mode);
        return new Submitted(id, plan.status());
    }

    /** Solves a finished plan again, starting from its best plan so far. */
    public Submitted resume(String id) {
        StoredPlan plan = find(id);
        synchronized (plans) {
            checkQueue();
            if (!plan.restart()) {
                throw new PlanConflictException("Plan '%s' is still %s".formatted(id,
                        plan.status().name().toLowerCase()));
            }
        }
        AssignmentPlan problem = PlanFactory.build(withAssignments(plan.input(), assignments(plan.best()))).plan();
        save(plan, Instant.now());
        lifecycle(id, "resumed", plan).log("Plan {} resumed from {}", id, plan.score());
        solve(plan, problem, modeOf(plan));
        return new Submitted(id, plan.status());
    }

    /** Counting the unfinished plans and adding one must be one step, or concurrent clients overshoot. */
    private void admit(StoredPlan plan) {
        synchronized (plans) {
            checkQueue();
            plans.put(plan.id, plan);
        }
    }

    private void checkQueue() {
        if (plans.values().stream().filter(p -> !p.status().isFinal()).count() >= maxUnfinishedPlans) {
            throw new SolveQueueFullException(maxUnfinishedPlans);
        }
    }

    private void solve(StoredPlan plan, AssignmentPlan problem, SolveMode mode) {
        solverManagers.forPlan(mode, problem.getAccounts().size()).solveBuilder()
                .withProblemId(plan.id)
                .withProblem(problem)
                .withConfigOverride(new SolverConfigOverride<AssignmentPlan>()
                        .withTerminationConfig(mode.termination(problem.getSettings())))
                .withSolverJobStartedEventConsumer(event -> {
                    plan.started();
                    save(plan, Instant.now());
                    lifecycle(plan.id, "solving", plan).log("Plan {} solving", plan.id);
                })
                .withBestSolutionEventConsumer(event -> {
                    plan.improved(event.solution());
                    Instant now = Instant.now();
                    if (plan.dueForSave(saveInterval, now)) {
                        save(plan, now);
                        lifecycle(plan.id, "new-best", plan).log("Plan {} new best {}", plan.id, plan.score());
                    }
                })
                .withFinalBestSolutionEventConsumer(event -> {
                    AssignmentPlan solution = event.solution();
                    if (mode == SolveMode.REBALANCE) {
                        // Reviewed on a copy: readers may hold the solver's last best solution meanwhile.
                        solution = copyOf(plan.input(), solution);
                        plan.reviewed(moveReview.review(solution));
                    }
                    plan.finished(solution);
                    save(plan, Instant.now());
                    lifecycle(plan.id, plan.status().name().toLowerCase(), plan)
                            .log("Plan {} {}: {}", plan.id, plan.status(), plan.score());
                })
                .withExceptionHandler((problemId, cause) -> {
                    LOG.error("Plan {} failed", problemId, cause);
                    plan.failed(cause);
                    save(plan, Instant.now());
                })
                .run();
    }

    private SolverManager<AssignmentPlan, String> managerOf(StoredPlan plan) {
        return solverManagers.forPlan(modeOf(plan), plan.input().accounts() == null ? 0 : plan.input().accounts().size());
    }

    /** The stored document names its mode: submit writes it in. */
    private static SolveMode modeOf(StoredPlan plan) {
        PlanDocument.Settings settings = plan.input().settings();
        return SolveMode.of(settings == null ? null : settings.mode(), SolveMode.ANNUAL);
    }

    /** A model of the document with the solution's assignments, sharing no object with the solution. */
    private static AssignmentPlan copyOf(PlanDocument document, AssignmentPlan solution) {
        AssignmentPlan copy = PlanFactory.build(document).plan();
        for (int i = 0; i < copy.getAccounts().size(); i++) {
            var kam = solution.getAccounts().get(i).getKam();
            copy.getAccounts().get(i).setKam(kam == null ? null : copy.getKams().get(kam.getIndex()));
        }
        copy.setScore(solution.getScore());
        return copy;
    }

    private static PlanDocument withMode(PlanDocument d, SolveMode mode) {
        PlanDocument.Settings settings = d.settings() != null ? d.settings() : PlanDocument.Settings.DEFAULTS;
        // An input document keeps no output moves: the report computes them afresh.
        return d.withSettings(settings.withMode(mode.name())).withMoves(null);
    }

    /**
     * Applies KAMs leaving to a running solve as a Timefold ProblemChange, without restarting it. The
     * stored document records the leavers once the solver has handed over a best solution with the
     * change applied, so that the document and its assignments agree.
     *
     * @throws PlanNotSolvingException when the plan is not solving (409)
     */
    public Submitted leave(String id, List<String> leavingKamIds) {
        StoredPlan plan = find(id);
        if (plan.status() != PlanStatus.SOLVING
                || managerOf(plan).getSolverStatus(id) != SolverStatus.SOLVING_ACTIVE) {
            throw new PlanNotSolvingException(id, plan.status());
        }
        Leavers.check(document(id), leavingKamIds, "leavingKamIds");
        managerOf(plan).addProblemChange(id, new KamsLeave(leavingKamIds))
                .whenComplete((done, cause) -> {
                    if (cause == null) {
                        plan.updateInput(input -> Leavers.markInactive(input, leavingKamIds));
                        documentChanged(plan);
                        lifecycle(id, "kams-left", plan).addKeyValue("kamIds", leavingKamIds)
                                .log("Plan {}: {} left while solving", id, leavingKamIds);
                    } else {
                        LOG.warn("Plan {}: leave of {} not applied", id, leavingKamIds, cause);
                    }
                });
        return new Submitted(id, plan.status());
    }

    public List<PlanListItem> list() {
        return plans.values().stream()
                .sorted(Comparator.comparing((StoredPlan p) -> p.createdAt).thenComparing(p -> p.id))
                .map(p -> new PlanListItem(p.id, p.input().name(), p.status(), scoreText(p), feasible(p), p.createdAt))
                .toList();
    }

    public PlanDocument document(String id) {
        StoredPlan plan = find(id);
        AssignmentPlan best = plan.best();
        PlanDocument document = PlanReport.document(plan.input(), best, plan.id, plan.status().name(),
                List.copyOf(plan.warnings), plan.error());
        return MoveReport.withMoves(document, best, plan.review());
    }

    public PlanStatusView status(String id) {
        StoredPlan plan = find(id);
        return new PlanStatusView(id, plan.status(), scoreText(plan), feasible(plan));
    }

    /** Stops the solve; the best plan so far stays and is saved. */
    public PlanDocument stop(String id) {
        StoredPlan plan = find(id);
        if (plan.requestStop()) {
            managerOf(plan).terminateEarly(id);
            plan.finished(null);
            save(plan, Instant.now());
            lifecycle(id, "stopped", plan).log("Plan {} stopped on request: {}", id, plan.score());
        }
        return document(id);
    }

    /** Removes a plan for good, stopping its solve first. */
    public void purge(String id) {
        StoredPlan plan = find(id);
        if (plan.requestStop()) {
            managerOf(plan).terminateEarly(id);
            plan.finished(null);
        }
        plans.remove(id);
        store.delete(id);
        lifecycle(id, "purged", plan).log("Plan {} purged", id);
    }

    /** On shutdown (SIGTERM): running solves are stopped and their best plans saved before the exit. */
    @PreDestroy
    void shutdown() {
        saver.shutdownNow();
        closing = true;
        for (StoredPlan plan : plans.values()) {
            if (plan.requestStop()) {
                managerOf(plan).terminateEarly(plan.id);
                plan.finished(null);
                plan.warnings.add("Solving was stopped by a shutdown of the service; POST /plans/%s/solve resumes it."
                        .formatted(plan.id));
                persist(plan, Instant.now());
                lifecycle(plan.id, "stopped-by-shutdown", plan).log("Plan {} stopped by shutdown: {}", plan.id,
                        plan.score());
            }
        }
    }

    /** The stored plan's score explained, or only the constraint totals and match counts when summary. */
    public PlanAnalysis analysis(String id, boolean summary) {
        AssignmentPlan best = find(id).best();
        return summary ? explainer.summarize(best) : explainer.analyze(best);
    }

    /** A document scored and explained as given, without solving or storing it; summary as above. */
    public PlanAnalysis analyze(PlanDocument document, boolean summary) {
        validator.validate(document);
        AssignmentPlan plan = PlanFactory.build(document).plan();
        return summary ? explainer.summarize(plan) : explainer.analyze(plan);
    }

    StoredPlan find(String id) {
        StoredPlan plan = plans.get(id);
        if (plan == null) {
            throw new PlanNotFoundException(id);
        }
        return plan;
    }

    /** Saves a plan whose document was edited after submission (an account added). */
    void documentChanged(StoredPlan plan) {
        Instant now = Instant.now();
        store.saveDocument(plan.id, write(plan.input()), now);
        persist(plan, now);
    }

    /** A plan life-cycle log line whose plan id, event and score are fields in structured logging. */
    private static LoggingEventBuilder lifecycle(String id, String event, StoredPlan plan) {
        return LOG.atInfo().addKeyValue("planId", id).addKeyValue("event", event)
                .addKeyValue("score", plan.score() == null ? null : plan.score().toString());
    }

    private void save(StoredPlan plan, Instant now) {
        if (!closing) {
            persist(plan, now);
        }
    }

    private void persist(StoredPlan plan, Instant now) {
        HardMediumSoftLongScore score = plan.score();
        store.saveProgress(plan.id, plan.status().name(), score == null ? null : score.toString(),
                score == null ? null : score.isFeasible(), write(assignments(plan.best())), write(plan.warnings),
                plan.error(), now);
    }

    private AssignmentPlan scored(AssignmentPlan plan) {
        explainer.score(plan);
        return plan;
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

    private static String scoreText(StoredPlan plan) {
        return plan.score() == null ? null : plan.score().toString();
    }

    private static Boolean feasible(StoredPlan plan) {
        return plan.score() == null ? null : plan.score().isFeasible();
    }

    private String write(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a plan as JSON", e);
        }
    }

    private <T> T read(String json, Class<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored plan cannot be read", e);
        }
    }

    private <T> T read(String json, TypeReference<T> type) {
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A stored plan cannot be read", e);
        }
    }
}
