package org.kamplanner.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.kamplanner.document.PlanDocument;
import org.kamplanner.solver.KamConstraint;

/**
 * A generalized assignment problem (m agents, n jobs, cost c[i][j], resource r[i][j], capacity b[i];
 * every job on exactly one agent, minimum total cost) as a plan document whose score is exactly
 * {@code 0hard/0medium/-cost} for a feasible GAP solution: agents are KAMs, jobs accounts, capacity
 * is {@code capacityMinutes}, cost is an {@code Account affinity} penalty and the resource is
 * workload(a, k) of docs/model.md.
 *
 * <p>The model has no per-pair workload field, but workload(a, k) = base(a) + travel(a, k) depends on
 * the pair through the KAM's home region, and travel has per-region-pair overrides. So each KAM gets a
 * home region of its own, each account a region of its own, {@code workloadOverrideMinutes} 0 and a
 * travel override of r[i][j] minutes from KAM i's home to account j's region; with every account tier C
 * and {@code visitsPerYear} C = 6, travel(a, k) = round(6 × 2 × r / 12) = r. The mapping is exact: no
 * rounding, no other term. Every other soft constraint is switched off by weight 0, the one sector
 * caps nothing (cap n) and needs no expertise, no KAM has an account limit, and tier C asks for no
 * experience; an unassigned job costs 1 medium, so any plan with all jobs placed beats one without.
 */
public final class GapPlans {

    private GapPlans() {
    }

    /** The plan document of a GAP instance; {@code resource[i][j]} must be ≥ 0 and {@code capacity[i]} > 0. */
    public static PlanDocument document(String name, int[][] cost, int[][] resource, int[] capacity) {
        int m = capacity.length;
        int n = cost[0].length;
        List<PlanDocument.Region> regions = new ArrayList<>();
        List<PlanDocument.TravelOverride> overrides = new ArrayList<>();
        List<PlanDocument.Affinity> affinities = new ArrayList<>();
        List<PlanDocument.Kam> kams = new ArrayList<>();
        List<PlanDocument.Account> accounts = new ArrayList<>();
        for (int i = 0; i < m; i++) {
            // Coordinates only matter where no override is given, and every pair used has one.
            regions.add(new PlanDocument.Region("home-" + i, "home of agent " + i, 0.0, 0.0));
            kams.add(new PlanDocument.Kam("agent-" + i, null, "home-" + i, null, List.of("jobs"), capacity[i], null,
                    true, null, null, null, null));
        }
        for (int j = 0; j < n; j++) {
            regions.add(new PlanDocument.Region("job-" + j, "place of job " + j, 0.0, 0.0));
            accounts.add(new PlanDocument.Account("job-" + j, null, "jobs", "job-" + j, "C", null, null, null, null,
                    null, 0, null, null, null, null));
            for (int i = 0; i < m; i++) {
                overrides.add(new PlanDocument.TravelOverride("home-" + i, "job-" + j, resource[i][j]));
                affinities.add(new PlanDocument.Affinity("agent-" + i, "job-" + j, (long) cost[i][j]));
            }
        }
        Map<String, Long> weights = Map.of(
                KamConstraint.BALANCED_WORKLOAD.constraintName(), 0L,
                KamConstraint.TRAVEL_TIME.constraintName(), 0L,
                KamConstraint.ACCOUNT_CONTINUITY.constraintName(), 0L,
                KamConstraint.PREFERRED_SECTOR_EXPERTISE.constraintName(), 0L);
        PlanDocument.Settings settings = new PlanDocument.Settings(null, null, null, null, null, null, null,
                Map.of("A", 6, "B", 6, "C", 6), null, null, weights, null, null, null, null, null, null, null);
        List<PlanDocument.Sector> sectors = List.of(new PlanDocument.Sector("jobs", "jobs", n, false));
        return new PlanDocument(null, name + " (GAP, " + m + " agents, " + n + " jobs)", null, null, null, null,
                null, null, settings, sectors, regions, overrides, List.of(), affinities, kams, accounts);
    }
}
