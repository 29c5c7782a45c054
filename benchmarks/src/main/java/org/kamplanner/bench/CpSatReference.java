package org.kamplanner.bench;

import static org.kamplanner.solver.KamConstraint.A_ACCOUNT_NEEDS_EXPERIENCED_KAM;
import static org.kamplanner.solver.KamConstraint.ACCOUNT_AFFINITY;
import static org.kamplanner.solver.KamConstraint.ACCOUNT_CONTINUITY;
import static org.kamplanner.solver.KamConstraint.BALANCED_WORKLOAD;
import static org.kamplanner.solver.KamConstraint.FORBIDDEN_PAIR;
import static org.kamplanner.solver.KamConstraint.KAM_CAPACITY;
import static org.kamplanner.solver.KamConstraint.MAX_ACCOUNTS_PER_KAM;
import static org.kamplanner.solver.KamConstraint.PREFERRED_SECTOR_EXPERTISE;
import static org.kamplanner.solver.KamConstraint.REQUIRED_SECTOR_EXPERTISE;
import static org.kamplanner.solver.KamConstraint.SECTOR_CAP;
import static org.kamplanner.solver.KamConstraint.TRAVEL_TIME;
import static org.kamplanner.solver.KamConstraint.UNASSIGNED_ACCOUNT;

import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Sector;
import org.kamplanner.domain.Tier;
import org.kamplanner.solver.KamConstraint;
import org.kamplanner.solver.search.KamLoads;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;

import ai.timefold.solver.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import ai.timefold.solver.core.api.solver.SolutionManager;
import ai.timefold.solver.core.api.solver.Solver;
import ai.timefold.solver.core.api.solver.SolverFactory;
import ai.timefold.solver.core.config.solver.SolverConfig;
import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * The exact reference: docs/model.md as a CP-SAT model, solved to optimality (or to a proven bound), next
 * to what the service's solver reaches in the same plan in a given time.
 *
 * <pre>
 * CpSatReference [--timefold-seconds 30] [--cpsat-seconds 120] [--workers 2] [--overfull] [--diff] dataset...
 * </pre>
 *
 * {@code --diff} prints where CP-SAT's plan differs from Timefold's (accounts moved, the KAMs involved,
 * each constraint's score and each KAM's load in both): what the search would have had to find.
 *
 * Without datasets it runs plans that fit (dach-small and two cuts of dach-medium); {@code --overfull}
 * runs the bundled over-full plans instead. Where not every account fits, the medium level decides a
 * plan's value, so the line for such a plan reports CP-SAT's medium optimum (or best and bound),
 * Timefold's medium and the medium gap first, then the soft level at CP-SAT's medium.
 *
 * The model uses the very cost terms the constraints use (the arrays PlanFactory precomputes on each
 * Account), and the CP-SAT optimum is re-scored by Timefold (SolutionManager.update) so a modelling
 * slip shows as a mismatch instead of a wrong gap. Hard constraints are constraints (the plans here
 * are feasible); the medium level (unassigned accounts) is minimized first and then held at its
 * optimum while the soft level is minimized: the lexicographic order of HardMediumSoftLongScore.
 * Balance per KAM: sq = load * load (AddMultiplicationEquality), balance = sq / capacity
 * (AddDivisionEquality, which truncates: floor, as loads are non-negative), plus redundant tangent cuts
 * capacity * balance >= 2 t load - t^2 - capacity + 1 that only tighten CP-SAT's linear relaxation.
 */
public final class CpSatReference {

    /** Over-full plans: the medium level (unassigned accounts) cannot be 0. */
    static final List<String> OVERFULL = List.of("dach-overfull-small", "dach-overfull-medium", "dach-overfull");

    public static void main(String[] args) {
        long timefoldSeconds = 30;
        double cpsatSeconds = 120;
        int workers = 2;
        boolean diff = false;
        List<String> datasets = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--timefold-seconds" -> timefoldSeconds = Long.parseLong(args[++i]);
                case "--cpsat-seconds" -> cpsatSeconds = Double.parseDouble(args[++i]);
                case "--workers" -> workers = Integer.parseInt(args[++i]);
                case "--overfull" -> datasets.addAll(OVERFULL);
                case "--diff" -> diff = true;
                default -> datasets.add(args[i]);
            }
        }
        if (datasets.isEmpty()) {
            datasets = List.of("dach-small", "dach-medium-10x100", "dach-medium-15x150");
        }
        Loader.loadNativeLibraries();
        SolverFactory<AssignmentPlan> solverFactory = SolverFactory.create(
                SolverConfig.createFromXmlResource("solverConfig.xml"));
        SolutionManager<AssignmentPlan, HardMediumSoftLongScore> solutionManager =
                SolutionManager.create(solverFactory);
        PlanDocumentFileIO io = new PlanDocumentFileIO();

        List<String> lines = new ArrayList<>();
        for (String dataset : datasets) {
            File file = BenchmarkRunner.datasetFile(dataset);
            AssignmentPlan problem = io.read(file);
            Solver<AssignmentPlan> solver = solverFactory.buildSolver(
                    new ai.timefold.solver.core.api.solver.SolverConfigOverride<AssignmentPlan>()
                            .withTerminationConfig(new TerminationConfig()
                                    .withSpentLimit(Duration.ofSeconds(timefoldSeconds))));
            AssignmentPlan timefold = solver.solve(problem);
            HardMediumSoftLongScore timefoldScore = timefold.getScore();

            AssignmentPlan plan = io.read(file);
            Result exact = new CpSatReference(plan).solve(timefold, cpsatSeconds, workers);
            String check;
            String unassigned = "unassigned A/B/C: Timefold " + unassignedByTier(timefold);
            if (exact.assignment != null) {
                for (int a = 0; a < plan.getAccounts().size(); a++) {
                    plan.getAccounts().get(a).setKam(exact.assignment[a]);
                }
                HardMediumSoftLongScore rescored = solutionManager.update(plan);
                if (diff) {
                    printDiff(timefold, plan, solutionManager);
                }
                check = rescored.softScore() == -exact.soft && rescored.mediumScore() == -exact.medium
                        && rescored.hardScore() == 0 ? "Timefold re-scores it: " + rescored
                        : "MISMATCH, Timefold scores it " + rescored;
                unassigned += ", CP-SAT " + unassignedByTier(plan);
            } else {
                check = "no CP-SAT solution";
            }
            String line = exact.medium == 0 && timefoldScore.mediumScore() == 0
                    ? fittingLine(dataset, timefoldSeconds, timefoldScore, exact, check)
                    : overfullLine(dataset, timefoldSeconds, timefoldScore, exact, check) + "; " + unassigned;
            System.out.println(line);
            lines.add(line);
        }
        System.out.println();
        lines.forEach(System.out::println);
    }

    /** A plan where every account fits: the soft level alone tells the solvers apart. */
    static String fittingLine(String dataset, long timefoldSeconds, HardMediumSoftLongScore timefoldScore,
            Result exact, String check) {
        double bound = -exact.softBound;
        return String.format(Locale.ROOT,
                "%-22s Timefold %ds: %-32s CP-SAT %s: best %d soft, bound %.0f soft (%.1f s); "
                        + "Timefold gap to CP-SAT best %.3f %%, to bound %.3f %%; %s",
                dataset, timefoldSeconds, timefoldScore, exact.status(), -exact.soft, bound, exact.seconds,
                gap(timefoldScore.softScore(), -exact.soft), gap(timefoldScore.softScore(), bound), check);
    }

    /**
     * A plan where accounts must stay out: medium first (penalties as positive numbers, the gap
     * relative to CP-SAT's medium), then soft at CP-SAT's medium. Timefold's soft gap compares
     * like with like only when both have the same medium; otherwise it is printed but flagged.
     */
    static String overfullLine(String dataset, long timefoldSeconds, HardMediumSoftLongScore timefoldScore,
            Result exact, String check) {
        long timefoldMedium = -timefoldScore.mediumScore();
        String medium = exact.mediumProven()
                ? String.format(Locale.ROOT, "medium optimum %d (proven in %.1f s); Timefold medium %d, "
                        + "medium gap %.2f %%", exact.medium, exact.mediumSeconds, timefoldMedium,
                        mediumGap(timefoldMedium, exact.medium))
                : String.format(Locale.ROOT, "medium best %d, bound %.0f (not proven, %.1f s); Timefold medium %d, "
                        + "medium gap to best %.2f %%, to bound %.2f %%", exact.medium, exact.mediumBound,
                        exact.mediumSeconds, timefoldMedium, mediumGap(timefoldMedium, exact.medium),
                        mediumGap(timefoldMedium, exact.mediumBound));
        String soft;
        if (exact.assignment == null) {
            soft = "soft: " + exact.softStatus;
        } else {
            String comparable = timefoldMedium == exact.medium ? "" : " (Timefold's medium differs: not comparable)";
            soft = String.format(Locale.ROOT, "%s, soft %s %d, bound %.0f (%.1f s in all); "
                            + "Timefold soft gap to CP-SAT best %.3f %%, to bound %.3f %%%s",
                    exact.mediumProven() ? "medium proven" : "medium best",
                    exact.softStatus == CpSolverStatus.OPTIMAL ? "proven: optimum" : "best/bound: best",
                    -exact.soft, -exact.softBound, exact.seconds, gap(timefoldScore.softScore(), -exact.soft),
                    gap(timefoldScore.softScore(), -exact.softBound), comparable);
        }
        return String.format(Locale.ROOT, "%-22s Timefold %ds: %-32s CP-SAT %s; %s; %s",
                dataset, timefoldSeconds, timefoldScore, medium, soft, check);
    }

    /** Where the two plans differ: accounts moved, KAMs involved, each constraint's score and KAM's load in both. */
    static void printDiff(AssignmentPlan timefold, AssignmentPlan exact,
            SolutionManager<AssignmentPlan, HardMediumSoftLongScore> solutionManager) {
        Set<String> kams = new TreeSet<>();
        int moved = 0;
        for (int a = 0; a < exact.getAccounts().size(); a++) {
            Account x = timefold.getAccounts().get(a);
            Account y = exact.getAccounts().get(a);
            String from = x.getKam() == null ? "-" : x.getKam().getId();
            String to = y.getKam() == null ? "-" : y.getKam().getId();
            if (!from.equals(to)) {
                moved++;
                kams.add(from);
                kams.add(to);
                System.out.printf(Locale.ROOT, "DIFF %s tier %s remote %s workload %d: %s -> %s%n", x.getId(), x.getTier(),
                        x.isRemote(), y.getKam() == null ? 0 : y.workloadMinutesWith(y.getKam()), from, to);
            }
        }
        System.out.printf(Locale.ROOT, "DIFF %d accounts moved among %d KAMs%n", moved, kams.size());
        var left = solutionManager.analyze(timefold);
        var right = solutionManager.analyze(exact);
        left.constraintMap().forEach((id, analysis) -> System.out.printf(Locale.ROOT, "DIFF %-36s timefold %s cpsat %s%n",
                id.constraintName(), analysis.score(), right.getConstraintAnalysis(id).score()));
        // Both plans have the same KAMs at the same indexes, which is what KamLoads counts by.
        KamLoads before = KamLoads.of(timefold);
        KamLoads after = KamLoads.of(exact);
        for (Kam kam : exact.getKams()) {
            System.out.printf(Locale.ROOT, "DIFFLOAD %s cap %d timefold %d cpsat %d%n", kam.getId(),
                    kam.getCapacityMinutes(), before.load(kam), after.load(kam));
        }
    }

    /** Which tiers a plan leaves out, e.g. "2/6/27": where a medium gap comes from. */
    static String unassignedByTier(AssignmentPlan plan) {
        int[] counts = new int[Tier.values().length];
        for (Account account : plan.getAccounts()) {
            if (account.getKam() == null) {
                counts[account.getTier().ordinal()]++;
            }
        }
        return counts[Tier.A.ordinal()] + "/" + counts[Tier.B.ordinal()] + "/" + counts[Tier.C.ordinal()];
    }

    /** How much worse (in %) a medium penalty is than a reference penalty; both as positive numbers. */
    static double mediumGap(long medium, double reference) {
        return 100.0 * (medium - reference) / reference;
    }

    /** How much worse (in %) a soft score is than a reference soft score; both are negative. */
    static double gap(double soft, double reference) {
        return 100.0 * (reference - soft) / Math.abs(reference);
    }

    /**
     * Both stages of the lexicographic solve. {@code medium} and {@code soft} are penalties (positive),
     * {@code softBound} is CP-SAT's bound on the soft penalty; {@code seconds} covers both stages.
     */
    record Result(CpSolverStatus mediumStatus, long medium, double mediumBound, double mediumSeconds,
            CpSolverStatus softStatus, long soft, double softBound, double seconds, Kam[] assignment) {

        boolean mediumProven() {
            return mediumStatus == CpSolverStatus.OPTIMAL;
        }

        /** The status text of the fitting-plan line. */
        String status() {
            if (mediumStatus != CpSolverStatus.OPTIMAL && mediumStatus != CpSolverStatus.FEASIBLE) {
                return mediumStatus.toString();
            }
            return (mediumProven() ? "" : "medium not proven, ") + softStatus;
        }
    }

    private final AssignmentPlan plan;
    private final List<Account> accounts;
    private final List<Kam> kams;
    private final PlanSettings settings;

    CpSatReference(AssignmentPlan plan) {
        this.plan = plan;
        this.accounts = plan.getAccounts();
        this.kams = plan.getActiveKams();
        this.settings = plan.getSettings();
    }

    long weight(KamConstraint constraint) {
        return settings.constraintWeights().getOrDefault(constraint.constraintName(), 1L);
    }

    /** True when this placement breaks one of the hard constraints that depend on the pair alone. */
    boolean breaksPairConstraint(Account account, Kam kam) {
        Sector sector = account.getSector();
        return (weight(A_ACCOUNT_NEEDS_EXPERIENCED_KAM) > 0 && account.getTier() == Tier.A
                && kam.getExperienceYears() < account.getRequiredExperienceYears())
                || (weight(REQUIRED_SECTOR_EXPERTISE) > 0 && sector.isExpertiseRequired() && !kam.hasExpertise(sector))
                || (weight(FORBIDDEN_PAIR) > 0 && account.isForbiddenWith(kam));
    }

    /** The soft terms of one placement that do not depend on the other placements. */
    long linearSoftCost(Account account, Kam kam) {
        long cost = weight(TRAVEL_TIME) * account.getTravelMinutesFrom(kam.getHomeRegion());
        if (account.getCurrentKam() != null && account.getCurrentKam() != kam) {
            cost += weight(ACCOUNT_CONTINUITY) * account.getMovePenalty();
        }
        if (!account.getSector().isExpertiseRequired() && !kam.hasExpertise(account.getSector())) {
            cost += weight(PREFERRED_SECTOR_EXPERTISE) * PlanSettings.PREFERRED_EXPERTISE_PENALTY;
        }
        return cost + weight(ACCOUNT_AFFINITY) * account.affinityPenaltyWith(kam);
    }

    Result solve(AssignmentPlan hint, double seconds, int workers) {
        CpModel model = new CpModel();
        int n = accounts.size();
        int m = kams.size();
        BoolVar[][] x = new BoolVar[n][m];
        LinearExprBuilder medium = LinearExpr.newBuilder();
        LinearExprBuilder soft = LinearExpr.newBuilder();
        for (int a = 0; a < n; a++) {
            Account account = accounts.get(a);
            LinearExprBuilder assigned = LinearExpr.newBuilder();
            for (int k = 0; k < m; k++) {
                Kam kam = kams.get(k);
                boolean lockedElsewhere = account.isPinned() && account.getKam() != kam;
                if (lockedElsewhere || breaksPairConstraint(account, kam)) {
                    continue;
                }
                x[a][k] = model.newBoolVar(account.getId() + "@" + kam.getId());
                assigned.add(x[a][k]);
                soft.addTerm(x[a][k], linearSoftCost(account, kam));
            }
            BoolVar unassigned = model.newBoolVar(account.getId() + "@none");
            assigned.add(unassigned);
            model.addEquality(assigned, 1);
            if (account.isPinned()) {
                model.addEquality(unassigned, 0);
            }
            medium.addTerm(unassigned, weight(UNASSIGNED_ACCOUNT) * account.getUnassignedPenalty());
            if (hint != null) {
                Kam hinted = hint.getAccounts().get(a).getKam();
                for (int k = 0; k < m; k++) {
                    if (x[a][k] != null) {
                        model.addHint(x[a][k], hinted != null && hinted.getId().equals(kams.get(k).getId()) ? 1 : 0);
                    }
                }
                model.addHint(unassigned, hinted == null ? 1 : 0);
            }
        }
        for (int k = 0; k < m; k++) {
            Kam kam = kams.get(k);
            LinearExprBuilder load = LinearExpr.newBuilder();
            LinearExprBuilder count = LinearExpr.newBuilder();
            long maxLoad = 0;
            for (int a = 0; a < n; a++) {
                if (x[a][k] != null) {
                    int workload = accounts.get(a).workloadMinutesWith(kam);
                    load.addTerm(x[a][k], workload);
                    count.add(x[a][k]);
                    maxLoad += workload;
                }
            }
            long capacity = kam.getCapacityMinutes();
            long loadCap = weight(KAM_CAPACITY) > 0 ? Math.min(maxLoad, capacity) : maxLoad;
            IntVar loadVar = model.newIntVar(0, loadCap, "load " + kam.getId());
            model.addEquality(loadVar, load);
            if (weight(MAX_ACCOUNTS_PER_KAM) > 0 && kam.getMaxAccounts() != null) {
                model.addLessOrEqual(count, kam.getMaxAccounts());
            }
            if (weight(SECTOR_CAP) > 0) {
                for (Sector sector : plan.getSectors()) {
                    LinearExprBuilder inSector = LinearExpr.newBuilder();
                    int terms = 0;
                    for (int a = 0; a < n; a++) {
                        if (x[a][k] != null && accounts.get(a).getSector() == sector) {
                            inSector.add(x[a][k]);
                            terms++;
                        }
                    }
                    if (terms > sector.getMaxAccountsPerKam()) {
                        model.addLessOrEqual(inSector, sector.getMaxAccountsPerKam());
                    }
                }
            }
            if (weight(BALANCED_WORKLOAD) > 0) {
                IntVar square = model.newIntVar(0, loadCap * loadCap, "load² " + kam.getId());
                model.addMultiplicationEquality(square, loadVar, loadVar);
                IntVar balance = model.newIntVar(0, loadCap * loadCap / capacity, "balance " + kam.getId());
                model.addDivisionEquality(balance, square, LinearExpr.constant(capacity));
                // Tangents of load² at t, divided by capacity and floored: valid, and they give the
                // linear relaxation the convexity that the product and the division hide from it.
                for (int i = 1; i <= 24; i++) {
                    long t = loadCap * i / 24;
                    model.addGreaterOrEqual(LinearExpr.newBuilder().addTerm(balance, capacity).addTerm(loadVar, -2 * t),
                            -t * t - capacity + 1);
                }
                soft.addTerm(balance, weight(BALANCED_WORKLOAD));
            }
        }

        CpSolver solver = new CpSolver();
        solver.getParameters().setNumWorkers(workers).setMaxTimeInSeconds(seconds);
        long start = System.nanoTime();
        // Level 1: coverage. Level 2: quality at the best coverage.
        model.minimize(medium);
        CpSolverStatus mediumStatus = solver.solve(model);
        double mediumSeconds = (System.nanoTime() - start) / 1e9;
        if (mediumStatus != CpSolverStatus.OPTIMAL && mediumStatus != CpSolverStatus.FEASIBLE) {
            return new Result(mediumStatus, 0, Double.NaN, mediumSeconds, mediumStatus, 0, Double.NaN,
                    mediumSeconds, null);
        }
        long bestMedium = Math.round(solver.objectiveValue());
        double mediumBound = solver.bestObjectiveBound();
        if (hint == null || hint.getScore() == null || hint.getScore().hardScore() != 0
                || -hint.getScore().mediumScore() != bestMedium) {
            // The hint misses the best coverage (or breaks a hard constraint), so it cannot be a
            // level-2 solution: start from level 1's.
            model.clearHints();
            for (int a = 0; a < n; a++) {
                for (int k = 0; k < m; k++) {
                    if (x[a][k] != null) {
                        model.addHint(x[a][k], solver.booleanValue(x[a][k]));
                    }
                }
            }
        }
        model.addLessOrEqual(medium, bestMedium);
        model.minimize(soft);
        double remaining = Math.max(1, seconds - mediumSeconds);
        solver.getParameters().setMaxTimeInSeconds(remaining);
        CpSolverStatus softStatus = solver.solve(model);
        double spent = (System.nanoTime() - start) / 1e9;
        if (softStatus != CpSolverStatus.OPTIMAL && softStatus != CpSolverStatus.FEASIBLE) {
            return new Result(mediumStatus, bestMedium, mediumBound, mediumSeconds, softStatus, 0, Double.NaN,
                    spent, null);
        }
        Kam[] assignment = new Kam[n];
        for (int a = 0; a < n; a++) {
            for (int k = 0; k < m; k++) {
                if (x[a][k] != null && solver.booleanValue(x[a][k])) {
                    assignment[a] = kams.get(k);
                }
            }
        }
        return new Result(mediumStatus, bestMedium, mediumBound, mediumSeconds, softStatus,
                Math.round(solver.objectiveValue()), solver.bestObjectiveBound(), spent, assignment);
    }
}
