package org.kamplanner.domain;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * travelMinutes(home, r) of docs/model.md from every KAM home region to every region, computed once per plan:
 * the score only reads the per-account arrays derived from it, and travel is only ever asked from a KAM's home.
 * Rows for home regions only, numbered by a home slot: at 5,000 regions and 1,500 homes the table is
 * 1,500 × 5,000 ints (30 MB) instead of 5,000 × 5,000 (100 MB), and each account's travel array has 1,500
 * entries instead of 5,000, see docs/deployment.md.
 */
public final class TravelTimes {

    /** An explicit travel time between two regions (by id); the reverse direction is implied unless given. */
    public record Override(String fromRegionId, String toRegionId, int minutes) {
    }

    /** The home regions in slot order. */
    private final List<Region> homes;
    /** By region index: its home slot, or -1 for a region that is no KAM's home. Shared by every account. */
    private final int[] slotByRegion;
    /** By home slot, then by the index of the region travelled to. */
    private final int[][] minutes;

    private TravelTimes(List<Region> homes, int[] slotByRegion, int[][] minutes) {
        this.homes = homes;
        this.slotByRegion = slotByRegion;
        this.minutes = minutes;
    }

    /** From every region (the dataset generator, which asks before homes are fixed). */
    public static TravelTimes of(List<Region> regions, List<Override> overrides, PlanSettings settings) {
        return of(regions, regions, overrides, settings);
    }

    /** From the given home regions to every region. */
    public static TravelTimes of(List<Region> regions, Collection<Region> homeRegions, List<Override> overrides,
            PlanSettings settings) {
        int n = regions.size();
        int[] slotByRegion = new int[n];
        Arrays.fill(slotByRegion, -1);
        List<Region> homes = new ArrayList<>();
        for (Region home : homeRegions) {
            if (slotByRegion[home.index()] < 0) {
                slotByRegion[home.index()] = homes.size();
                homes.add(home);
            }
        }
        int[][] minutes = new int[homes.size()][];
        for (Region from : homes) {
            int[] row = new int[n];
            for (Region to : regions) {
                row[to.index()] = from == to ? settings.intraRegionTravelMinutes() : settings.roadMinutes(from, to);
            }
            minutes[slotByRegion[from.index()]] = row;
        }
        Map<String, Region> byId = new HashMap<>();
        regions.forEach(r -> byId.put(r.id(), r));
        // Explicit directions first; then each override stands for its reverse where that has none.
        Set<Long> explicit = new HashSet<>();
        for (Override o : overrides) {
            int from = byId.get(o.fromRegionId()).index();
            int to = byId.get(o.toRegionId()).index();
            if (slotByRegion[from] >= 0) {
                minutes[slotByRegion[from]][to] = o.minutes();
            }
            explicit.add((long) from * n + to);
        }
        for (Override o : overrides) {
            int from = byId.get(o.fromRegionId()).index();
            int to = byId.get(o.toRegionId()).index();
            if (slotByRegion[to] >= 0 && !explicit.contains((long) to * n + from)) {
                minutes[slotByRegion[to]][from] = o.minutes();
            }
        }
        return new TravelTimes(List.copyOf(homes), slotByRegion, minutes);
    }

    /** The regions travel is kept from, in slot order: index i of {@link #homeSlots()} names slot i. */
    public List<Region> homes() {
        return homes;
    }

    /** By region index: its home slot, or -1; the array is shared, never to be written. */
    public int[] homeSlots() {
        return slotByRegion;
    }

    /** @throws IllegalArgumentException when {@code from} is not a home region of the table */
    public int minutes(Region from, Region to) {
        int slot = slotByRegion[from.index()];
        if (slot < 0) {
            throw new IllegalArgumentException("Travel is only kept from KAM home regions, not from " + from.id());
        }
        return minutes[slot][to.index()];
    }
}
