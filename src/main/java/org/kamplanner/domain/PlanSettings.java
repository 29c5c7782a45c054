package org.kamplanner.domain;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

import ai.timefold.solver.core.config.solver.termination.TerminationConfig;

/**
 * The model parameters of docs/model.md with every default filled in. The document's settings give any
 * subset; {@link #defaults()} plus those overrides is what the score uses.
 */
public record PlanSettings(
        int aTierMinExperienceYears,
        int intraRegionTravelMinutes,
        double roadFactor,
        double speedKmh,
        Map<Tier, Integer> tierMinutes,
        Map<Complexity, Integer> complexityPercent,
        Map<Phase, Integer> phasePercent,
        Map<Tier, Integer> visitsPerYear,
        Map<Tier, Long> unassignedPenalty,
        Map<Tier, Long> movePenalty,
        Map<String, Long> constraintWeights,
        long terminationSeconds,
        Long unimprovedSeconds,
        Integer seed,
        Integer workBudget,
        Integer maxMovedAccounts, // the cap on handOvers (hard constraint Max hand-overs); null: no cap
        Set<Tier> keepWithIncumbent) { // these tiers' accounts are locked to an active incumbent

    public static final double EARTH_RADIUS_KM = 6371.0;
    public static final int PREFERRED_EXPERTISE_PENALTY = 300;

    public static PlanSettings defaults() {
        return new PlanSettings(5, 30, 1.3, 80,
                enumMap(Tier.class, Map.of(Tier.A, 2400, Tier.B, 480, Tier.C, 120)),
                enumMap(Complexity.class, Map.of(Complexity.LOW, 75, Complexity.MEDIUM, 100, Complexity.HIGH, 150)),
                enumMap(Phase.class, Map.of(Phase.ONBOARDING, 150, Phase.ESTABLISHED, 100)),
                enumMap(Tier.class, Map.of(Tier.A, 24, Tier.B, 12, Tier.C, 4)),
                enumMap(Tier.class, Map.of(Tier.A, 100L, Tier.B, 10L, Tier.C, 1L)),
                enumMap(Tier.class, Map.of(Tier.A, 2000L, Tier.B, 600L, Tier.C, 200L)),
                Map.of(), 30, null, null, null, null, Set.of());
    }

    /**
     * terminationSeconds when a plan gives none: docs/model.md's 30 s up to 3,000 accounts, then one second
     * per 100 accounts (dach-xl, 15,000 accounts: 150 s), at most five minutes. A fixed 30 s cut
     * the biggest plans off while local search was still improving them by several per cent a minute.
     */
    public static long defaultTerminationSeconds(int accounts) {
        return Math.max(30, Math.min(300, accounts / 100));
    }

    public PlanSettings withTerminationSeconds(long seconds) {
        return new PlanSettings(aTierMinExperienceYears, intraRegionTravelMinutes, roadFactor, speedKmh, tierMinutes,
                complexityPercent, phasePercent, visitsPerYear, unassignedPenalty, movePenalty, constraintWeights,
                seconds, unimprovedSeconds, seed, workBudget, maxMovedAccounts, keepWithIncumbent);
    }

    public PlanSettings withMaxMovedAccounts(Integer cap) {
        return new PlanSettings(aTierMinExperienceYears, intraRegionTravelMinutes, roadFactor, speedKmh, tierMinutes,
                complexityPercent, phasePercent, visitsPerYear, unassignedPenalty, movePenalty, constraintWeights,
                terminationSeconds, unimprovedSeconds, seed, workBudget, cap, keepWithIncumbent);
    }

    private static <K extends Enum<K>, V> Map<K, V> enumMap(Class<K> type, Map<K, V> values) {
        Map<K, V> map = new EnumMap<>(type);
        map.putAll(values);
        return map;
    }

    /** How long to solve: terminationSeconds, or sooner after unimprovedSeconds without a better score. */
    public TerminationConfig termination() {
        TerminationConfig config = new TerminationConfig().withSpentLimit(Duration.ofSeconds(terminationSeconds));
        if (unimprovedSeconds != null) {
            config.setUnimprovedSpentLimit(Duration.ofSeconds(unimprovedSeconds));
        }
        return config;
    }

    /** base(a) of docs/model.md without an override: round(tier × complexity% × phase% / 10000). */
    public int baseMinutes(Tier tier, Complexity complexity, Phase phase) {
        long product = (long) tierMinutes.get(tier) * complexityPercent.get(complexity) * phasePercent.get(phase);
        return (int) Math.round(product / 10000.0);
    }

    /** travel(a, k) of docs/model.md: round(visitsPerYear × 2 × travelMinutes / 12). */
    public int visitTravelMinutes(Tier tier, boolean remote, int travelMinutes) {
        if (remote) {
            return 0;
        }
        long product = (long) visitsPerYear.get(tier) * 2 * travelMinutes;
        return (int) Math.round(product / 12.0);
    }

    /** One-way road minutes between two distinct regions without an override. */
    public int roadMinutes(Region from, Region to) {
        return (int) Math.round(haversineKm(from, to) * roadFactor / speedKmh * 60);
    }

    public static double haversineKm(Region from, Region to) {
        double lat1 = Math.toRadians(from.latitude());
        double lat2 = Math.toRadians(to.latitude());
        double dLat = lat2 - lat1;
        double dLon = Math.toRadians(to.longitude() - from.longitude());
        double a = Math.sin(dLat / 2) * Math.sin(dLat / 2)
                + Math.cos(lat1) * Math.cos(lat2) * Math.sin(dLon / 2) * Math.sin(dLon / 2);
        return EARTH_RADIUS_KM * 2 * Math.atan2(Math.sqrt(a), Math.sqrt(1 - a));
    }
}
