package org.kamplanner.explain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.solver.ScoreWords;
import org.kamplanner.solver.search.KamLoads;

/**
 * Why each unassigned account stayed without a KAM: for every active KAM the first hard constraint
 * the account would break there, counted, and for capacity how close the nearest KAM came.
 */
public final class UnassignedReasons {

    /** An unassigned account and, in one sentence, what kept it off every KAM. */
    public record UnassignedAccount(String accountId, String tier, String reason) {
    }

    private UnassignedReasons() {
    }

    public static List<UnassignedAccount> of(AssignmentPlan plan) {
        KamLoads loads = KamLoads.of(plan);
        List<UnassignedAccount> result = new ArrayList<>();
        for (Account account : plan.getAccounts()) {
            if (account.getKam() == null) {
                result.add(new UnassignedAccount(account.getId(), account.getTier().name(),
                        reason(plan, loads, account)));
            }
        }
        return result;
    }

    static String reason(AssignmentPlan plan, KamLoads loads, Account account) {
        Map<KamLoads.Obstacle, Integer> counts = new EnumMap<>(KamLoads.Obstacle.class);
        Kam closest = null;
        long shortfall = Long.MAX_VALUE;
        List<Kam> free = new ArrayList<>();
        for (Kam kam : plan.getActiveKams()) {
            KamLoads.Obstacle obstacle = loads.obstacle(account, kam);
            if (obstacle == null) {
                free.add(kam);
                continue;
            }
            counts.merge(obstacle, 1, Integer::sum);
            if (obstacle == KamLoads.Obstacle.CAPACITY) {
                long over = loads.load(kam) + account.workloadMinutesWith(kam) - kam.getCapacityMinutes();
                if (over < shortfall) {
                    shortfall = over;
                    closest = kam;
                }
            }
        }
        if (!free.isEmpty()) {
            return "%s could go to %d KAM(s) without breaking a hard rule, e.g. %s: it has not been placed (yet)"
                    .formatted(account.getName(), free.size(), free.get(0).getName());
        }
        String capacity = closest == null ? "" : "closest: %s, %s short".formatted(closest.getName(),
                ScoreWords.hours(shortfall));
        List<String> parts = new ArrayList<>();
        counts.forEach((obstacle, n) -> parts.add(switch (obstacle) {
            case FORBIDDEN -> "%d forbidden with it".formatted(n);
            case EXPERTISE -> "%d without %s expertise".formatted(n, account.getSector().getName());
            case EXPERIENCE -> "%d with fewer than %d years of experience".formatted(n,
                    account.getRequiredExperienceYears());
            case SECTOR_CAP -> "%d at the %s cap of %d".formatted(n, account.getSector().getName(),
                    account.getSector().getMaxAccountsPerKam());
            case MAX_ACCOUNTS -> "%d at their personal maximum of accounts".formatted(n);
            case CAPACITY -> "%d without the capacity (%s)".formatted(n, capacity);
        }));
        return "%s-account %s fits on no active KAM: %s".formatted(account.getTier(), account.getName(),
                String.join(", ", parts));
    }
}
