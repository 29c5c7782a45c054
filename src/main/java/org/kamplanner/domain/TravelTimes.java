package org.kamplanner.domain;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * travelMinutes(r1, r2) of docs/model.md for every pair of regions, computed once per plan: the score
 * only reads the per-account arrays derived from it.
 */
public final class TravelTimes {

    /** A directed override; symmetric unless the reverse direction is given too. */
    public record Override(String fromRegionId, String toRegionId, int minutes) {
    }

    private final int[][] minutes;

    private TravelTimes(int[][] minutes) {
        this.minutes = minutes;
    }

    public static TravelTimes of(List<Region> regions, List<Override> overrides, PlanSettings settings) {
        int n = regions.size();
        int[][] minutes = new int[n][n];
        for (Region from : regions) {
            for (Region to : regions) {
                minutes[from.index()][to.index()] = from == to
                        ? settings.intraRegionTravelMinutes()
                        : settings.roadMinutes(from, to);
            }
        }
        Map<String, Region> byId = new HashMap<>();
        regions.forEach(r -> byId.put(r.id(), r));
        // Explicit directions first; then each override stands for its reverse where that has none.
        boolean[][] explicit = new boolean[n][n];
        for (Override o : overrides) {
            int from = byId.get(o.fromRegionId()).index();
            int to = byId.get(o.toRegionId()).index();
            minutes[from][to] = o.minutes();
            explicit[from][to] = true;
        }
        for (Override o : overrides) {
            int from = byId.get(o.fromRegionId()).index();
            int to = byId.get(o.toRegionId()).index();
            if (!explicit[to][from]) {
                minutes[to][from] = o.minutes();
            }
        }
        return new TravelTimes(minutes);
    }

    public int minutes(Region from, Region to) {
        return minutes[from.index()][to.index()];
    }
}
