package org.kamplanner.explain;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.kamplanner.words.Words;
import org.kamplanner.document.PlanDocument;
import org.kamplanner.document.PlanDocument.UnassignedAccount;
import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.solver.search.KamLoads;

/**
 * Why each unassigned account stayed without a KAM: for every active KAM the first hard constraint
 * the account would break there, counted, and for capacity how close the nearest KAM came.
 */
public final class UnassignedReasons {

    private UnassignedReasons() {
    }

    /** The document with every unassigned account of the plan, and why, in its summary. */
    public static PlanDocument inSummary(PlanDocument document, AssignmentPlan plan) {
        return document.summary() == null ? document : document.withSummary(document.summary().withUnassigned(of(plan)));
    }

    public static List<UnassignedAccount> of(AssignmentPlan plan) {
        KamLoads loads = KamLoads.of(plan);
        List<UnassignedAccount> result = new ArrayList<>();
        for (Account account : plan.getAccounts()) {
            if (account.getKam() == null) {
                result.add(new UnassignedAccount(account.getId(), account.getName(), account.getTier().name(),
                        account.getAnnualRevenue(), reason(plan, loads, account)));
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
            return Words.text("unassigned.free", account.getName(), free.size(), free.get(0).getName());
        }
        String capacity = closest == null ? "" : Words.text("unassigned.closest", closest.getName(),
                Words.hours(shortfall));
        List<String> parts = new ArrayList<>();
        counts.forEach((obstacle, n) -> parts.add(switch (obstacle) {
            case FORBIDDEN -> Words.text("unassigned.forbidden", n);
            case EXPERTISE -> Words.text("unassigned.expertise", n, account.getSector().getName());
            case EXPERIENCE -> Words.text("unassigned.experience", n, account.getRequiredExperienceYears());
            case SECTOR_CAP -> Words.text("unassigned.sectorCap", n, account.getSector().getName(),
                    account.getSector().getMaxAccountsPerKam());
            case MAX_ACCOUNTS -> Words.text("unassigned.maxAccounts", n);
            case CAPACITY -> Words.text("unassigned.capacity", n, capacity);
        }));
        return Words.text("unassigned.none", account.getTier(), account.getName(), String.join(", ", parts));
    }
}
