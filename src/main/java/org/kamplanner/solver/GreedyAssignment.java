package org.kamplanner.solver;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AccountDifficulty;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.PlanSettings;

import ai.timefold.solver.core.api.score.director.ScoreDirector;
import ai.timefold.solver.core.api.solver.phase.PhaseCommand;

/**
 * The first phase: places every unassigned, unpinned account, hardest first, on the KAM where it
 * costs the least soft score without breaking a hard constraint, or leaves it for the construction
 * heuristic when no KAM can take it.
 *
 * <p>Why not only Timefold's construction heuristic: it evaluates each of the n × m placements through
 * the incremental score director, which took longer than the whole 30-second default on dach-xl
 * (15,000 accounts × 1,000 KAMs, 13,973 accounts placed when time ran out). The same choice made
 * with the cost terms the accounts already carry is a few array reads per candidate. The soft cost
 * below is the exact score change of MODEL.md's soft constraints at default weights; the hard checks
 * are the six hard constraints. Assignments given on input (a warm start) and pins are kept.
 */
public class GreedyAssignment implements PhaseCommand<AssignmentPlan> {

    @Override
    public void changeWorkingSolution(ScoreDirector<AssignmentPlan> scoreDirector, BooleanSupplier isPhaseTerminated) {
        AssignmentPlan plan = scoreDirector.getWorkingSolution();
        List<Kam> kams = plan.getActiveKams();
        int kamCount = plan.getKams().size();
        long[] load = new long[kamCount];
        int[] count = new int[kamCount];
        int[][] sectorCount = new int[kamCount][plan.getSectors().size()];
        List<Account> open = new ArrayList<>();
        for (Account account : plan.getAccounts()) {
            Kam kam = account.getKam();
            if (kam != null) {
                load[kam.getIndex()] += account.getWorkloadMinutes();
                count[kam.getIndex()]++;
                sectorCount[kam.getIndex()][account.getSector().getIndex()]++;
            } else if (!account.isPinned()) {
                open.add(account);
            }
        }
        open.sort(new AccountDifficulty().reversed());
        for (Account account : open) {
            if (isPhaseTerminated.getAsBoolean()) {
                return;
            }
            Kam best = null;
            long bestCost = Long.MAX_VALUE;
            for (Kam kam : kams) {
                int k = kam.getIndex();
                int workload = account.workloadMinutesWith(kam);
                if (breaksHardConstraint(account, kam, load[k] + workload, count[k],
                        sectorCount[k][account.getSector().getIndex()])) {
                    continue;
                }
                long cost = softCost(account, kam, load[k], workload);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = kam;
                }
            }
            if (best != null) {
                int k = best.getIndex();
                scoreDirector.beforeVariableChanged(account, "kam");
                account.setKam(best);
                scoreDirector.afterVariableChanged(account, "kam");
                load[k] += account.getWorkloadMinutes();
                count[k]++;
                sectorCount[k][account.getSector().getIndex()]++;
            }
        }
        scoreDirector.triggerVariableListeners();
    }

    private static boolean breaksHardConstraint(Account account, Kam kam, long loadAfter, int countBefore,
            int sectorCountBefore) {
        return loadAfter > kam.getCapacityMinutes()
                || sectorCountBefore + 1 > account.getSector().getMaxAccountsPerKam()
                || (kam.getMaxAccounts() != null && countBefore + 1 > kam.getMaxAccounts())
                || kam.getExperienceYears() < account.getRequiredExperienceYears()
                || (account.getSector().isExpertiseRequired() && !kam.hasExpertise(account.getSector()))
                || account.isForbiddenWith(kam);
    }

    /** The change in soft score (as a positive cost) of putting the account on this KAM. */
    private static long softCost(Account account, Kam kam, long load, int workload) {
        long after = load + workload;
        long cost = after * after / kam.getCapacityMinutes() - load * load / kam.getCapacityMinutes();
        cost += workload - account.getBaseMinutes(); // the travel
        if (account.getCurrentKam() != null && account.getCurrentKam() != kam) {
            cost += account.getMovePenalty();
        }
        if (!account.getSector().isExpertiseRequired() && !kam.hasExpertise(account.getSector())) {
            cost += PlanSettings.PREFERRED_EXPERTISE_PENALTY;
        }
        return cost + account.affinityPenaltyWith(kam);
    }
}
