package org.kamplanner.document;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.kamplanner.domain.Account;
import org.kamplanner.domain.AssignmentPlan;
import org.kamplanner.domain.Kam;
import org.kamplanner.domain.Region;
import org.kamplanner.domain.Tier;
import org.kamplanner.solver.ScoreWords;

/**
 * Writes a plan back into the document shape: the input as given, each account's assignment, and the
 * derived figures of the API (README) (score, feasibility, summary, per-KAM load and per-account workload),
 * all computed from docs/model.md's integer workloads.
 */
public final class PlanReport {

    private PlanReport() {
    }

    /** Per-KAM figures of one plan, indexed by {@link Kam#getIndex()}. */
    public record KamFigures(long[] load, int[] accounts, long[] travel) {

        public static KamFigures of(AssignmentPlan plan) {
            int n = plan.getKams().size();
            KamFigures f = new KamFigures(new long[n], new int[n], new long[n]);
            for (Account account : plan.getAccounts()) {
                Kam kam = account.getKam();
                if (kam != null) {
                    f.load[kam.getIndex()] += account.getWorkloadMinutes();
                    f.accounts[kam.getIndex()]++;
                    f.travel[kam.getIndex()] += account.getTravelMinutes();
                }
            }
            return f;
        }
    }

    public static PlanDocument document(PlanDocument input, AssignmentPlan plan, String id, String status,
            List<String> warnings, String error) {
        KamFigures figures = KamFigures.of(plan);
        // Input and model are paired by id: a model may hold an account the input does not yet (one being
        // added), and nothing here may depend on both lists keeping the same order.
        Map<String, Kam> kamById = new HashMap<>();
        plan.getKams().forEach(k -> kamById.put(k.getId(), k));
        Map<String, Account> accountById = new HashMap<>();
        plan.getAccounts().forEach(a -> accountById.put(a.getId(), a));
        List<PlanDocument.Kam> kams = new ArrayList<>();
        for (PlanDocument.Kam k : input.kams() == null ? List.<PlanDocument.Kam>of() : input.kams()) {
            int i = kamById.get(k.id()).getIndex();
            kams.add(k.withOutput(figures.load[i], (double) figures.load[i] / kamById.get(k.id()).getCapacityMinutes(),
                    figures.accounts[i], figures.travel[i]));
        }
        kams = portfolios(kams, input, accountById);
        List<PlanDocument.Account> accounts = new ArrayList<>();
        for (PlanDocument.Account a : input.accounts() == null ? List.<PlanDocument.Account>of() : input.accounts()) {
            Account account = accountById.get(a.id());
            Kam kam = account.getKam();
            // Unassigned: no KAM, so no travel; the workload shown is base(a), what any KAM would add first.
            int workload = kam == null ? account.getBaseMinutes() : account.getWorkloadMinutes();
            accounts.add(a.withOutput(kam == null ? null : kam.getId(), workload, account.getTravelMinutes()));
        }
        var score = plan.getScore();
        return new PlanDocument(id, input.name(), status, score == null ? null : score.toString(),
                score == null ? null : score.isFeasible(), warnings, error, summary(plan, figures),
                input.settings(), input.sectors(), input.regions(), input.travelOverrides(), input.forbiddenPairs(),
                input.affinities(), kams, accounts);
    }

    /** Each KAM with the revenue of its accounts and how many of each tier it has (input revenue, plan's KAM). */
    private static List<PlanDocument.Kam> portfolios(List<PlanDocument.Kam> kams, PlanDocument input,
            Map<String, Account> accountById) {
        Map<String, BigDecimal> revenue = new HashMap<>();
        Map<String, Map<String, Integer>> byTier = new HashMap<>();
        for (PlanDocument.Kam k : kams) {
            revenue.put(k.id(), BigDecimal.ZERO);
            Map<String, Integer> tiers = new LinkedHashMap<>();
            for (Tier tier : Tier.values()) {
                tiers.put(tier.name(), 0);
            }
            byTier.put(k.id(), tiers);
        }
        for (PlanDocument.Account a : input.accounts() == null ? List.<PlanDocument.Account>of() : input.accounts()) {
            Account account = accountById.get(a.id());
            if (account == null || account.getKam() == null || !revenue.containsKey(account.getKam().getId())) {
                continue;
            }
            String kamId = account.getKam().getId();
            if (a.annualRevenue() != null) {
                revenue.merge(kamId, a.annualRevenue(), BigDecimal::add);
            }
            byTier.get(kamId).merge(account.getTier().name(), 1, Integer::sum);
        }
        return kams.stream().map(k -> k.withPortfolio(revenue.get(k.id()), byTier.get(k.id()).get("A"),
                byTier.get(k.id()).get("B"), byTier.get(k.id()).get("C"))).toList();
    }

    public static PlanDocument.Summary summary(AssignmentPlan plan) {
        return summary(plan, KamFigures.of(plan));
    }

    private static PlanDocument.Summary summary(AssignmentPlan plan, KamFigures figures) {
        int assigned = 0;
        int moved = 0;
        int handOvers = 0;
        long travel = 0;
        for (Account account : plan.getAccounts()) {
            if (account.getKam() != null) {
                assigned++;
                travel += account.getTravelMinutes();
            }
            if (account.isMoved()) {
                moved++;
            }
            if (account.isHandOver()) {
                handOvers++;
            }
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        for (Kam kam : plan.getActiveKams()) {
            double utilization = (double) figures.load[kam.getIndex()] / kam.getCapacityMinutes();
            min = Math.min(min, utilization);
            max = Math.max(max, utilization);
            sum += utilization;
        }
        int active = plan.getActiveKams().size();
        Map<String, Integer> unassignedByTier = new LinkedHashMap<>();
        for (Tier tier : Tier.values()) {
            unassignedByTier.put(tier.name(), 0);
        }
        plan.getAccounts().stream().filter(a -> a.getKam() == null)
                .forEach(a -> unassignedByTier.merge(a.getTier().name(), 1, Integer::sum));
        long missing = minimalWorkload(plan) - plan.getActiveKams().stream().mapToLong(Kam::getCapacityMinutes).sum();
        String headline = ScoreWords.headline(plan.getAccounts().size(), assigned, unassignedByTier,
                Math.max(0, missing), active == 0 ? 0 : min, active == 0 ? 0 : max, moved);
        return new PlanDocument.Summary(assigned, plan.getAccounts().size() - assigned, moved, handOvers, travel,
                active == 0 ? 0 : min, active == 0 ? 0 : max, active == 0 ? 0 : sum / active, unassignedByTier,
                missing > 0 ? Math.round(missing / 6.0) / 10.0 : null,
                missing > 0 ? Math.round(missing * 10.0 / ScoreWords.FULL_TIME_MINUTES) / 10.0 : null, null,
                revenueShares(plan), null, headline);
    }

    /** Each active KAM's revenue share against its capacity share; absent when no account has a revenue. */
    private static List<RevenueShare> revenueShares(AssignmentPlan plan) {
        long total = plan.getAccounts().stream().mapToLong(Account::getRevenueK).sum();
        if (total == 0) {
            return null;
        }
        long[] revenue = new long[plan.getKams().size()];
        for (Account account : plan.getAccounts()) {
            if (account.getKam() != null) {
                revenue[account.getKam().getIndex()] += account.getRevenueK();
            }
        }
        long capacity = plan.getActiveKams().stream().mapToLong(Kam::getCapacityMinutes).sum();
        return plan.getActiveKams().stream().map(k -> new RevenueShare(k.getId(),
                (double) revenue[k.getIndex()] / total, (double) k.getCapacityMinutes() / capacity)).toList();
    }

    /** Σ over accounts of the smallest workload any active KAM could give it (nearest home region). */
    static long minimalWorkload(AssignmentPlan plan) {
        // Travel depends only on the home region: try each distinct one, not each KAM.
        List<Region> homes = plan.getActiveKams().stream().map(Kam::getHomeRegion).distinct().toList();
        long total = 0;
        for (Account account : plan.getAccounts()) {
            int nearest = homes.stream().mapToInt(account::getTravelMinutesFrom).min().orElse(0);
            total += account.getBaseMinutes() + nearest;
        }
        return total;
    }
}
