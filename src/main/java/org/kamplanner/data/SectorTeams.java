package org.kamplanner.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import org.kamplanner.data.ReferenceTables.City;
import org.kamplanner.data.ReferenceTables.SectorProfile;
import org.kamplanner.domain.Complexity;
import org.kamplanner.domain.PlanSettings;
import org.kamplanner.domain.Tier;

/**
 * Tiers and KAM sectors of a dataset whose KAMs each work one main sector ({@link DatasetGenerator.Spec#sectorTeams()}):
 * each sector has its own tier shares, ranked by revenue within the sector (a manufacturer with €2m is a
 * C-account among manufacturers, a software house with €2m an A-account), and each sector gets a team whose
 * capacity is in proportion to the sector's workload. A KAM then carries as many accounts as its sector's
 * accounts are light: the ranges docs/model.md's defaults document.
 */
final class SectorTeams {

    private final List<SectorProfile> sectors;
    private final PlanSettings settings;
    /** Per sector, its accounts by revenue (most first). */
    private final List<List<AccountDraft>> ranked = new ArrayList<>();
    /** Per account index, the travel of a visit from the nearest KAM (the smallest any plan can have). */
    private final int[] nearestTravel;

    SectorTeams(List<SectorProfile> sectors, PlanSettings settings, List<AccountDraft> accounts, int[] nearestByRegion) {
        this.sectors = sectors;
        this.settings = settings;
        for (int s = 0; s < sectors.size(); s++) {
            int sector = s;
            ranked.add(Sampling.byRevenue(accounts.stream().filter(a -> a.sector == sector).toList()));
        }
        nearestTravel = accounts.stream().mapToInt(a -> nearestByRegion[a.region]).toArray();
    }

    /**
     * Tiers for one scale of every sector's A- and B-shares: the largest scale whose estimated workload
     * (each account at its nearest KAM) is at most {@code target}, then C-accounts with the most revenue
     * turned into B-accounts while it stays so; an over-full dataset ({@code atLeast}) turns them until the
     * estimate reaches the target, so that its smallest possible workload is the target. Returns the estimate.
     */
    long assignTiers(double target, boolean atLeast) {
        double low = 0;
        double high = 100.0 / sectors.stream().mapToInt(s -> s.team().tierShares().get(0)).min().orElseThrow();
        for (int i = 0; i < 50; i++) {
            double mid = (low + high) / 2;
            apply(mid);
            if (estimate() <= target) {
                low = mid;
            } else {
                high = mid;
            }
        }
        apply(low);
        long total = estimate();
        // One more account per sector can be a big step in a small dataset: C-accounts with the most
        // revenue become B-accounts while the estimate stays within the target (or until it reaches it).
        List<AccountDraft> cs = new ArrayList<>();
        ranked.forEach(list -> list.stream().filter(a -> a.tier == Tier.C).forEach(cs::add));
        cs.sort(Comparator.comparingLong((AccountDraft a) -> -a.annualRevenue).thenComparingInt(a -> a.index));
        for (AccountDraft a : cs) {
            long before = minutes(a);
            a.tier = Tier.B;
            long after = total - before + minutes(a);
            if (atLeast ? total >= target : after > target) {
                a.tier = Tier.C;
                minutes(a);
                break;
            }
            total = after;
        }
        return total;
    }

    private void apply(double scale) {
        for (int s = 0; s < sectors.size(); s++) {
            List<Integer> shares = sectors.get(s).team().tierShares();
            List<AccountDraft> list = ranked.get(s);
            int n = list.size();
            int a = (int) Math.min(n, Math.round(scale * shares.get(0) * n / 100.0));
            int b = (int) Math.min(n - a, Math.round(scale * shares.get(1) * n / 100.0));
            Sampling.assignTiers(list, a, b);
        }
    }

    private long estimate() {
        return Arrays.stream(sectorWorkloads()).sum();
    }

    int[] accountsBySector() {
        return ranked.stream().mapToInt(List::size).toArray();
    }

    /** Each sector's workload with every account at its nearest KAM. */
    long[] sectorWorkloads() {
        long[] load = new long[sectors.size()];
        for (int s = 0; s < sectors.size(); s++) {
            for (AccountDraft a : ranked.get(s)) {
                load[s] += minutes(a);
            }
        }
        return load;
    }

    private long minutes(AccountDraft a) {
        Complexity complexity = a.tier == Tier.A && a.drawnComplexity == Complexity.LOW ? Complexity.MEDIUM : a.drawnComplexity;
        a.complexity = complexity;
        return settings.baseMinutes(a.tier, complexity, a.phase)
                + settings.visitTravelMinutes(a.tier, a.remote, nearestTravel[a.index]);
    }

    /**
     * One main sector per KAM, the teams' capacities in proportion to the sectors' workloads: each KAM in
     * turn takes the sector whose share of the capacity is most unfilled, weighted by how strong the sector
     * is in the KAM's home territory (a KAM in Stuttgart more often works manufacturing).
     */
    void assignMainSectors(List<KamDraft> kams, List<City> cities) {
        long[] load = sectorWorkloads();
        double totalLoad = Arrays.stream(load).sum();
        double capacity = kams.stream().mapToLong(k -> k.capacityMinutes).sum();
        double[] unfilled = new double[sectors.size()];
        for (int s = 0; s < unfilled.length; s++) {
            unfilled[s] = load[s] / totalLoad * capacity;
        }
        for (KamDraft k : kams) {
            Arrays.fill(k.expertise, false);
            int best = 0;
            double bestScore = Double.NEGATIVE_INFINITY;
            for (int s = 0; s < unfilled.length; s++) {
                double score = unfilled[s] * (unfilled[s] > 0 ? cities.get(k.home).industryPercent(sectors.get(s).id()) : 100);
                if (score > bestScore) {
                    best = s;
                    bestScore = score;
                }
            }
            k.expertise[best] = true;
            unfilled[best] -= k.capacityMinutes;
        }
    }
}
